#pragma once

// Reading a server's sessions from a test: a ServerSessionReader's task run
// on a Session, and the session of one server id in what it read.
#include "core/diagnosis/serversessionreader.h"
#include "core/pool/session.h"
#include "core/sql/dialect.h"

#include <QSignalSpy>
#include <QString>
#include <QTest>

namespace sessionreading {

// What a task answered, or an error.
template<typename T>
T runTask(Session *session, const WorkerTask &task, QString *error = nullptr)
{
    QSignalSpy done(session, &Session::taskFinished);
    if (!session->runTask(task)) {
        if (error)
            *error = QStringLiteral("session busy");
        return T();
    }
    if (!done.wait(30000)) {
        if (error)
            *error = QStringLiteral("task did not finish");
        return T();
    }
    if (error)
        *error = done.first().at(1).toString();
    return done.first().at(0).value<T>();
}

inline ServerSessionSnapshot read(Session *session, const ServerSessionReader &reader)
{
    QString error;
    const auto snapshot = runTask<ServerSessionSnapshot>(session, reader.task(), &error);
    if (!error.isEmpty())
        qWarning("read failed: %s", qPrintable(error));
    return snapshot;
}

inline const ServerSession *find(const ServerSessionSnapshot &snapshot, qint64 pid)
{
    for (const ServerSession &session : snapshot.sessions) {
        if (session.pid == pid)
            return &session;
    }
    return nullptr;
}

// The statement that answers the asking connection's own server id.
inline QString pidSql(Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? QStringLiteral("SELECT pg_backend_pid()")
                                          : QStringLiteral("SELECT CONNECTION_ID()");
}

} // namespace sessionreading

#define SERVER_ONLY(dialect)                                                                       \
    if (dialect == Dialect::SQLite)                                                                \
    QSKIP("SQLite has no server sessions (sqliteListsProcessesHoldingTheFile covers it)")

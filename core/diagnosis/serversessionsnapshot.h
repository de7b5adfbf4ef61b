#pragma once

#include "core/diagnosis/pgbouncerstate.h"
#include "core/diagnosis/serversession.h"
#include "core/diagnosis/serversessiongroup.h"
#include "core/sql/dialect.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// Every session the server reported at one moment, with the server's own clock
// (ages are computed from it, never from ours).
struct ServerSessionSnapshot
{
    Dialect dialect = Dialect::SQLite;
    QDateTime takenAt; // the server's clock, UTC; SQLite: this machine's
    ServerSessions sessions;
    // Server id of the connection that read the snapshot (left out of sessions
    // unless asked for); 0 for SQLite.
    qint64 readerPid = 0;
    // SQLite: how many connections poolscope itself has to the file.
    int ownConnections = 0;
    // Set when the read failed; sessions is empty then.
    QString error;
    // What the server would not tell (missing privileges), for people.
    QStringList notes;
    // max_connections, and the part of it only superusers may use; unset
    // for SQLite or when the server did not say.
    std::optional<int> maxConnections{};
    int reservedConnections = 0;
    // The name of that limit: max_connections, or PgBouncer's max_client_conn.
    QString connectionLimitName = QStringLiteral("max_connections");
    // Set when the bind is PgBouncer's admin console: its databases, pools
    // and limits, and whether its user may act.
    std::optional<PgBouncerState> pgbouncer{};
    // The groups worth a finding (ServerSessionGroups::findings), once the
    // snapshot is analysed (ServerSessionAnalysis).
    QList<ServerSessionGroup> findings;

    bool isValid() const { return error.isEmpty() && takenAt.isValid(); }
    int suspectCount() const
    {
        int count = 0;
        for (const ServerSession &session : sessions)
            count += session.isSuspect() ? 1 : 0;
        return count;
    }
};

Q_DECLARE_METATYPE(ServerSessionSnapshot)

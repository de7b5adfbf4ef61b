#pragma once

#include "core/config/connectspec.h"
#include "core/config/secretscrubber.h"
#include "core/connection/workercontext.h"
#include "core/driver/column.h"
#include "core/driver/rowbatch.h"
#include "core/driver/sqlparams.h"
#include "core/driver/statementresult.h"

#include <QObject>
#include <QSocketNotifier>
#include <QSqlDatabase>

#include <memory>

class NativeConnection;
class RunningStatement;

// Lives on its connection's own thread (docs/architecture.md, "Threads"):
// opens the Qt SQL connection there, runs every statement there and closes it
// there. Its slots are invoked queued by Connection; rows leave in batches of
// about 2,000 rows or 20 ms, whichever comes first.
class ConnectionWorker final : public QObject
{
    Q_OBJECT

public:
    ConnectionWorker(const ConnectSpec &spec, const QString &connectionName,
                     std::shared_ptr<RunningStatement> running);
    ~ConnectionWorker() override;

    // Values longer than this are cut in batches (exports read whole values).
    static constexpr qsizetype kCellLimit = 4 * 1024 * 1024;

    void open();
    void execute(quint64 request, const QString &sql, const SqlParams &params);
    void ping(quint64 request);
    // Ends a transaction that is open (SQLAlchemy's reset on return): rollback,
    // or commit when asked.
    void reset(quint64 request, bool commit);
    // Runs task with this connection; taskDone carries its value.
    void runTask(quint64 request, const WorkerTask &task);
    // Closes the connection and ends the thread's event loop.
    void close();

Q_SIGNALS:
    void opened(qint64 serverId, const QString &serverVersion);
    void openFailed(const QString &message);
    void resultStarted(quint64 request, const Columns &columns);
    void rowsReady(quint64 request, const RowBatch &rows);
    void finished(quint64 request, const StatementResult &result);
    void pinged(quint64 request, bool ok, const QString &error);
    void resetDone(quint64 request, bool ok, bool rolledBack, const QString &error);
    void taskProgress(quint64 request, qint64 done);
    void taskDone(quint64 request, const QVariant &value, const QString &error, bool inTransaction);
    // The server ended the session while it was idle (killed, restarted).
    void lost(const QString &reason);

private:
    void configure(QSqlDatabase &db) const;
    QString scrub(const QString &message) const;
    void closeDatabase();
    // A read-only bind's session that switched read-only off is not used
    // again: false (and m_readOnlyLost set) once that happened.
    bool keepsReadOnly();
    // Watches the socket while no statement runs, to notice a server that
    // ended the session without waiting for the next statement to fail.
    void watchSocket(bool watch);
    void onSocketReadable();

    ConnectSpec m_spec;
    SecretScrubber m_scrubber;
    QString m_connectionName;
    std::shared_ptr<RunningStatement> m_running;
    std::unique_ptr<NativeConnection> m_native;
    QSqlDatabase m_db;
    QSocketNotifier *m_notifier = nullptr;
    QString m_readOnlyLost;
};

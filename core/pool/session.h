#pragma once

#include "core/connection/workercontext.h"
#include "core/driver/column.h"
#include "core/driver/rowbatch.h"
#include "core/driver/sqlparams.h"
#include "core/driver/statementresult.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

class Connection;
class Engine;
class Pool;

// What a session tab holds, with SQLAlchemy Session semantics: it borrows a
// connection lazily on its first statement. In autocommit mode the connection
// goes back as soon as a statement is done, unless the statement left a
// transaction open; in transaction mode it stays pinned from the first
// statement to commit, rollback or close. close() always returns it (the pool
// rolls back first); a Session destroyed without close() returns it too and the
// pool logs a reclaimed leak.
class Session final : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Autocommit, Transaction };
    Q_ENUM(Mode)

    Session(Engine *engine, const QString &owner, QObject *parent = nullptr);
    ~Session() override;

    Engine *engine() const;
    QString owner() const { return m_owner; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    // Runs sql; answers with resultStarted / rowsReady, then finished. Returns
    // false (and does nothing) while a statement is still running.
    // params fill sql's placeholders (dialects::placeholder).
    bool execute(const QString &sql, const SqlParams &params = SqlParams());
    // Runs task with this session's connection on its worker (an export, a
    // schema read); answers with taskProgress, then taskFinished. Returns false
    // while something else runs.
    bool runTask(const WorkerTask &task);
    // Stops the running statement, or the wait for a connection.
    void cancel();
    // Ends the open transaction; false when there is none.
    bool commit();
    bool rollback();
    // Returns the connection to the pool (rolled back on its way).
    void close();
    // When set, close() (and destruction) also closes the connections the pool
    // opened for this session, so it leaves the server as it found it. GUI
    // tabs set it; plain SQLAlchemy semantics keep them pooled.
    void setClosesItsConnections(bool closes) { m_closesItsConnections = closes; }

    bool isBusy() const { return m_busy; }
    bool isWaitingForConnection() const { return m_ticket != 0; }
    Connection *connection() const;
    bool inTransaction() const;
    QDateTime transactionStartedAt() const;

Q_SIGNALS:
    void resultStarted(const Columns &columns);
    void rowsReady(const RowBatch &rows);
    void finished(const StatementResult &result);
    void taskProgress(qint64 done);
    // error is empty on success, "Cancelled" after cancel().
    void taskFinished(const QVariant &value, const QString &error);
    // Connection taken or returned, transaction begun or ended, busy or not.
    void stateChanged();
    // The connection this session held was closed under it while nothing ran
    // (the server ended the session or restarted, the pool was disposed);
    // an open transaction went with it. The next statement opens a new one.
    void connectionLost(const QString &reason, bool transactionLost);

private:
    void acquireAndRun();
    void attach(Connection *connection);
    void detach();
    void release();
    void runPending();
    void startPending();
    void onFinished(quint64 request, const StatementResult &result);
    void onTaskDone(quint64 request, const QVariant &value, const QString &error);
    void onConnectionGone();
    void fail(const QString &message, bool cancelled = false);

    QPointer<Engine> m_engine;
    QPointer<Pool> m_pool;
    QString m_owner;
    Mode m_mode = Mode::Autocommit;
    QPointer<Connection> m_connection;
    QList<QMetaObject::Connection> m_links;
    quint64 m_ticket = 0;
    quint64 m_request = 0;
    quint64 m_beginRequest = 0;
    QString m_pendingSql;
    SqlParams m_pendingParams;
    WorkerTask m_pendingTask;
    bool m_busy = false;
    bool m_closesItsConnections = false;
};

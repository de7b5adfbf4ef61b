#pragma once

#include "core/config/connectspec.h"
#include "core/connection/signalfollowers.h"
#include "core/connection/workercontext.h"
#include "core/driver/column.h"
#include "core/driver/rowbatch.h"
#include "core/driver/sqlparams.h"
#include "core/driver/statementresult.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

class ConnectionWorker;
class QThread;
class PendingInterrupt;
class RunningStatement;
class ThreadReaper;

// One database connection owned by a pool, as the owning thread sees it. The
// real connection lives on its own worker thread; every call here returns at
// once and answers come back as signals. Knows what the pool and the GUI show:
// server-side id, when it connected and was checked out, by whom, the last SQL.
class Connection final : public QObject
{
    Q_OBJECT

public:
    enum class State { Connecting, Idle, CheckedOut, Resetting, Closing, Closed };
    Q_ENUM(State)

    // How long a closing connection's statement has to end after its cancel
    // before the socket is shut down under it.
    static constexpr int kCloseGraceMs = 2000;

    // reaper takes the worker's thread and the cancels, and must outlive
    // this connection.
    Connection(const ConnectSpec &spec, int number, ThreadReaper *reaper,
               QObject *parent = nullptr);
    // Stops the running statement and closes the connection without waiting:
    // the worker's thread goes to the reaper and ends when the close is done.
    ~Connection() override;

    void open();
    // params fill sql's placeholders (dialects::placeholder).
    quint64 execute(const QString &sql, const SqlParams &params = SqlParams());
    // Cancels request (0: whatever runs); the connection stays usable.
    void cancel(quint64 request = 0);
    // Runs task on the worker (schema reading, exports); taskDone follows.
    quint64 runTask(const WorkerTask &task);
    quint64 ping();
    // Ends an open transaction on the worker: rollback, or commit when asked.
    quint64 reset(bool commit = false);
    // Closes on the worker; closed() follows. Idempotent.
    void close();

    int number() const { return m_number; }
    QString bindName() const { return m_spec.bindName; }
    Dialect dialect() const { return m_spec.url.dialect(); }
    State state() const { return m_state; }
    bool isOpen() const
    {
        return m_state == State::Idle || m_state == State::CheckedOut ||
               m_state == State::Resetting;
    }
    bool isBusy() const { return m_pending > 0; }
    qint64 serverId() const { return m_serverId; }
    QString serverVersion() const { return m_serverVersion; }
    QDateTime connectedAt() const { return m_connectedAt; }
    QDateTime checkedOutAt() const
    {
        return m_checkedOutMSecs != 0 ? QDateTime::fromMSecsSinceEpoch(m_checkedOutMSecs, Qt::UTC)
                                      : QDateTime();
    }
    // The same in milliseconds since the epoch, 0 when not checked out: what
    // the pool stamps its checkout event with, read on every checkout.
    qint64 checkedOutMSecs() const { return m_checkedOutMSecs; }
    QString owner() const { return m_hasOwner ? m_owner : QString(); }
    QString lastSql() const { return m_lastSql; }
    bool inTransaction() const { return m_inTransaction; }
    QDateTime transactionStartedAt() const { return m_transactionStartedAt; }
    bool isInvalidated() const { return m_invalidated; }
    QString invalidationReason() const { return m_invalidationReason; }
    bool isLeakSuspected() const { return m_leakSuspected; }
    // "connection #3 (pid 4711)", the form used in events and the GUI.
    QString label() const;

    // Bookkeeping set by the pool.
    void setState(State state);
    // at: the pool's clock, in ms since the epoch (EventClock in core/pool).
    void markCheckedOut(const QString &owner, qint64 at);
    void markCheckedIn();
    void markInvalidated(const QString &reason);
    void setLeakSuspected(bool suspected);
    // Who the connection was opened for (an identity, never dereferenced), so
    // that it can be closed when its opener goes away.
    void setOpener(const void *opener) { m_opener = opener; }
    const void *opener() const { return m_opener; }
    void setCloseOnCheckin(bool close) { m_closeOnCheckin = close; }
    // The pool's books, told of every change just before changed() is
    // emitted: a plain call, because the pool changes its connections on every
    // checkout and checkin, and a connected signal costs more than the rest
    // of the checkout.
    void setChangedHandler(std::function<void()> handler) { m_changedHandler = std::move(handler); }
    bool closeOnCheckin() const { return m_closeOnCheckin; }

Q_SIGNALS:
    void opened();
    void openFailed(const QString &message);
    void resultStarted(quint64 request, const Columns &columns);
    void rowsReady(quint64 request, const RowBatch &rows);
    void finished(quint64 request, const StatementResult &result);
    void pinged(quint64 request, bool ok, const QString &error);
    void taskProgress(quint64 request, qint64 done);
    // error is "Cancelled" when the task was cancelled.
    void taskDone(quint64 request, const QVariant &value, const QString &error);
    void resetDone(quint64 request, bool ok, bool rolledBack, const QString &error);
    void closed();
    // The server ended the session while no statement ran.
    void lost(const QString &reason);
    // Anything shown about the connection changed.
    void changed();

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    template<typename F>
    void post(F &&call);
    // Numbers a request, counts it pending and posts call(worker, number).
    template<typename F>
    quint64 request(F &&call);
    void onFinished(quint64 request, const StatementResult &result);
    void notifyChanged();
    // closing: no statement follows, so one the server never ends may be cut off.
    void sendInterrupt(const PendingInterrupt &interrupt, bool closing);

    ConnectSpec m_spec;
    int m_number;
    ThreadReaper *m_reaper;
    State m_state = State::Connecting;
    std::unique_ptr<QThread> m_thread;
    ConnectionWorker *m_worker = nullptr;
    std::shared_ptr<RunningStatement> m_running;
    quint64 m_nextRequest = 1;
    int m_pending = 0;

    qint64 m_serverId = 0;
    QString m_serverVersion;
    QDateTime m_connectedAt;
    qint64 m_checkedOutMSecs = 0;
    // Kept after checkin, so that the same owner checking out again changes
    // no reference count (every pair does it); m_hasOwner says if it holds.
    QString m_owner;
    bool m_hasOwner = false;
    QString m_lastSql;
    bool m_inTransaction = false;
    QDateTime m_transactionStartedAt;
    bool m_invalidated = false;
    QString m_invalidationReason;
    bool m_leakSuspected = false;
    std::function<void()> m_changedHandler;
    const void *m_opener = nullptr;
    bool m_closeOnCheckin = false;
    SignalFollowers m_changedFollowers{QMetaMethod::fromSignal(&Connection::changed)};
};

#include "core/connection/connection.h"

#include "core/connection/connectionworker.h"
#include "core/connection/runningstatement.h"
#include "core/connection/threadreaper.h"
#include "core/driver/interrupter.h"

#include <QAtomicInteger>
#include <QThread>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace {

QString uniqueConnectionName(const QString &bind, int number)
{
    static QAtomicInteger<quint64> serial;
    return QStringLiteral("poolscope/%1/%2/%3").arg(bind).arg(number).arg(++serial);
}

// Linux gives each thread its own nice value; elsewhere threads keep the
// process's priority. Relative to what the thread inherited: a process
// already started under nice goes further down, never up.
void lowerThisThread(int nice)
{
#ifdef Q_OS_LINUX
    const auto thread = static_cast<id_t>(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, thread);
    if (errno == 0)
        setpriority(PRIO_PROCESS, thread, qMin(19, current + nice));
#else
    Q_UNUSED(nice);
#endif
}

void registerMetaTypes()
{
    static const bool once = [] {
        qRegisterMetaType<Columns>();
        qRegisterMetaType<RowBatch>();
        qRegisterMetaType<StatementResult>();
        return true;
    }();
    Q_UNUSED(once)
}

} // namespace

Connection::Connection(const ConnectSpec &spec, int number, ThreadReaper *reaper, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_number(number)
    , m_reaper(reaper)
    , m_thread(std::make_unique<QThread>())
    , m_running(std::make_shared<RunningStatement>())
{
    registerMetaTypes();
    m_thread->setObjectName(QStringLiteral("%1#%2").arg(spec.bindName).arg(number));
    m_worker = new ConnectionWorker(spec, uniqueConnectionName(spec.bindName, number), m_running);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &ConnectionWorker::opened, this,
            [this](qint64 serverId, const QString &version) {
                m_serverId = serverId;
                m_serverVersion = version;
                m_connectedAt = QDateTime::currentDateTimeUtc();
                if (m_state == State::Connecting)
                    m_state = State::Idle;
                Q_EMIT opened();
                notifyChanged();
            });
    connect(m_worker, &ConnectionWorker::openFailed, this, [this](const QString &message) {
        Q_EMIT openFailed(message);
        close();
    });
    connect(m_worker, &ConnectionWorker::lost, this, &Connection::lost);
    connect(m_worker, &ConnectionWorker::taskProgress, this, &Connection::taskProgress);
    connect(
        m_worker, &ConnectionWorker::taskDone, this,
        [this](quint64 request, const QVariant &value, const QString &error, bool inTransaction) {
            --m_pending;
            if (inTransaction && !m_inTransaction)
                m_transactionStartedAt = QDateTime::currentDateTimeUtc();
            m_inTransaction = inTransaction;
            Q_EMIT taskDone(request, value, error);
            notifyChanged();
        });
    connect(m_worker, &ConnectionWorker::resultStarted, this, &Connection::resultStarted);
    connect(m_worker, &ConnectionWorker::rowsReady, this, &Connection::rowsReady);
    connect(m_worker, &ConnectionWorker::finished, this, &Connection::onFinished);
    connect(m_worker, &ConnectionWorker::pinged, this,
            [this](quint64 request, bool ok, const QString &error) {
                --m_pending;
                Q_EMIT pinged(request, ok, error);
            });
    connect(m_worker, &ConnectionWorker::resetDone, this,
            [this](quint64 request, bool ok, bool rolledBack, const QString &error) {
                --m_pending;
                if (ok)
                    m_inTransaction = false;
                Q_EMIT resetDone(request, ok, rolledBack, error);
                notifyChanged();
            });
    // The worker quits its thread after closing; finished is the proof.
    connect(m_thread.get(), &QThread::finished, this, [this] {
        m_state = State::Closed;
        Q_EMIT closed();
        notifyChanged();
    });
    if (const int nice = reaper ? reaper->workerNice() : 0; nice > 0) {
        connect(
            m_thread.get(), &QThread::started, m_thread.get(), [nice] { lowerThisThread(nice); },
            Qt::DirectConnection);
    }
    m_thread->start();
}

Connection::~Connection()
{
    if (!m_thread->isRunning())
        return;
    // Stop what runs and close on the worker; the reaper deletes the thread
    // once the close is done, however long the server takes.
    if (const PendingInterrupt interrupt = m_running->cancelAll())
        sendInterrupt(interrupt, true);
    // After close() the worker may already be ending its thread, and an
    // event posted then races with the thread tearing down its event
    // dispatcher (the wake-up can write to a closed descriptor).
    if (m_state != State::Closing)
        QMetaObject::invokeMethod(m_worker, &ConnectionWorker::close, Qt::QueuedConnection);
    m_reaper->adopt(m_thread.release());
}

template<typename F>
void Connection::post(F &&call)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(call), Qt::QueuedConnection);
}

template<typename F>
quint64 Connection::request(F &&call)
{
    const quint64 request = m_nextRequest++;
    ++m_pending;
    post([worker = m_worker, request, call = std::forward<F>(call)] { call(worker, request); });
    return request;
}

void Connection::open()
{
    post([worker = m_worker] { worker->open(); });
}

quint64 Connection::execute(const QString &sql, const SqlParams &params)
{
    m_lastSql = sql;
    const quint64 sent = request([sql, params](ConnectionWorker *worker, quint64 number) {
        worker->execute(number, sql, params);
    });
    notifyChanged();
    return sent;
}

void Connection::onFinished(quint64 request, const StatementResult &result)
{
    --m_pending;
    if (result.inTransaction && !m_inTransaction)
        m_transactionStartedAt = QDateTime::currentDateTimeUtc();
    m_inTransaction = result.inTransaction;
    Q_EMIT finished(request, result);
    notifyChanged();
}

void Connection::cancel(quint64 request)
{
    if (const PendingInterrupt interrupt = m_running->requestCancel(request))
        sendInterrupt(interrupt, false);
}

void Connection::sendInterrupt(const PendingInterrupt &interrupt, bool closing)
{
    // PQcancel and KILL QUERY talk to the server, and PQcancel has no
    // timeout: never on this thread, and never behind another cancel.
    const QString name = m_thread ? m_thread->objectName() : QString();
    m_reaper->run(QStringLiteral("cancel %1").arg(name), [interrupt] { interrupt.send(); });
    // A server that took the cancel and still does not answer would keep
    // the worker, and the connection, for ever: cut it off.
    if (closing)
        m_reaper->run(QStringLiteral("sever %1").arg(name),
                      [interrupt] { interrupt.severIfStuck(QDeadlineTimer(kCloseGraceMs)); });
}

quint64 Connection::runTask(const WorkerTask &task)
{
    return request(
        [task](ConnectionWorker *worker, quint64 number) { worker->runTask(number, task); });
}

quint64 Connection::ping()
{
    return request([](ConnectionWorker *worker, quint64 number) { worker->ping(number); });
}

quint64 Connection::reset(bool commit)
{
    return request(
        [commit](ConnectionWorker *worker, quint64 number) { worker->reset(number, commit); });
}

void Connection::close()
{
    if (m_state == State::Closing || m_state == State::Closed)
        return;
    m_state = State::Closing;
    if (const PendingInterrupt interrupt = m_running->cancelAll())
        sendInterrupt(interrupt, true);
    post([worker = m_worker] { worker->close(); });
    notifyChanged();
}

QString Connection::label() const
{
    QString text = QStringLiteral("connection #%1").arg(m_number);
    if (m_serverId > 0) {
        text += m_spec.url.dialect() == Dialect::PostgreSQL ? QStringLiteral(" (pid %1)")
                                                            : QStringLiteral(" (id %1)");
        text = text.arg(m_serverId);
    }
    return text;
}

void Connection::notifyChanged()
{
    if (m_changedHandler)
        m_changedHandler();
    if (m_changedFollowers.any())
        Q_EMIT changed();
}

void Connection::connectNotify(const QMetaMethod &signal)
{
    m_changedFollowers.connected(signal);
}

void Connection::disconnectNotify(const QMetaMethod &signal)
{
    m_changedFollowers.disconnected(signal);
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    notifyChanged();
}

void Connection::markCheckedOut(const QString &owner, qint64 at)
{
    m_state = State::CheckedOut;
    if (!m_owner.isSharedWith(owner))
        m_owner = owner;
    m_hasOwner = true;
    m_checkedOutMSecs = at;
    m_leakSuspected = false;
    notifyChanged();
}

void Connection::markCheckedIn()
{
    m_state = State::Idle;
    m_hasOwner = false;
    m_checkedOutMSecs = 0;
    m_leakSuspected = false;
    notifyChanged();
}

void Connection::markInvalidated(const QString &reason)
{
    m_invalidated = true;
    m_invalidationReason = reason;
    notifyChanged();
}

void Connection::setLeakSuspected(bool suspected)
{
    if (m_leakSuspected == suspected)
        return;
    m_leakSuspected = suspected;
    notifyChanged();
}

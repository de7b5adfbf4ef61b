#include "core/pool/session.h"

#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/sql/dialect.h"

Session::Session(Engine *engine, const QString &owner, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_pool(engine ? engine->pool() : nullptr)
    , m_owner(owner)
{
}

Session::~Session()
{
    if (m_pool && m_ticket)
        m_pool->cancelCheckout(m_ticket);
    if (m_pool && m_connection) {
        Connection *connection = m_connection;
        detach();
        m_pool->reclaim(connection);
    }
    if (m_pool && m_closesItsConnections)
        m_pool->closeOpenedFor(this);
}

Engine *Session::engine() const
{
    return m_engine;
}

Connection *Session::connection() const
{
    return m_connection;
}

void Session::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    Q_EMIT stateChanged();
}

bool Session::inTransaction() const
{
    return m_connection && m_connection->inTransaction();
}

QDateTime Session::transactionStartedAt() const
{
    return inTransaction() ? m_connection->transactionStartedAt() : QDateTime();
}

bool Session::execute(const QString &sql, const SqlParams &params)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_pendingSql = sql;
    m_pendingParams = params;
    m_pendingTask = nullptr;
    Q_EMIT stateChanged();
    acquireAndRun();
    return true;
}

bool Session::runTask(const WorkerTask &task)
{
    if (m_busy || !task)
        return false;
    m_busy = true;
    m_pendingSql.clear();
    m_pendingParams.clear();
    m_pendingTask = task;
    Q_EMIT stateChanged();
    acquireAndRun();
    return true;
}

void Session::acquireAndRun()
{
    if (m_connection && m_connection->isOpen()) {
        runPending();
        return;
    }
    detach();
    if (!m_pool) {
        fail(tr("The engine of this session is gone."));
        return;
    }
    // The ticket is set before the callback can run; the callback clears it.
    m_ticket = ~quint64(0);
    const quint64 ticket =
        m_pool->checkout(m_owner, this, [this](Connection *connection, const QString &error) {
            m_ticket = 0;
            if (!connection) {
                fail(error);
                return;
            }
            attach(connection);
            runPending();
        });
    if (m_ticket != 0)
        m_ticket = ticket;
    Q_EMIT stateChanged();
}

void Session::attach(Connection *connection)
{
    m_connection = connection;
    m_links << connect(connection, &Connection::resultStarted, this,
                       [this](quint64 request, const Columns &columns) {
                           if (request == m_request)
                               Q_EMIT resultStarted(columns);
                       });
    m_links << connect(connection, &Connection::rowsReady, this,
                       [this](quint64 request, const RowBatch &rows) {
                           if (request == m_request)
                               Q_EMIT rowsReady(rows);
                       });
    m_links << connect(connection, &Connection::finished, this, &Session::onFinished);
    m_links << connect(connection, &Connection::taskDone, this, &Session::onTaskDone);
    m_links << connect(connection, &Connection::taskProgress, this,
                       [this](quint64 request, qint64 done) {
                           if (request == m_request)
                               Q_EMIT taskProgress(done);
                       });
    m_links << connect(connection, &Connection::changed, this, [this] {
        if (m_connection && !m_connection->isOpen() &&
            m_connection->state() != Connection::State::Connecting)
            onConnectionGone();
    });
    Q_EMIT stateChanged();
}

void Session::detach()
{
    for (const QMetaObject::Connection &link : std::as_const(m_links))
        disconnect(link);
    m_links.clear();
    m_connection = nullptr;
    m_request = 0;
    m_beginRequest = 0;
}

void Session::release()
{
    Connection *connection = m_connection;
    detach();
    if (m_pool && connection)
        m_pool->checkin(connection);
    Q_EMIT stateChanged();
}

void Session::runPending()
{
    if (m_mode == Mode::Transaction && !m_connection->inTransaction()) {
        m_beginRequest = m_connection->execute(dialects::beginStatement(m_connection->dialect()));
        return;
    }
    startPending();
}

void Session::startPending()
{
    if (m_pendingTask)
        m_request = m_connection->runTask(m_pendingTask);
    else
        m_request = m_connection->execute(m_pendingSql, m_pendingParams);
}

void Session::onTaskDone(quint64 request, const QVariant &value, const QString &error)
{
    if (request != m_request || m_request == 0)
        return;
    m_request = 0;
    m_busy = false;
    m_pendingTask = nullptr;
    if (!m_connection || !m_connection->isOpen()) {
        detach();
    } else if (!m_connection->inTransaction()) {
        release();
    }
    // Last: a receiver may destroy this session.
    Q_EMIT stateChanged();
    Q_EMIT taskFinished(value, error);
}

void Session::onFinished(quint64 request, const StatementResult &result)
{
    if (request == m_beginRequest && m_beginRequest != 0) {
        m_beginRequest = 0;
        if (!result.ok) {
            if (result.connectionLost && m_pool)
                m_pool->invalidate(m_connection, result.error);
            release();
            fail(result.error);
            return;
        }
        startPending();
        Q_EMIT stateChanged();
        return;
    }
    if (request != m_request || m_request == 0)
        return;
    m_request = 0;
    m_busy = false;
    if (result.connectionLost) {
        Connection *connection = m_connection;
        detach();
        if (m_pool)
            m_pool->invalidate(connection, result.error);
    } else if (!result.inTransaction) {
        release();
    }
    // Last: a receiver may destroy this session.
    Q_EMIT stateChanged();
    Q_EMIT finished(result);
}

void Session::onConnectionGone()
{
    // Closed under us: disposed, invalidated elsewhere, or the pool went away.
    // Busy covers a BEGIN of transaction mode in flight too: its answer is lost as well.
    const bool wasBusy = m_busy;
    const bool hadTransaction = m_connection->inTransaction();
    const QString reason = m_connection->invalidationReason();
    detach();
    if (wasBusy) {
        fail(reason.isEmpty()
                 ? tr("The connection was closed while the statement ran.")
                 : tr("The connection was lost while the statement ran: %1").arg(reason));
        return;
    }
    Q_EMIT stateChanged();
    // Last: a receiver may destroy this session.
    Q_EMIT connectionLost(reason.isEmpty() ? tr("the connection was closed") : reason,
                          hadTransaction);
}

void Session::fail(const QString &message, bool cancelled)
{
    m_busy = false;
    if (m_pendingTask) {
        m_pendingTask = nullptr;
        Q_EMIT stateChanged();
        Q_EMIT taskFinished(QVariant(), cancelled ? QStringLiteral("Cancelled") : message);
        return;
    }
    StatementResult result;
    result.ok = false;
    result.cancelled = cancelled;
    result.error = message;
    Q_EMIT stateChanged();
    Q_EMIT finished(result);
}

void Session::cancel()
{
    if (m_ticket && m_pool) {
        m_pool->cancelCheckout(m_ticket);
        m_ticket = 0;
        fail(tr("Statement cancelled while waiting for a connection"), true);
        return;
    }
    if (m_connection && m_busy)
        m_connection->cancel(m_request ? m_request : m_beginRequest);
}

bool Session::commit()
{
    if (!inTransaction() || m_busy)
        return false;
    return execute(QStringLiteral("COMMIT"));
}

bool Session::rollback()
{
    if (!inTransaction() || m_busy)
        return false;
    return execute(QStringLiteral("ROLLBACK"));
}

void Session::close()
{
    if (m_ticket && m_pool) {
        m_pool->cancelCheckout(m_ticket);
        m_ticket = 0;
    }
    const bool wasBusy = m_busy;
    release();
    if (m_pool && m_closesItsConnections)
        m_pool->closeOpenedFor(this);
    if (wasBusy)
        fail(tr("Session closed while the statement ran"), true);
}

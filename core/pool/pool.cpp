#include "core/pool/pool.h"

#include "core/connection/connection.h"
#include "core/pool/eventclock.h"
#include "core/pool/eventlog.h"

#include <QMetaMethod>
#include <QScopedValueRollback>

#include <algorithm>

Pool::Pool(const ConnectSpec &spec, const PoolOptions &options, EventLog *log, ThreadReaper *reaper,
           QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_options(options)
    , m_log(log)
    , m_reaper(reaper)
    , m_static(spec.url.isSqliteMemory())
    , m_sentences(spec.bindName)
{
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &Pool::checkTimeouts);
    connect(&m_leakTimer, &QTimer::timeout, this, &Pool::checkLeaks);
}

Pool::~Pool()
{
    // Close all at once; the reaper sees each close through.
    for (Connection *connection : m_all)
        connection->close();
    m_waiters.clear();
    m_serving.clear();
    for (Connection *connection : m_all)
        delete connection;
    m_all.clear();
    // The handlers call into this pool; closed connections waiting for their
    // deleteLater() outlive this body as children.
    const auto rest = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
    for (Connection *connection : rest)
        connection->setChangedHandler(nullptr);
}

void Pool::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&Pool::eventOccurred))
        m_eventReceivers.ref();
    m_changedFollowers.connected(signal);
}

void Pool::disconnectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&Pool::eventOccurred))
        m_eventReceivers.deref();
    m_changedFollowers.disconnected(signal);
}

void Pool::emitEvent(PoolEvent::Type type, const Connection *connection, const QString &message,
                     const QString &owner, qint64 msecsSinceEpoch)
{
    // Every checkout and checkin comes here: the log takes the parts, and a
    // PoolEvent is made only for those who connected to eventOccurred().
    const qint64 time = msecsSinceEpoch != 0 ? msecsSinceEpoch : EventClock::nowMSecs();
    const int number = connection ? connection->number() : 0;
    const qint64 serverId = connection ? connection->serverId() : 0;
    if (m_log)
        m_log->append(type, time, m_spec.bindName, number, serverId, owner, message);
    if (m_eventReceivers.loadRelaxed() <= 0)
        return;
    PoolEvent event;
    event.time = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
    event.type = type;
    event.bind = m_spec.bindName;
    event.connection = number;
    event.serverId = serverId;
    event.owner = owner;
    event.message = message;
    Q_EMIT eventOccurred(event);
}

int Pool::openCount() const
{
    return int(std::count_if(m_all.cbegin(), m_all.cend(), [](const Connection *c) {
        return c->state() != Connection::State::Closing && c->state() != Connection::State::Closed;
    }));
}

QList<Connection *> Pool::connections() const
{
    return QList<Connection *>(m_all.cbegin(), m_all.cend());
}

QSet<qint64> Pool::serverIds() const
{
    QSet<qint64> ids;
    const QList<Connection *> open = connections();
    for (const Connection *connection : open) {
        if (connection->serverId() > 0)
            ids.insert(connection->serverId());
    }
    return ids;
}

QString Pool::status() const
{
    return PoolSentences::status(size(), checkedin(), overflow(), checkedout());
}

QString Pool::timeoutMessage() const
{
    return PoolSentences::timedOut(m_static, size(), overflow(), m_options.timeout);
}

quint64 Pool::checkout(const QString &owner, QObject *context, Callback callback)
{
    Connection *ready = callback ? readyIdle() : nullptr;
    if (ready) {
        // Served at once, the common case: no queue, and no guard on the
        // context, which is in the caller's hands for the length of the call.
        // Callbacks that check out or in again are pumped after, as in pump().
        const quint64 ticket = m_nextTicket++;
        {
            const QScopedValueRollback<bool> pumping(m_pumping, true);
            m_pumpAgain = false;
            handOut(ready, owner, callback);
        }
        if (m_pumpAgain)
            pump();
        else
            announceChange();
        return ticket;
    }
    Waiter waiter;
    waiter.ticket = m_nextTicket++;
    waiter.owner = owner;
    waiter.context = context;
    waiter.hasContext = context != nullptr;
    waiter.callback = std::move(callback);
    const quint64 ticket = waiter.ticket;
    m_waiters.push_back(std::move(waiter));
    pump();
    return ticket;
}

void Pool::cancelCheckout(quint64 ticket)
{
    const auto it = std::find_if(m_waiters.begin(), m_waiters.end(),
                                 [ticket](const Waiter &w) { return w.ticket == ticket; });
    if (it != m_waiters.end()) {
        m_waiters.erase(it);
        pump();
        return;
    }
    // Being opened or pinged for it: the connection will go to the next waiter.
    for (auto &[connection, waiter] : m_serving) {
        if (waiter.ticket == ticket) {
            waiter.callback = nullptr;
            return;
        }
    }
}

Connection *Pool::readyIdle()
{
    // What pump() and serve() would do for a lone waiter, when that is to hand
    // out an idle connection as it is: nobody waits before, no recycling, no
    // invalidation to check and no ping.
    if (!m_waiters.empty() || m_pumping || m_disposing || m_static || m_idle.empty() ||
        m_options.recycle > -1 || m_options.prePing)
        return nullptr;
    Connection *connection = m_options.lifo ? m_idle.back() : m_idle.front();
    if (m_invalidated && connection->connectedAt() < m_invalidatedBefore)
        return nullptr;
    if (m_options.lifo)
        m_idle.pop_back();
    else
        m_idle.pop_front();
    return connection;
}

void Pool::pump()
{
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        while (!m_waiters.empty() && !m_disposing) {
            if (m_static) {
                const auto shared =
                    std::find_if(m_all.cbegin(), m_all.cend(), [](const Connection *c) {
                        return c->isOpen() || c->state() == Connection::State::Connecting;
                    });
                if (shared == m_all.cend()) {
                    Waiter waiter = std::move(m_waiters.front());
                    m_waiters.pop_front();
                    openFor(std::move(waiter));
                    continue;
                }
                // Lent to one session at a time (see the class comment):
                // checked out, resetting or still connecting, it is not free.
                if ((*shared)->state() != Connection::State::Idle)
                    break;
                Waiter waiter = std::move(m_waiters.front());
                m_waiters.pop_front();
                removeIdle(*shared);
                handOut(*shared, std::move(waiter));
                continue;
            }
            if (!m_idle.empty()) {
                Connection *connection = m_options.lifo ? m_idle.back() : m_idle.front();
                if (m_options.lifo)
                    m_idle.pop_back();
                else
                    m_idle.pop_front();
                Waiter waiter = std::move(m_waiters.front());
                m_waiters.pop_front();
                serve(connection, std::move(waiter));
                continue;
            }
            if (m_options.maxOverflow < 0 || openCount() < size() + m_options.maxOverflow) {
                Waiter waiter = std::move(m_waiters.front());
                m_waiters.pop_front();
                openFor(std::move(waiter));
                continue;
            }
            break;
        }
    } while (m_pumpAgain);
    m_pumping = false;

    if (m_waiters.empty()) {
        if (m_timeoutTimer.isActive())
            m_timeoutTimer.stop();
    } else {
        startClocks();
        const qint64 left = qint64(m_options.timeout * 1000) - m_waiters.front().waited.elapsed();
        m_timeoutTimer.start(int(qBound<qint64>(0, left, qint64(24) * 3600 * 1000)));
    }
    updateLeakTimer();
    announceChange();
}

void Pool::announceChange()
{
    if (m_changedHandler)
        m_changedHandler();
    if (m_changedFollowers.any())
        Q_EMIT changed();
}

void Pool::startClocks()
{
    // Waiters join at the back and are served from the front, so those whose
    // clock has not started yet are the last ones. They joined during this
    // turn of pump(): the microseconds between count as served.
    for (auto it = m_waiters.rbegin(); it != m_waiters.rend() && !it->waited.isValid(); ++it)
        it->waited.start();
}

void Pool::serve(Connection *connection, Waiter waiter)
{
    // The clock is read only when it matters: this runs on every checkout.
    const auto overAge = [this, connection] {
        return connection->connectedAt().msecsTo(QDateTime::currentDateTimeUtc()) >
               m_options.recycle * 1000;
    };
    if (m_options.recycle > -1 && overAge()) {
        closeConnection(connection, PoolEvent::Type::Close, m_sentences.recycling(connection));
        openFor(std::move(waiter));
        return;
    }
    if (m_invalidatedBefore.isValid() && connection->connectedAt() < m_invalidatedBefore) {
        closeConnection(connection, PoolEvent::Type::Close,
                        m_sentences.invalidatedByPool(connection));
        openFor(std::move(waiter));
        return;
    }
    if (m_options.prePing) {
        prePing(connection, std::move(waiter));
        return;
    }
    handOut(connection, std::move(waiter));
}

void Pool::handOut(Connection *connection, Waiter waiter)
{
    if (!waiter.wanted()) {
        // Nobody wants it any more: straight back (or closed, if its opener
        // has gone), it was not used.
        connection->setState(Connection::State::CheckedOut);
        finishCheckin(connection);
        return;
    }
    handOut(connection, waiter.owner, waiter.callback);
}

void Pool::handOut(Connection *connection, const QString &owner, const Callback &callback)
{
    connection->markCheckedOut(owner, EventClock::nowMSecs());
    emitEvent(PoolEvent::Type::Checkout, connection, m_sentences.checkout(connection), owner,
              connection->checkedOutMSecs());
    updateLeakTimer();
    callback(connection, QString());
}

void Pool::openFor(Waiter waiter)
{
    auto *connection = new Connection(m_spec, m_nextNumber++, m_reaper, this);
    connection->setOpener(waiter.context.data());
    m_all.push_back(connection);
    // It may come back to the queue (closeConnection()) and wait on.
    if (!waiter.waited.isValid())
        waiter.waited.start();
    m_serving.emplace(connection, std::move(waiter));

    connect(connection, &Connection::opened, this, [this, connection] {
        emitEvent(PoolEvent::Type::Connect, connection, m_sentences.created(connection));
        const auto it = m_serving.find(connection);
        if (it == m_serving.end()) {
            finishCheckin(connection);
            return;
        }
        Waiter served = std::move(it->second);
        m_serving.erase(it);
        handOut(connection, std::move(served));
        pump();
    });
    connect(connection, &Connection::openFailed, this, [this, connection](const QString &message) {
        const auto it = m_serving.find(connection);
        if (it != m_serving.end()) {
            Waiter failed = std::move(it->second);
            m_serving.erase(it);
            if (failed.wanted())
                failed.callback(nullptr, message);
        }
        pump();
    });
    connect(connection, &Connection::pinged, this,
            [this, connection](quint64, bool ok, const QString &error) {
                const auto it = m_serving.find(connection);
                if (it == m_serving.end())
                    return;
                Waiter pinged = std::move(it->second);
                m_serving.erase(it);
                if (ok) {
                    handOut(connection, std::move(pinged));
                    return;
                }
                emitEvent(PoolEvent::Type::Invalidate, connection,
                          m_sentences.prePingFailed(connection, error));
                m_invalidatedBefore = QDateTime::currentDateTimeUtc();
                m_invalidated = true;
                connection->markInvalidated(error);
                closeConnection(connection, PoolEvent::Type::Close,
                                m_sentences.closing(connection));
                openFor(std::move(pinged));
                pump();
            });
    connect(connection, &Connection::resetDone, this,
            [this, connection](quint64, bool ok, bool, const QString &error) {
                if (connection->state() != Connection::State::Resetting)
                    return;
                if (ok)
                    finishCheckin(connection);
                else
                    invalidate(connection, error);
            });
    connect(connection, &Connection::lost, this,
            [this, connection](const QString &reason) { invalidate(connection, reason); });
    connect(connection, &Connection::closed, this, [this, connection] { onClosed(connection); });
    // pump() ends with changed(): a change made while it runs, or just before
    // it is called, is announced there once.
    connection->setChangedHandler([this] {
        if (!m_pumping && !m_pumpFollows)
            announceChange();
    });
    connection->open();
}

void Pool::prePing(Connection *connection, Waiter waiter)
{
    connection->markCheckedOut(waiter.owner, EventClock::nowMSecs());
    if (!waiter.waited.isValid())
        waiter.waited.start();
    m_serving.emplace(connection, std::move(waiter));
    connection->ping();
}

void Pool::checkin(Connection *connection)
{
    if (!connection || std::find(m_all.cbegin(), m_all.cend(), connection) == m_all.cend() ||
        connection->state() != Connection::State::CheckedOut)
        return;
    emitEvent(PoolEvent::Type::Checkin, connection, m_sentences.checkin(connection),
              connection->owner());
    const bool reset = m_options.resetOnReturn != PoolOptions::ResetOnReturn::None &&
                       (connection->inTransaction() || connection->isBusy());
    if (!reset) {
        finishCheckin(connection);
        return;
    }
    const bool commit = m_options.resetOnReturn == PoolOptions::ResetOnReturn::Commit;
    emitEvent(PoolEvent::Type::Reset, connection, m_sentences.reset(connection, commit));
    // A statement still running is stopped first; the worker runs the reset after it.
    connection->cancel(0);
    connection->setState(Connection::State::Resetting);
    connection->reset(commit);
    announceChange();
}

void Pool::reclaim(Connection *connection)
{
    if (!connection || connection->state() != Connection::State::CheckedOut)
        return;
    emitEvent(PoolEvent::Type::LeakReclaimed, connection, m_sentences.reclaiming(connection),
              connection->owner());
    checkin(connection);
}

void Pool::finishCheckin(Connection *connection)
{
    if (!connection->isOpen())
        return;
    // The memory database's one connection is the database: kept whatever
    // the pool size says, closed only when invalid or disposed.
    const bool surplus =
        !m_static && (connection->closeOnCheckin() ||
                      (m_options.poolSize > 0 && int(m_idle.size()) >= m_options.poolSize));
    if (m_disposing || connection->isInvalidated() || surplus) {
        closeConnection(connection, PoolEvent::Type::Close, m_sentences.closing(connection));
        pump();
        return;
    }
    {
        const QScopedValueRollback<bool> announcedByPump(m_pumpFollows, true);
        connection->markCheckedIn();
    }
    m_idle.push_back(connection);
    pump();
}

void Pool::invalidate(Connection *connection, const QString &reason)
{
    if (!connection || std::find(m_all.cbegin(), m_all.cend(), connection) == m_all.cend() ||
        !connection->isOpen())
        return;
    emitEvent(PoolEvent::Type::Invalidate, connection, m_sentences.invalidate(connection, reason),
              connection->owner());
    m_invalidatedBefore = QDateTime::currentDateTimeUtc();
    m_invalidated = true;
    connection->markInvalidated(reason);
    closeConnection(connection, PoolEvent::Type::Close, m_sentences.closing(connection));
    pump();
}

void Pool::closeConnection(Connection *connection, PoolEvent::Type type, const QString &message)
{
    removeIdle(connection);
    const auto it = m_serving.find(connection);
    if (it != m_serving.end()) {
        // Being opened or pinged for someone: they wait for another one, at
        // the head of the queue, unless the whole pool goes away.
        Waiter waiter = std::move(it->second);
        m_serving.erase(it);
        if (!m_disposing) {
            m_waiters.push_front(std::move(waiter));
        } else if (waiter.wanted()) {
            waiter.callback(nullptr, tr("The pool was disposed."));
        }
    }
    emitEvent(type, connection, message, connection->owner());
    connection->close();
}

void Pool::removeIdle(Connection *connection)
{
    m_idle.erase(std::remove(m_idle.begin(), m_idle.end(), connection), m_idle.end());
}

void Pool::onClosed(Connection *connection)
{
    m_sentences.forget(connection);
    removeIdle(connection);
    m_all.erase(std::remove(m_all.begin(), m_all.end(), connection), m_all.end());
    connection->deleteLater();
    if (m_all.empty() && m_disposePending) {
        m_disposePending = false;
        Q_EMIT disposed();
    }
    pump();
}

void Pool::dispose()
{
    m_disposing = true;
    std::deque<Waiter> waiters;
    waiters.swap(m_waiters);
    for (Waiter &waiter : waiters) {
        if (waiter.wanted())
            waiter.callback(nullptr, tr("The pool was disposed."));
    }
    const std::vector<Connection *> all = m_all;
    for (Connection *connection : all) {
        if (connection->state() != Connection::State::Closing &&
            connection->state() != Connection::State::Closed)
            closeConnection(connection, PoolEvent::Type::Close, m_sentences.closing(connection));
    }
    m_disposing = false;
    m_disposePending = !m_all.empty();
    emitEvent(PoolEvent::Type::Dispose, nullptr, QStringLiteral("Pool disposed. %1").arg(status()));
    if (!m_disposePending)
        Q_EMIT disposed();
    pump();
}

void Pool::closeOpenedFor(const void *opener)
{
    if (!opener || m_static)
        return;
    const std::vector<Connection *> all = m_all;
    for (Connection *connection : all) {
        if (connection->opener() != opener)
            continue;
        if (connection->state() == Connection::State::Idle) {
            closeConnection(connection, PoolEvent::Type::Close,
                            m_sentences.closingOrphan(connection));
        } else if (connection->state() != Connection::State::Closing &&
                   connection->state() != Connection::State::Closed) {
            connection->setCloseOnCheckin(true);
        }
    }
    pump();
}

void Pool::checkTimeouts()
{
    const qint64 limit = qint64(m_options.timeout * 1000);
    while (!m_waiters.empty() && m_waiters.front().waited.elapsed() >= limit) {
        Waiter waiter = std::move(m_waiters.front());
        m_waiters.pop_front();
        const QString message = timeoutMessage();
        emitEvent(PoolEvent::Type::Timeout, nullptr, message, waiter.owner);
        if (waiter.wanted())
            waiter.callback(nullptr, message);
    }
    pump();
}

void Pool::updateLeakTimer()
{
    if (m_options.leakThreshold <= 0) {
        if (m_leakTimer.isActive())
            m_leakTimer.stop();
        return;
    }
    const bool anyOut = std::any_of(m_all.cbegin(), m_all.cend(), [](const Connection *c) {
        return c->state() == Connection::State::CheckedOut && !c->isLeakSuspected();
    });
    if (!anyOut) {
        m_leakTimer.stop();
        return;
    }
    if (!m_leakTimer.isActive())
        m_leakTimer.start(int(qBound(20.0, m_options.leakThreshold * 1000 / 5, 1000.0)));
}

void Pool::checkLeaks()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Connection *connection : m_all) {
        if (connection->state() != Connection::State::CheckedOut || connection->isLeakSuspected())
            continue;
        const double held = connection->checkedOutAt().msecsTo(now) / 1000.0;
        if (held < m_options.leakThreshold)
            continue;
        connection->setLeakSuspected(true);
        emitEvent(PoolEvent::Type::LeakSuspected, connection,
                  m_sentences.leak(connection, held, m_options.leakThreshold), connection->owner());
    }
    updateLeakTimer();
}

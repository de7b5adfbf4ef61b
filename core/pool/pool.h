#pragma once

#include "core/config/connectspec.h"
#include "core/config/pooloptions.h"
#include "core/connection/signalfollowers.h"
#include "core/pool/poolevent.h"
#include "core/pool/poolsentences.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>

class Connection;
class EventLog;
class ThreadReaper;

// SQLAlchemy's QueuePool, on the event loop of the thread that owns it: at
// most pool_size idle connections kept, up to max_overflow more opened on
// demand and closed on checkin, checkouts wait up to pool_timeout, then fail
// with SQLAlchemy's words.
//
// A sqlite:// memory database lives in its one connection, which is never
// closed while the pool lives. It is lent to one session at a time, like a
// QueuePool of size 1: a running statement or an open transaction holds it,
// other sessions wait for it (up to pool_timeout), and it comes back reset as
// any other (its statement cancelled, its transaction rolled back), so one
// tab's transaction never carries over to another.
//
// Opening, pinging and resetting happen on each
// connection's worker thread; this class only keeps the books, so it never
// blocks its thread.
class Pool final : public QObject
{
    Q_OBJECT

public:
    // Called with a connection, or with nullptr and a message (timeout, connect
    // error, pool disposed). Runs synchronously inside checkout() when an idle
    // connection can be handed out at once.
    using Callback = std::function<void(Connection *connection, const QString &error)>;

    // reaper (see Connection) must outlive the pool.
    Pool(const ConnectSpec &spec, const PoolOptions &options, EventLog *log, ThreadReaper *reaper,
         QObject *parent = nullptr);
    // Closes every connection it owns, without waiting for the server.
    ~Pool() override;

    // Asks for a connection for owner (shown in the GUI and in leak reports).
    // The callback is dropped if context is destroyed first; a connection
    // handed to a destroyed context goes straight back to the pool.
    quint64 checkout(const QString &owner, QObject *context, Callback callback);
    // Withdraws a checkout that still waits.
    void cancelCheckout(quint64 ticket);
    // Returns a connection: reset (rollback) on its worker, then idle, or
    // closed when pool_size idle connections are already kept.
    void checkin(Connection *connection);
    // The owner went away without checkin: log a reclaimed leak, then checkin.
    void reclaim(Connection *connection);
    // The connection is broken (lost, killed): close it and free its slot.
    // Connections older than now are replaced at their next checkout, as
    // SQLAlchemy does after a disconnect.
    void invalidate(Connection *connection, const QString &reason);
    // Closes every connection, checked out or not, and fails waiting
    // checkouts; disposed() follows when the last one is closed. The pool stays
    // usable afterwards.
    void dispose();
    // Closes the connections that were opened for opener (a checkout context):
    // idle ones now, checked-out ones when they come back. A GUI tab does this
    // when it closes, so the server sees the count it saw before the tab. The
    // shared connection of a memory database stays.
    void closeOpenedFor(const void *opener);

    bool isStatic() const { return m_static; }
    const PoolOptions &options() const { return m_options; }
    const ConnectSpec &spec() const { return m_spec; }

    // SQLAlchemy's Pool.status(), and the numbers it is made of.
    QString status() const;
    int size() const { return m_static ? 1 : m_options.poolSize; }
    int checkedin() const { return int(m_idle.size()); }
    int overflow() const { return openCount() - size(); }
    int checkedout() const { return openCount() - checkedin(); }
    int waiting() const { return int(m_waiters.size()); }
    // Open or opening connections (not those being closed).
    int openCount() const;
    QList<Connection *> connections() const;
    // The server-side ids (Connection::serverId()) of the open connections.
    QSet<qint64> serverIds() const;
    QString timeoutMessage() const;
    // The engine's books, told of every change just before changed() is
    // emitted: a plain call, as for Connection::setChangedHandler(), because
    // every checkout and every checkin changes the pool.
    void setChangedHandler(std::function<void()> handler) { m_changedHandler = std::move(handler); }

Q_SIGNALS:
    void eventOccurred(const PoolEvent &event);
    // Counts or a connection changed.
    void changed();
    void disposed();

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    struct Waiter
    {
        quint64 ticket = 0;
        QString owner;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback callback;
        // Started when the waiter has to wait (see startClocks()): a checkout
        // served at once never reads this clock.
        QElapsedTimer waited;

        // Someone still waits for the answer: there is a callback, and the
        // context it was given, if any, still lives.
        bool wanted() const { return callback && (!hasContext || context); }
    };

    void pump();
    // An idle connection to hand out at once, taken from the idle list, or
    // nullptr when a checkout has to go through pump().
    Connection *readyIdle();
    void serve(Connection *connection, Waiter waiter);
    void handOut(Connection *connection, Waiter waiter);
    void handOut(Connection *connection, const QString &owner, const Callback &callback);
    void openFor(Waiter waiter);
    void prePing(Connection *connection, Waiter waiter);
    void finishCheckin(Connection *connection);
    void closeConnection(Connection *connection, PoolEvent::Type type, const QString &message);
    void removeIdle(Connection *connection);
    void onClosed(Connection *connection);
    void checkTimeouts();
    void checkLeaks();
    void updateLeakTimer();
    void startClocks();
    void announceChange();
    // msecsSinceEpoch 0 is now.
    void emitEvent(PoolEvent::Type type, const Connection *connection, const QString &message,
                   const QString &owner = QString(), qint64 msecsSinceEpoch = 0);

    ConnectSpec m_spec;
    PoolOptions m_options;
    QPointer<EventLog> m_log;
    ThreadReaper *m_reaper;
    bool m_static = false;
    int m_nextNumber = 1;
    quint64 m_nextTicket = 1;

    std::vector<Connection *> m_all;          // owned, until closed
    std::deque<Connection *> m_idle;          // ready, oldest return first
    std::deque<Waiter> m_waiters;             // checkouts not yet being served
    std::map<Connection *, Waiter> m_serving; // opening or pre-pinging for a waiter
    PoolSentences m_sentences;
    QDateTime m_invalidatedBefore;
    // m_invalidatedBefore is set: QDateTime::isValid() is a call, on every checkout.
    bool m_invalidated = false;
    QTimer m_timeoutTimer;
    QTimer m_leakTimer;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_pumpFollows = false; // pump() runs next and announces the change
    bool m_disposing = false;
    bool m_disposePending = false;
    // Connections to eventOccurred(): without any, no PoolEvent is built for it (the
    // log has the event anyway). Never too low, see EventLog::m_followers.
    QAtomicInt m_eventReceivers;
    SignalFollowers m_changedFollowers{QMetaMethod::fromSignal(&Pool::changed)};
    std::function<void()> m_changedHandler;
};

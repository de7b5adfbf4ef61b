#pragma once

#include <QString>

#include <map>

class Connection;

// What the pool says of a connection in its event log, in SQLAlchemy's
// words: "<connection #1 (pid 4242) of web>", "Connection … checked out
// from pool". The checkout and checkin sentences come with every checkout
// and checkin, so they are made once per connection and then shared.
class PoolSentences final
{
public:
    explicit PoolSentences(const QString &bindName);

    // "<connection #1 (pid 4242) of web>"
    QString repr(const Connection *connection) const;
    const QString &checkout(const Connection *connection);
    const QString &checkin(const Connection *connection);
    // The connection is gone: its sentences too.
    void forget(const Connection *connection);

    // The pool's other events, made when they happen (none of them on every
    // checkout).
    QString created(const Connection *connection) const;
    QString closing(const Connection *connection) const;
    QString closingOrphan(const Connection *connection) const;
    QString recycling(const Connection *connection) const;
    QString invalidatedByPool(const Connection *connection) const;
    QString prePingFailed(const Connection *connection, const QString &error) const;
    QString invalidate(const Connection *connection, const QString &reason) const;
    QString reset(const Connection *connection, bool commit) const;
    QString reclaiming(const Connection *connection) const;
    QString leak(const Connection *connection, double heldSeconds, double threshold) const;

    // SQLAlchemy's Pool.status() and QueuePool's timeout error.
    static QString status(int size, int checkedin, int overflow, int checkedout);
    static QString timedOut(bool memoryDatabase, int size, int overflow, double timeout);

private:
    struct Made
    {
        int number = 0;
        qint64 serverId = 0;
        QString checkout;
        QString checkin;
    };
    const Made &madeFor(const Connection *connection);

    QString m_bindName;
    std::map<const Connection *, Made> m_made;
    // The last one asked for: a checkout's sentence is followed by its
    // checkin's, for the same connection.
    const Connection *m_lastFor = nullptr;
    Made *m_last = nullptr;
};

#include "core/pool/poolsentences.h"

#include "core/connection/connection.h"

namespace {

QString seconds(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

PoolSentences::PoolSentences(const QString &bindName)
    : m_bindName(bindName)
{
}

QString PoolSentences::repr(const Connection *connection) const
{
    return QStringLiteral("<%1 of %2>").arg(connection->label(), m_bindName);
}

const QString &PoolSentences::checkout(const Connection *connection)
{
    return madeFor(connection).checkout;
}

const QString &PoolSentences::checkin(const Connection *connection)
{
    return madeFor(connection).checkin;
}

void PoolSentences::forget(const Connection *connection)
{
    if (connection == m_lastFor) {
        m_lastFor = nullptr;
        m_last = nullptr;
    }
    m_made.erase(connection);
}

const PoolSentences::Made &PoolSentences::madeFor(const Connection *connection)
{
    if (connection != m_lastFor) {
        m_last = &m_made[connection];
        m_lastFor = connection;
    }
    Made &made = *m_last;
    // The label is made of the two; the server id comes with the connect.
    if (made.number != connection->number() || made.serverId != connection->serverId()) {
        made.number = connection->number();
        made.serverId = connection->serverId();
        made.checkout = QStringLiteral("Connection %1 checked out from pool").arg(repr(connection));
        made.checkin = QStringLiteral("Connection %1 being returned to pool").arg(repr(connection));
    }
    return made;
}

QString PoolSentences::created(const Connection *connection) const
{
    return QStringLiteral("Created new connection %1").arg(repr(connection));
}

QString PoolSentences::closing(const Connection *connection) const
{
    return QStringLiteral("Closing connection %1").arg(repr(connection));
}

QString PoolSentences::closingOrphan(const Connection *connection) const
{
    return QStringLiteral("Closing connection %1: its opener went away").arg(repr(connection));
}

QString PoolSentences::recycling(const Connection *connection) const
{
    return QStringLiteral("Connection %1 exceeded timeout; recycling").arg(repr(connection));
}

QString PoolSentences::invalidatedByPool(const Connection *connection) const
{
    return QStringLiteral("Connection %1 invalidated due to pool invalidation; recycling")
        .arg(repr(connection));
}

QString PoolSentences::prePingFailed(const Connection *connection, const QString &error) const
{
    return QStringLiteral(
               "Pool pre-ping on connection %1 failed, will invalidate pool (reason: %2)")
        .arg(repr(connection), error);
}

QString PoolSentences::invalidate(const Connection *connection, const QString &reason) const
{
    return QStringLiteral("Invalidate connection %1 (reason: %2)").arg(repr(connection), reason);
}

QString PoolSentences::reset(const Connection *connection, bool commit) const
{
    return QStringLiteral("Connection %1 %2-on-return")
        .arg(repr(connection), commit ? QStringLiteral("commit") : QStringLiteral("rollback"));
}

QString PoolSentences::reclaiming(const Connection *connection) const
{
    return QStringLiteral("Connection %1 was not returned by '%2', which is gone; reclaiming it "
                          "(rollback, then checkin)")
        .arg(repr(connection), connection->owner());
}

QString PoolSentences::leak(const Connection *connection, double heldSeconds,
                            double threshold) const
{
    QString sql = connection->lastSql().simplified();
    if (sql.isEmpty())
        sql = QStringLiteral("(none yet)");
    return QStringLiteral("Connection %1 checked out by '%2' for %3 s, over leak_threshold %4 s; "
                          "last SQL: %5")
        .arg(repr(connection), connection->owner(), seconds(heldSeconds), seconds(threshold), sql);
}

QString PoolSentences::status(int size, int checkedin, int overflow, int checkedout)
{
    return QStringLiteral("Pool size: %1  Connections in pool: %2 Current Overflow: %3 Current "
                          "Checked out connections: %4")
        .arg(size)
        .arg(checkedin)
        .arg(overflow)
        .arg(checkedout);
}

QString PoolSentences::timedOut(bool memoryDatabase, int size, int overflow, double timeout)
{
    if (memoryDatabase)
        return QStringLiteral("The in-memory database has one connection, and another session "
                              "held it for the whole pool_timeout of %1 s")
            .arg(seconds(timeout));
    return QStringLiteral("QueuePool limit of size %1 overflow %2 reached, connection timed out, "
                          "timeout %3")
        .arg(size)
        .arg(overflow)
        .arg(seconds(timeout));
}

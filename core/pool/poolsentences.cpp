#include "core/pool/poolsentences.h"

#include "core/connection/connection.h"

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

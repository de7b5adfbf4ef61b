#include "core/apps/appprocess.h"

#include <algorithm>

namespace {

ProbeMessage::Connection *findConnection(ProbeMessage::Engine &engine, const QString &id)
{
    for (ProbeMessage::Connection &connection : engine.connections) {
        if (connection.id == id)
            return &connection;
    }
    return nullptr;
}

void removeConnection(ProbeMessage::Engine &engine, const QString &id)
{
    engine.connections.erase(std::remove_if(engine.connections.begin(), engine.connections.end(),
                                            [&](const ProbeMessage::Connection &connection) {
                                                return connection.id == id;
                                            }),
                             engine.connections.end());
}

} // namespace

ProbeMessage::Engine *AppProcess::engine(const QString &id)
{
    for (ProbeMessage::Engine &engine : engines) {
        if (engine.id == id)
            return &engine;
    }
    return nullptr;
}

const ProbeMessage::Engine *AppProcess::engine(const QString &id) const
{
    return const_cast<AppProcess *>(this)->engine(id);
}

bool AppProcess::isHeldTooLong(const ProbeMessage::Connection &connection, double now,
                               double threshold)
{
    return connection.checkedOut && connection.checkedOutAt &&
           now - *connection.checkedOutAt > threshold;
}

void AppProcess::apply(const ProbeMessage &message)
{
    lastSeen = std::max(lastSeen, message.time);
    switch (message.type) {
    case ProbeMessage::Type::Hello:
        hello = message.hello;
        break;
    case ProbeMessage::Type::Snapshot:
        engines = message.engines;
        greeted = hello.pid > 0;
        break;
    case ProbeMessage::Type::Engine:
        for (const ProbeMessage::Engine &announced : message.engines) {
            if (ProbeMessage::Engine *known = engine(announced.id)) {
                const QList<ProbeMessage::Connection> connections = known->connections;
                *known = announced;
                known->connections = connections;
            } else {
                engines.append(announced);
            }
        }
        break;
    case ProbeMessage::Type::Pool:
        applyPool(message);
        break;
    case ProbeMessage::Type::Heartbeat:
        dropped = message.dropped;
        break;
    case ProbeMessage::Type::Session:
    case ProbeMessage::Type::Bye:
        break;
    }
}

void AppProcess::applyPool(const ProbeMessage &message)
{
    ProbeMessage::Engine *pool = engine(message.engineId);
    if (!pool)
        return;
    if (!message.status.isEmpty())
        pool->status = message.status;
    const QString &event = message.event;
    ProbeMessage::Connection *connection = findConnection(*pool, message.connectionId);
    if (event == QLatin1String("connect")) {
        if (!connection && !message.connectionId.isEmpty()) {
            ProbeMessage::Connection made;
            made.id = message.connectionId;
            made.serverId = message.serverId;
            made.connectedAt = message.time;
            pool->connections.append(made);
        }
        return;
    }
    if (!connection)
        return;
    if (event == QLatin1String("checkout")) {
        connection->checkedOut = true;
        connection->checkedOutAt = message.time;
        connection->stack = message.stack;
    } else if (event == QLatin1String("checkin")) {
        connection->checkedOut = false;
        connection->checkedOutAt.reset();
        connection->stack.clear();
    } else if (event == QLatin1String("gc")) {
        collected.append({pool->id, connection->serverId, message.time,
                          message.stack.isEmpty() ? connection->stack : message.stack});
        if (collected.size() > kMaxCollected)
            collected.removeFirst();
    } else if (event == QLatin1String("close") || event == QLatin1String("invalidate") ||
               event == QLatin1String("detach") || event == QLatin1String("close_detached")) {
        removeConnection(*pool, message.connectionId);
    }
}

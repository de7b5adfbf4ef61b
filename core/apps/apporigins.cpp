#include "core/apps/apporigins.h"

#include <QHash>

namespace {

int portOf(const Url &url)
{
    if (url.port() > 0)
        return url.port();
    switch (url.dialect()) {
    case Dialect::PostgreSQL:
        return 5432;
    case Dialect::MySQL:
        return 3306;
    case Dialect::SQLite:
        break;
    }
    return -1;
}

// An empty host is the client library's default: the local socket.
bool isLocal(const QString &host)
{
    return host.isEmpty() || host == QLatin1String("localhost") ||
           host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1") ||
           host.startsWith(QLatin1Char('/'));
}

struct Held
{
    const AppProcess *process = nullptr;
    const ProbeMessage::Engine *engine = nullptr;
    const ProbeMessage::Connection *connection = nullptr;
};

} // namespace

bool AppOrigins::sameServer(const QString &engineUrl, const Url &server)
{
    const std::optional<Url> engine = Url::parse(engineUrl);
    if (!engine || engine->dialect() != server.dialect() || server.dialect() == Dialect::SQLite)
        return false;
    if (portOf(*engine) != portOf(server))
        return false;
    const bool bothLocal = isLocal(engine->host()) && isLocal(server.host());
    return bothLocal || engine->host().compare(server.host(), Qt::CaseInsensitive) == 0;
}

void AppOrigins::attach(ServerSessionSnapshot &snapshot, const Url &server,
                        const QList<AppProcess> &processes)
{
    QHash<qint64, Held> held;
    for (const AppProcess &process : processes) {
        for (const ProbeMessage::Engine &engine : process.engines) {
            if (!sameServer(engine.url, server))
                continue;
            for (const ProbeMessage::Connection &connection : engine.connections) {
                if (connection.serverId)
                    held.insert(*connection.serverId, {&process, &engine, &connection});
            }
        }
    }
    if (held.isEmpty())
        return;
    for (ServerSession &session : snapshot.sessions) {
        const auto found = held.constFind(session.pid);
        if (found == held.constEnd())
            continue;
        const std::optional<Url> engineUrl = Url::parse(found->engine->url);
        if (!session.database.isEmpty() && engineUrl && !engineUrl->database().isEmpty() &&
            engineUrl->database() != session.database)
            continue;
        ServerSessionOrigin origin = session.origin.value_or(ServerSessionOrigin());
        if (origin.pid <= 0) {
            origin.pid = found->process->pid();
            origin.command = Url::redact(found->process->hello.argv.join(QLatin1Char(' ')));
        }
        origin.application = found->process->hello.title();
        const QList<ProbeMessage::Frame> &stack = found->connection->stack;
        origin.code = stack.isEmpty() ? QString() : stack.first().location();
        session.origin = origin;
    }
}

#include "core/diagnosis/pgbouncerclients.h"

#include <QTimeZone>

QDateTime PgBouncerClients::parseTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 19)
        return QDateTime();
    QDateTime time = QDateTime::fromString(trimmed.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        return QDateTime();
    const QString zone = trimmed.mid(19).trimmed();
    // PgBouncer writes its own local time; it runs beside the server, most
    // often on this machine, so a zone other than UTC is taken as ours.
    if (zone.isEmpty() || zone == QLatin1String("UTC") || zone == QLatin1String("GMT"))
        time.setTimeZone(QTimeZone::utc());
    else
        time.setTimeZone(QTimeZone::systemTimeZone());
    return time.toUTC();
}

QHash<QString, QString> PgBouncerClients::poolModes(const TextRowSink &pools)
{
    QHash<QString, QString> modes;
    for (int r = 0; r < pools.rowCount(); ++r)
        modes.insert(pools.textOf(r, "database") + QLatin1Char('/') + pools.textOf(r, "user"),
                     pools.textOf(r, "pool_mode"));
    return modes;
}

QString PgBouncerClients::clientAddress(const TextRowSink &clients, int row)
{
    const QString address = clients.textOf(row, "addr");
    const QString port = clients.textOf(row, "port");
    if (address == QLatin1String("unix"))
        return QStringLiteral("local");
    return port.isEmpty() || port == QLatin1String("0")
               ? address
               : QStringLiteral("%1:%2").arg(address, port);
}

ServerSessions PgBouncerClients::sessions(const TextRowSink &clients, const TextRowSink &servers,
                                          const TextRowSink &pools, const QDateTime &now,
                                          int readerPort, bool includeReader, ServerSession *reader)
{
    const QHash<QString, QString> modes = poolModes(pools);
    QHash<QString, int> serverByPtr;
    for (int r = 0; r < servers.rowCount(); ++r)
        serverByPtr.insert(servers.textOf(r, "ptr"), r);

    ServerSessions out;
    for (int r = 0; r < clients.rowCount(); ++r) {
        ServerSession session;
        session.pooler = QStringLiteral("pgbouncer");
        session.user = clients.textOf(r, "user");
        session.database = clients.textOf(r, "database");
        session.application = clients.textOf(r, "application_name");
        const QString port = clients.textOf(r, "port");
        session.client = clientAddress(clients, r);
        session.backendStart = parseTime(clients.textOf(r, "connect_time"));
        const QDateTime lastRequest = parseTime(clients.textOf(r, "request_time"));
        session.stateChange = lastRequest;
        const bool console = session.database == QLatin1String("pgbouncer");
        const bool isReader = console && port.toInt() == readerPort && readerPort > 0;
        session.own = isReader || session.application.startsWith(QLatin1String("poolscope:"));
        const QString mode = modes.value(session.database + QLatin1Char('/') + session.user);
        const QString state = clients.textOf(r, "state");
        const auto linked = serverByPtr.constFind(clients.textOf(r, "link"));
        const std::optional<double> sinceRequest =
            lastRequest.isValid() ? std::optional<double>(lastRequest.msecsTo(now) / 1000.0)
                                  : std::nullopt;
        if (state.startsWith(QLatin1String("waiting"))) {
            session.state = ServerSession::State::Active;
            session.runningSeconds = sinceRequest;
            session.query = tr("waiting for a server connection (%1 mode)").arg(mode);
        } else if (linked != serverByPtr.cend()) {
            session.pid = servers.textOf(*linked, "remote_pid").toLongLong();
            // No numbers in these texts: findings group sessions by their text.
            if (mode == QLatin1String("session")) {
                session.state = ServerSession::State::Idle;
                session.idleSeconds = sinceRequest;
                session.query = tr("session mode: keeps its server connection while connected; "
                                   "an open transaction shows on the server, at the backend "
                                   "of the same pid");
            } else {
                session.state = ServerSession::State::IdleInTransaction;
                session.idleSeconds = sinceRequest;
                session.transactionAgeSeconds = sinceRequest;
                session.xactStart = lastRequest;
                session.query = tr("%1 mode: still linked to a server connection after its last "
                                   "request: a transaction left open, or one long statement")
                                    .arg(mode);
            }
        } else {
            session.state = state.startsWith(QLatin1String("active")) || console
                                ? ServerSession::State::Idle
                                : ServerSession::State::Other;
            session.idleSeconds = sinceRequest;
        }
        if (isReader && reader)
            *reader = session;
        if (console && !(isReader && includeReader))
            continue;
        out << session;
    }
    return out;
}

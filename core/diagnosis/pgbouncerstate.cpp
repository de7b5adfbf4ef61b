#include "core/diagnosis/pgbouncerstate.h"

#include "core/diagnosis/pgbouncerclients.h"
#include "core/driver/nativeconnection.h"
#include "core/driver/statementresult.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>

namespace {

bool flag(const QString &text)
{
    return text == QLatin1String("1") || text == QLatin1String("t");
}

} // namespace

PgBouncerState PgBouncerState::fromShow(const TextRowSink &databases, const TextRowSink &pools,
                                        const TextRowSink &config, const QString &user)
{
    PgBouncerState state;
    for (int r = 0; r < databases.rowCount(); ++r) {
        PgBouncerDatabase database;
        database.name = databases.textOf(r, "name");
        database.host = databases.textOf(r, "host");
        database.port = databases.textOf(r, "port").toInt();
        database.serverDatabase = databases.textOf(r, "database");
        database.poolMode = databases.textOf(r, "pool_mode");
        database.poolSize = databases.textOf(r, "pool_size").toInt();
        database.reservePool = databases.textOf(r, "reserve_pool").toInt();
        database.maxConnections = databases.textOf(r, "max_connections").toInt();
        database.currentConnections = databases.textOf(r, "current_connections").toInt();
        database.paused = flag(databases.textOf(r, "paused"));
        database.disabled = flag(databases.textOf(r, "disabled"));
        state.databases << database;
    }
    for (int r = 0; r < pools.rowCount(); ++r) {
        PgBouncerPool pool;
        pool.database = pools.textOf(r, "database");
        pool.user = pools.textOf(r, "user");
        pool.poolMode = pools.textOf(r, "pool_mode");
        pool.clientsActive = pools.textOf(r, "cl_active").toInt();
        pool.clientsWaiting = pools.textOf(r, "cl_waiting").toInt();
        pool.serversActive = pools.textOf(r, "sv_active").toInt();
        pool.serversIdle = pools.textOf(r, "sv_idle").toInt();
        pool.serversUsed = pools.textOf(r, "sv_used").toInt();
        pool.serversTested = pools.textOf(r, "sv_tested").toInt();
        pool.serversLogin = pools.textOf(r, "sv_login").toInt();
        pool.maxWaitSeconds =
            pools.textOf(r, "maxwait").toDouble() + pools.textOf(r, "maxwait_us").toDouble() / 1e6;
        state.pools << pool;
    }
    QStringList admins;
    for (int r = 0; r < config.rowCount(); ++r) {
        const QString key = config.textOf(r, "key");
        const QString value = config.textOf(r, "value");
        if (key == QLatin1String("max_client_conn"))
            state.maxClientConn = value.toInt();
        else if (key == QLatin1String("default_pool_size"))
            state.defaultPoolSize = value.toInt();
        else if (key == QLatin1String("max_db_connections"))
            state.maxDbConnections = value.toInt();
        else if (key == QLatin1String("admin_users"))
            admins = value.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    }
    state.admin = admins.contains(user);
    return state;
}

const PgBouncerDatabase *PgBouncerState::database(const QString &name) const
{
    for (const PgBouncerDatabase &database : databases) {
        if (database.name == name)
            return &database;
    }
    return nullptr;
}

int PgBouncerState::serverConnectionLimit() const
{
    int total = 0;
    for (const PgBouncerDatabase &database : databases) {
        if (database.isConsole())
            continue;
        int users = 0;
        for (const PgBouncerPool &pool : pools)
            users += pool.database == database.name ? 1 : 0;
        int most = (database.poolSize + database.reservePool) * qMax(users, 1);
        if (database.maxConnections > 0)
            most = qMin(most, database.maxConnections);
        if (maxDbConnections > 0)
            most = qMin(most, maxDbConnections);
        total += most;
    }
    return total;
}

int PgBouncerState::clientCount() const
{
    int clients = 0;
    for (const PgBouncerPool &pool : pools) {
        if (pool.database != QLatin1String("pgbouncer"))
            clients += pool.clientsActive + pool.clientsWaiting;
    }
    return clients;
}

QString PgBouncerState::describeCapacity(int clients, std::optional<int> serverMax) const
{
    int served = 0;
    for (const PgBouncerDatabase &database : databases)
        served += database.isConsole() ? 0 : 1;
    const int most = serverConnectionLimit();
    QString text =
        tr("max_client_conn %1 (%n client(s) now); ", nullptr, clients).arg(maxClientConn) +
        tr("up to %n server connection(s) ", nullptr, most) +
        tr("for %n database(s): pool_size and reserve_pool per user pool", nullptr, served);
    if (clients > maxClientConn && maxClientConn > 0)
        text += tr("; more clients than max_client_conn: new ones are refused");
    if (serverMax) {
        text += *serverMax >= most
                    ? tr("; the server admits %1: fits").arg(*serverMax)
                    : tr("; the server admits only %1: cannot all be met, PgBouncer's "
                         "server logins fail with \"too many connections\"")
                          .arg(*serverMax);
    }
    return text;
}

QStringList PgBouncerState::describePools() const
{
    QStringList lines;
    for (const PgBouncerPool &pool : pools) {
        if (pool.database != QLatin1String("pgbouncer"))
            lines << describePool(pool);
    }
    return lines;
}

QString PgBouncerState::describePool(const PgBouncerPool &pool)
{
    QString clients = tr("%1 active, %2 waiting").arg(pool.clientsActive).arg(pool.clientsWaiting);
    if (pool.clientsWaiting > 0)
        clients += tr(" (longest %1 s)").arg(pool.maxWaitSeconds, 0, 'f', 1);
    return tr("%1/%2 (%3 mode): clients %4; servers %5 active, %6 idle, %7 used, "
              "%8 tested, %9 login")
        .arg(pool.database, pool.user, pool.poolMode, clients)
        .arg(pool.serversActive)
        .arg(pool.serversIdle)
        .arg(pool.serversUsed)
        .arg(pool.serversTested)
        .arg(pool.serversLogin);
}

QString PgBouncerState::describeBesideChart(const PgBouncerPool &pool)
{
    return tr("%1 mode; %n active client(s); ", nullptr, pool.clientsActive).arg(pool.poolMode) +
           tr("servers %1 used, %2 tested, %3 login; longest wait %4 s")
               .arg(pool.serversUsed)
               .arg(pool.serversTested)
               .arg(pool.serversLogin)
               .arg(pool.maxWaitSeconds, 0, 'f', 1);
}

std::optional<PgBouncerState> PgBouncerState::read(WorkerContext &context, QString *error)
{
    TextRowSink databases, pools, config, servers, clients, traffic;
    const std::pair<const char *, TextRowSink *> shows[] = {
        {"SHOW DATABASES", &databases}, {"SHOW POOLS", &pools},     {"SHOW CONFIG", &config},
        {"SHOW SERVERS", &servers},     {"SHOW CLIENTS", &clients}, {"SHOW STATS", &traffic}};
    for (const auto &[sql, rows] : shows) {
        StatementResult result;
        context.native().execute(QByteArray(sql), *rows, result);
        if (!result.ok) {
            if (error)
                *error = result.error;
            return std::nullopt;
        }
    }
    PgBouncerState state = fromShow(databases, pools, config, context.database().userName());
    state.servers = serversFrom(servers, clients, pools);
    state.stats = statsFrom(traffic);
    return state;
}

QList<PgBouncerStats> PgBouncerState::statsFrom(const TextRowSink &stats)
{
    // Times come in microseconds.
    QList<PgBouncerStats> out;
    for (int r = 0; r < stats.rowCount(); ++r) {
        PgBouncerStats row;
        row.database = stats.textOf(r, "database");
        row.transactions = stats.textOf(r, "total_xact_count").toLongLong();
        row.queries = stats.textOf(r, "total_query_count").toLongLong();
        row.transactionsPerSecond = stats.textOf(r, "avg_xact_count").toDouble();
        row.queriesPerSecond = stats.textOf(r, "avg_query_count").toDouble();
        row.transactionMs = stats.textOf(r, "avg_xact_time").toDouble() / 1000.0;
        row.queryMs = stats.textOf(r, "avg_query_time").toDouble() / 1000.0;
        row.waitMs = stats.textOf(r, "avg_wait_time").toDouble() / 1000.0;
        out << row;
    }
    return out;
}

const PgBouncerStats *PgBouncerState::statsOf(const QString &database) const
{
    for (const PgBouncerStats &row : stats) {
        if (row.database == database)
            return &row;
    }
    return nullptr;
}

QString PgBouncerState::describeStats(const PgBouncerStats &stats)
{
    return tr("%1: %2 transactions/s of %3 ms, %4 queries/s of %5 ms; clients waited %6 ms "
              "for a server (%7 transactions since start)")
        .arg(stats.database)
        .arg(stats.transactionsPerSecond, 0, 'f', 1)
        .arg(stats.transactionMs, 0, 'f', 1)
        .arg(stats.queriesPerSecond, 0, 'f', 1)
        .arg(stats.queryMs, 0, 'f', 1)
        .arg(stats.waitMs, 0, 'f', 1)
        .arg(stats.transactions);
}

QStringList PgBouncerState::describeStats() const
{
    QStringList lines;
    for (const PgBouncerStats &row : stats) {
        if (row.database != QLatin1String("pgbouncer"))
            lines << describeStats(row);
    }
    return lines;
}

QList<PgBouncerServer> PgBouncerState::serversFrom(const TextRowSink &servers,
                                                   const TextRowSink &clients,
                                                   const TextRowSink &pools)
{
    const QHash<QString, QString> modes = PgBouncerClients::poolModes(pools);
    QHash<QString, int> clientByPtr;
    for (int r = 0; r < clients.rowCount(); ++r)
        clientByPtr.insert(clients.textOf(r, "ptr"), r);
    QList<PgBouncerServer> out;
    for (int r = 0; r < servers.rowCount(); ++r) {
        PgBouncerServer server;
        server.database = servers.textOf(r, "database");
        server.user = servers.textOf(r, "user");
        server.poolMode = modes.value(server.database + QLatin1Char('/') + server.user);
        server.state = servers.textOf(r, "state");
        server.backendPid = servers.textOf(r, "remote_pid").toLongLong();
        const auto linked = clientByPtr.constFind(servers.textOf(r, "link"));
        if (linked != clientByPtr.constEnd()) {
            server.client = PgBouncerClients::clientAddress(clients, *linked);
            server.clientApplication = clients.textOf(*linked, "application_name");
        }
        out << server;
    }
    return out;
}

namespace {

bool isThisMachine(const QString &host)
{
    return host.isEmpty() || host.startsWith(QLatin1Char('/')) ||
           host == QLatin1String("localhost") || host.startsWith(QLatin1String("127.")) ||
           host == QLatin1String("::1");
}

} // namespace

bool PgBouncerState::serves(const Url &server) const
{
    const int port = server.port() > 0 ? server.port() : 5432;
    for (const PgBouncerDatabase &database : databases) {
        if (database.isConsole() || (database.port > 0 ? database.port : 5432) != port)
            continue;
        if (database.host == server.host() ||
            (isThisMachine(database.host) && isThisMachine(server.host())))
            return true;
    }
    return false;
}

int PgBouncerState::linkBackends(ServerSessions &sessions, const QString &console) const
{
    QHash<qint64, const PgBouncerServer *> byPid;
    for (const PgBouncerServer &server : servers) {
        if (server.backendPid > 0)
            byPid.insert(server.backendPid, &server);
    }
    int linked = 0;
    for (ServerSession &session : sessions) {
        const PgBouncerServer *server = byPid.value(session.pid);
        if (!server)
            continue;
        session.poolerLink = ServerSessionPoolerLink{
            console,        server->database,         server->user, server->poolMode, server->state,
            server->client, server->clientApplication};
        ++linked;
    }
    return linked;
}

WorkerTask PgBouncerState::task()
{
    return [](WorkerContext &context) {
        QString error;
        const std::optional<PgBouncerState> state = read(context, &error);
        return state ? QVariant::fromValue(*state) : QVariant(error);
    };
}

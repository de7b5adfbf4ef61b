#pragma once

#include "core/config/url.h"
#include "core/connection/workercontext.h"
#include "core/diagnosis/serversession.h"
#include "core/driver/textrowsink.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// One database PgBouncer serves (SHOW DATABASES): the name clients connect
// to, the server database behind it, its pool size per user and its state.
struct PgBouncerDatabase
{
    QString name;
    QString host; // of the server; empty for the console itself
    int port = 0;
    QString serverDatabase;
    QString poolMode;
    int poolSize = 0;
    int reservePool = 0;
    int maxConnections = 0; // server connections for all its pools; 0: no limit
    int currentConnections = 0;
    bool paused = false;
    bool disabled = false;

    // The admin console (database pgbouncer), which has no server behind it.
    bool isConsole() const { return name == QLatin1String("pgbouncer"); }
};

// One pool (SHOW POOLS): a database and user pair, its clients and servers.
struct PgBouncerPool
{
    QString database;
    QString user;
    QString poolMode;
    int clientsActive = 0;
    int clientsWaiting = 0;
    int serversActive = 0;
    int serversIdle = 0;
    int serversUsed = 0;
    int serversTested = 0;
    int serversLogin = 0;
    double maxWaitSeconds = 0; // the oldest waiting client's wait
};

// One server connection (SHOW SERVERS): the backend it is on the server, its
// pool, and the client linked to it now (SHOW CLIENTS, by its link).
struct PgBouncerServer
{
    QString database;
    QString user;
    QString poolMode;
    QString state; // active, idle, used, tested, login
    qint64 backendPid = 0;
    QString client; // "address:port"; empty when no client is linked
    QString clientApplication;
};

// One database's traffic (SHOW STATS): totals since PgBouncer started, and
// averages over its last stats_period (60 s unless configured).
struct PgBouncerStats
{
    QString database;
    qint64 transactions = 0; // total_xact_count
    qint64 queries = 0;      // total_query_count
    double transactionsPerSecond = 0;
    double queriesPerSecond = 0;
    double transactionMs = 0; // the average transaction's time
    double queryMs = 0;
    double waitMs = 0; // how long clients waited for a server connection, on average
};

// What PgBouncer's admin console says of itself, beside its clients: its
// databases, its pools, its limits, and whether the user poolscope logged in
// as may act (admin_users) or only look (stats_users).
class PgBouncerState final
{
    Q_DECLARE_TR_FUNCTIONS(PgBouncerState)

public:
    QList<PgBouncerDatabase> databases;
    QList<PgBouncerPool> pools;
    QList<PgBouncerServer> servers;
    QList<PgBouncerStats> stats;
    int maxClientConn = 0;
    int defaultPoolSize = 0;
    int maxDbConnections = 0;
    // The console user is in admin_users: PAUSE, RESUME, KILL and RECONNECT
    // are allowed; a stats user may only SHOW.
    bool admin = false;

    // From SHOW DATABASES, SHOW POOLS and SHOW CONFIG, read by user.
    static PgBouncerState fromShow(const TextRowSink &databases, const TextRowSink &pools,
                                   const TextRowSink &config, const QString &user);
    // SHOW SERVERS with each one's linked client from SHOW CLIENTS and its
    // pool's mode from SHOW POOLS.
    static QList<PgBouncerServer> serversFrom(const TextRowSink &servers,
                                              const TextRowSink &clients, const TextRowSink &pools);
    static QList<PgBouncerStats> statsFrom(const TextRowSink &stats);
    // Runs those SHOWs and SHOW SERVERS, CLIENTS and STATS on context's console
    // connection; nullopt, with
    // the console's message in *error, when one fails.
    static std::optional<PgBouncerState> read(WorkerContext &context, QString *error);
    // read() as a worker task: its value is a PgBouncerState, or a QString
    // saying why there is none.
    static WorkerTask task();

    const PgBouncerDatabase *database(const QString &name) const;
    // Whether one of its databases is on server (same port; same host, or
    // both this machine): then its server connections are backends there.
    bool serves(const Url &server) const;
    // Marks each of sessions (read from a server this pooler serves) that is
    // one of its server connections with its pool and client; console names
    // the console for people. Returns how many were marked.
    int linkBackends(ServerSessions &sessions, const QString &console) const;
    // The most server connections the pooler may open to its servers: per
    // database, its pool size and reserve for each user pool open now (at
    // least one), capped by the database's and the global limit.
    int serverConnectionLimit() const;
    // Its clients now, waiting ones included, the console's left out.
    int clientCount() const;
    // For people, one line: "max_client_conn 100, 3 clients; up to 10 server
    // connections (pool_size 5 × 2 pools)"; with serverMax (the server's
    // max_connections for clients, when known), whether they fit.
    QString describeCapacity(int clients, std::optional<int> serverMax = std::nullopt) const;
    // One line per pool: "shop/app (transaction): 3 active, 1 waiting (2.0 s)
    // clients; 2 active, 1 idle, 0 used, 0 tested, 0 login servers".
    QStringList describePools() const;
    // One line per served database: "shop: 12.0 transactions/s of 3.1 ms,
    // 40.0 queries/s of 0.9 ms; clients waited 0.0 ms for a server".
    QStringList describeStats() const;
    const PgBouncerStats *statsOf(const QString &database) const;
    static QString describeStats(const PgBouncerStats &stats);
    // describePools()'s line for one pool.
    static QString describePool(const PgBouncerPool &pool);
    // What a chart of the pool's servers active and idle and clients waiting
    // leaves out: "transaction mode; 3 active clients; servers 0 used, 0
    // tested, 0 login; longest wait 0.0 s".
    static QString describeBesideChart(const PgBouncerPool &pool);
};

Q_DECLARE_METATYPE(PgBouncerPool)
Q_DECLARE_METATYPE(PgBouncerState)

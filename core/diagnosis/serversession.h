#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// The program behind a session, when poolscope can tell: a local process found
// from the client's socket, or (later) a probed application.
struct ServerSessionOrigin
{
    qint64 pid = 0;      // local OS process id
    QString command;     // its command line, arguments joined by spaces
    QString application; // a probed application's program name (filled elsewhere, later)
    QString code;        // "file:line in function" of the code holding it (filled elsewhere, later)

    // The command's first word without its folder ("python3"), else the application.
    QString programName() const;
    // The command with its program shortened to programName(): "python3 leak.py".
    QString shortCommand() const;

    bool operator==(const ServerSessionOrigin &other) const
    {
        return pid == other.pid && command == other.command && application == other.application &&
               code == other.code;
    }
    bool operator!=(const ServerSessionOrigin &other) const { return !(*this == other); }
};

// A server's backend that is a pooler's server connection, as PgBouncer's
// console says (its SHOW SERVERS names the backend's pid): the pool it
// belongs to and the client the pooler has linked it to now.
struct ServerSessionPoolerLink
{
    QString console;     // the console's bind name, or its URL with *** for the password
    QString database;    // the pool's database, as PgBouncer names it
    QString user;        // the pool's user
    QString poolMode;    // session, transaction or statement
    QString serverState; // PgBouncer's: active (linked to a client), idle, used, tested, login
    QString client;      // the linked client's "address:port"; empty when none
    QString clientApplication;

    // A server connection no client holds waits in the pool by design, and
    // in transaction or statement mode one idles between a client's
    // transactions; only a session-mode client's own may idle too long.
    bool idleIsNormal() const { return client.isEmpty() || poolMode != QLatin1String("session"); }
    // "PgBouncer shop/app (transaction mode), for client 10.0.0.5:53412"
    QString describe() const;
    bool operator==(const ServerSessionPoolerLink &other) const
    {
        return console == other.console && database == other.database && user == other.user &&
               poolMode == other.poolMode && serverState == other.serverState &&
               client == other.client && clientApplication == other.clientApplication;
    }
};

// One session as the server sees it (pg_stat_activity, PROCESSLIST, or for
// SQLite a process that holds the database file open). The fields follow the
// `poolscope sessions --format json` contract; an empty QString, an invalid
// QDateTime or an empty optional means the server did not say.
struct ServerSession
{
    enum class State { Active, Idle, IdleInTransaction, Other };

    qint64 pid = 0; // backend pid, MySQL thread id, or OS process id for SQLite
    QString user;
    QString database;
    QString application; // PostgreSQL application_name; SQLite: the program
    QString client;      // "10.0.0.5:53412", "local" (Unix socket), empty when unknown
    State state = State::Other;
    QDateTime backendStart; // UTC
    QDateTime xactStart;    // UTC, invalid outside a transaction
    QDateTime stateChange;  // UTC
    // PostgreSQL: the last statement, also when idle. MySQL: the running one only.
    QString query;
    std::optional<double> idleSeconds{};           // idle or idle in transaction: since stateChange
    std::optional<double> transactionAgeSeconds{}; // since xactStart
    std::optional<double> runningSeconds{};        // active: since the statement started
    QList<qint64> blockedBy;                       // sessions holding the locks this one waits for
    QString program;                               // SQLite: the process name
    bool own = false;                              // one of poolscope's own connections
    // "pgbouncer" for a client that PgBouncer's console lists (pid is then the
    // backend of the server connection it holds); empty for a server's session.
    QString pooler;
    // On a server: the pooler's server connection this backend is, when a
    // console bind says so (PgBouncerState::linkBackends).
    std::optional<ServerSessionPoolerLink> poolerLink;
    QString suspect;                           // empty, or why this session looks leaked
    std::optional<ServerSessionOrigin> origin; // empty when poolscope cannot tell

    bool isSuspect() const { return !suspect.isEmpty(); }
    // The age that makes a session look stuck: its transaction's when it has
    // one, else how long it has been idle or running.
    std::optional<double> ageSeconds() const
    {
        if (transactionAgeSeconds)
            return transactionAgeSeconds;
        return state == State::Active ? runningSeconds : idleSeconds;
    }
    // The client address without its port: "10.0.0.5", "::1", "local".
    QString clientAddress() const;

    // Contract names: "active", "idle", "idle_in_transaction", "other".
    static QString stateName(State state);
    // For people: "active", "idle", "idle in transaction", "other".
    static QString stateText(State state);
    // "3.4 s" under ten seconds, "312 s" above: the unit of the suspect rules.
    static QString secondsText(double seconds);
    // "45 s", "5 min", "2 h 5 min": for sentences.
    static QString durationText(double seconds);
};

using ServerSessions = QList<ServerSession>;

Q_DECLARE_METATYPE(ServerSession)

#include "core/diagnosis/serversessionreader.h"

#include "core/diagnosis/fileholderscanner.h"
#include "core/diagnosis/localclientfinder.h"
#include "core/diagnosis/pgbouncerclients.h"
#include "core/driver/nativeconnection.h"
#include "core/driver/textrowsink.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace {

QDateTime fromEpoch(const std::optional<double> &seconds)
{
    if (!seconds)
        return {};
    return QDateTime::fromMSecsSinceEpoch(qRound64(*seconds * 1000.0), Qt::UTC);
}

std::optional<double> secondsBetween(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return std::nullopt;
    // A clock read a moment before the event it is compared with gives a tiny
    // negative age; nobody needs to see that.
    return qMax(0.0, double(from.msecsTo(to)) / 1000.0);
}

bool run(WorkerContext &context, const char *sql, TextRowSink &rows, QString *error)
{
    StatementResult result;
    context.native().execute(QByteArray(sql), rows, result);
    if (!result.ok && error)
        *error = result.error;
    return result.ok;
}

QString postgresClient(const TextRowSink &rows, int row, int addressColumn, int portColumn)
{
    const QString port = rows.text(row, portColumn);
    if (rows.isNull(row, addressColumn))
        return port == QLatin1String("-1") ? QStringLiteral("local") : QString();
    QString address = rows.text(row, addressColumn);
    if (port.isEmpty())
        return address;
    return address.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(address, port)
                                              : address + QLatin1Char(':') + port;
}

// MySQL's HOST is "address:port" for TCP, a plain name ("localhost") for a
// socket; an IPv6 address gets brackets so the port can be told apart.
QString mysqlClient(const QString &host)
{
    const qsizetype first = host.indexOf(QLatin1Char(':'));
    const qsizetype last = host.lastIndexOf(QLatin1Char(':'));
    if (first < 0 || first == last || host.startsWith(QLatin1Char('[')))
        return host;
    return QStringLiteral("[%1]:%2").arg(host.left(last), host.mid(last + 1));
}

ServerSession::State postgresState(const QString &state)
{
    if (state == QLatin1String("active"))
        return ServerSession::State::Active;
    if (state == QLatin1String("idle"))
        return ServerSession::State::Idle;
    if (state.startsWith(QLatin1String("idle in transaction")))
        return ServerSession::State::IdleInTransaction; // "(aborted)" too: still holds its snapshot
    return ServerSession::State::Other;
}

// Reads information_schema.PROCESSLIST into rows, with each session's InnoDB
// transaction when the server lets us; false when not even the list could be
// read (the error is in the snapshot).
bool readMysqlProcessList(WorkerContext &context, TextRowSink &rows,
                          ServerSessionSnapshot &snapshot)
{
    // InnoDB refreshes its information_schema tables from a cache that is
    // renewed only when nobody read it for 0.1 s: what this shows of open
    // transactions may be that old. MariaDB keeps TIME_MS next to TIME; MySQL
    // has whole seconds only.
    const bool maria = context.native().serverVersion().startsWith(QLatin1String("MariaDB"));
    const QByteArray age =
        maria ? QByteArrayLiteral("p.TIME_MS / 1000") : QByteArrayLiteral("p.TIME");
    // Server threads are not sessions anyone could have leaked.
    const QByteArray where =
        " WHERE p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID', 'Slave_IO',"
        " 'Slave_SQL', 'Slave_worker', 'Register Slave')"
        " AND p.USER NOT IN ('event_scheduler', 'system user', 'unauthenticated user', 'DELAYED')"
        " ORDER BY p.ID";
    const QByteArray withTransactions =
        "SELECT p.ID, p.USER, p.DB, p.HOST, p.COMMAND, " + age +
        ", p.INFO, UNIX_TIMESTAMP(t.trx_started), UNIX_TIMESTAMP(NOW(6)), p.ID = CONNECTION_ID()"
        " FROM information_schema.PROCESSLIST p"
        " LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID" +
        where;
    QString error;
    if (run(context, withTransactions.constData(), rows, &error))
        return true;
    // INNODB_TRX needs the PROCESS privilege; without it the sessions can
    // still be listed, only their transactions are unknown.
    const QByteArray withoutTransactions =
        "SELECT p.ID, p.USER, p.DB, p.HOST, p.COMMAND, " + age +
        ", p.INFO, NULL, UNIX_TIMESTAMP(NOW(6)), p.ID = CONNECTION_ID()"
        " FROM information_schema.PROCESSLIST p" +
        where;
    if (!run(context, withoutTransactions.constData(), rows, &snapshot.error))
        return false;
    snapshot.notes << QCoreApplication::translate("ServerSessionReader",
                                                  "Open transactions are not shown: reading "
                                                  "information_schema.INNODB_TRX failed (%1).")
                          .arg(error);
    return true;
}

// Which session waits for whose lock (MariaDB, MySQL 5.7); MySQL 8 moved
// this to performance_schema, where it is left out.
QHash<qint64, QList<qint64>> mysqlBlockers(WorkerContext &context, ServerSessionSnapshot &snapshot)
{
    QHash<qint64, QList<qint64>> blockers;
    TextRowSink waits;
    QString waitsError;
    if (!run(context,
             "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id"
             " FROM information_schema.INNODB_LOCK_WAITS w"
             " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
             " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id",
             waits, &waitsError)) {
        snapshot.notes << QCoreApplication::translate(
                              "ServerSessionReader",
                              "Which session waits for whose lock is not shown (%1).")
                              .arg(waitsError);
        return blockers;
    }
    for (int r = 0; r < waits.rowCount(); ++r) {
        QList<qint64> &list = blockers[waits.text(r, 0).toLongLong()];
        const qint64 blocker = waits.text(r, 1).toLongLong();
        if (!list.contains(blocker))
            list << blocker;
    }
    return blockers;
}

// The session of one PROCESSLIST row; whose it is and whom it waits for are the
// caller's to say.
ServerSession mysqlSession(const TextRowSink &rows, int r, const QDateTime &now)
{
    ServerSession session;
    session.pid = rows.text(r, 0).toLongLong();
    session.user = rows.text(r, 1);
    session.database = rows.text(r, 2);
    session.client = mysqlClient(rows.text(r, 3));
    const QString command = rows.text(r, 4);
    const std::optional<double> stateAge = rows.number(r, 5);
    session.query = rows.text(r, 6);
    session.xactStart = fromEpoch(rows.number(r, 7));
    if (command == QLatin1String("Sleep")) {
        session.state = session.xactStart.isValid() ? ServerSession::State::IdleInTransaction
                                                    : ServerSession::State::Idle;
        session.idleSeconds = stateAge;
    } else if (command == QLatin1String("Query") || command == QLatin1String("Execute")) {
        session.state = ServerSession::State::Active;
        session.runningSeconds = stateAge;
    } else {
        session.state = ServerSession::State::Other;
    }
    if (stateAge && now.isValid())
        session.stateChange = now.addMSecs(-qRound64(*stateAge * 1000.0));
    session.transactionAgeSeconds = secondsBetween(session.xactStart, now);
    return session;
}

// The session of one pg_stat_activity row; whose it is is the caller's to say.
ServerSession postgresSession(const TextRowSink &rows, int r, const QDateTime &now)
{
    ServerSession session;
    session.pid = rows.text(r, 0).toLongLong();
    session.user = rows.text(r, 1);
    session.database = rows.text(r, 2);
    session.application = rows.text(r, 3);
    session.client = postgresClient(rows, r, 4, 5);
    session.state = postgresState(rows.text(r, 6));
    session.backendStart = fromEpoch(rows.number(r, 7));
    session.xactStart = fromEpoch(rows.number(r, 8));
    session.stateChange = fromEpoch(rows.number(r, 9));
    const QDateTime queryStart = fromEpoch(rows.number(r, 10));
    session.query = rows.text(r, 11);
    const QStringList blockers = rows.text(r, 12).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &blocker : blockers)
        session.blockedBy << blocker.toLongLong();
    if (session.state == ServerSession::State::Idle ||
        session.state == ServerSession::State::IdleInTransaction)
        session.idleSeconds = secondsBetween(session.stateChange, now);
    if (session.state == ServerSession::State::Active)
        session.runningSeconds = secondsBetween(queryStart, now);
    session.transactionAgeSeconds = secondsBetween(session.xactStart, now);
    return session;
}

// The port the server listens on, as it says (the URL may leave it out, or
// name a tunnel's or a proxy's); 0 when it does not say.
quint16 serverPort(WorkerContext &context)
{
    TextRowSink rows;
    const char *sql = context.dialect() == Dialect::PostgreSQL ? "SELECT current_setting('port')"
                                                               : "SELECT @@port";
    if (!run(context, sql, rows, nullptr) || rows.rowCount() != 1)
        return 0;
    return quint16(rows.text(0, 0).toUInt());
}

// Which local process each session's client is, once the reading connection
// has found itself that way (its client end among this process's sockets):
// only that proves the server runs on this machine and sees our addresses and
// process ids. A server elsewhere, behind a tunnel
// or in a container sees clients whose addresses and pids mean something
// else there, so then nothing is looked up.
void fillOrigins(ServerSessionSnapshot &snapshot, const ServerSession &reader, quint16 port,
                 LocalClientFinder &finder)
{
    if (!finder.isOwnClient(reader, snapshot.dialect, port))
        return;
    for (ServerSession &session : snapshot.sessions)
        session.origin = finder.clientOf(session, snapshot.dialect, port);
}

// How many client sessions the server allows at once: max_connections, less
// the slots PostgreSQL keeps for superusers. Left unset when it does not say.
void readLimits(WorkerContext &context, ServerSessionSnapshot &snapshot)
{
    TextRowSink rows;
    const char *sql = context.dialect() == Dialect::PostgreSQL
                          ? "SELECT current_setting('max_connections'),"
                            " current_setting('superuser_reserved_connections')"
                          : "SELECT @@max_connections, 0";
    if (!run(context, sql, rows, nullptr) || rows.rowCount() != 1)
        return;
    bool ok = false;
    const int most = rows.text(0, 0).toInt(&ok);
    if (!ok || most <= 0)
        return;
    snapshot.maxConnections = most;
    snapshot.reservedConnections = qMax(0, rows.text(0, 1).toInt());
}

// The local port of socket (this end of a TCP connection), 0 when none.
int localPort(int socket)
{
    sockaddr_storage address{};
    socklen_t size = sizeof(address);
    if (socket < 0 || getsockname(socket, reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return 0;
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
    return 0;
}

} // namespace

bool ServerSessionReader::isPgBouncerConsole(WorkerContext &context)
{
    return context.dialect() == Dialect::PostgreSQL &&
           context.database().databaseName() == QLatin1String("pgbouncer");
}

void ServerSessionReader::readPgBouncer(WorkerContext &context, ServerSessionSnapshot &snapshot,
                                        LocalClientFinder &finder) const
{
    TextRowSink clients, servers, pools, databases, config, stats;
    if (!run(context, "SHOW CLIENTS", clients, &snapshot.error) ||
        !run(context, "SHOW STATS", stats, &snapshot.error) ||
        !run(context, "SHOW SERVERS", servers, &snapshot.error) ||
        !run(context, "SHOW POOLS", pools, &snapshot.error) ||
        !run(context, "SHOW DATABASES", databases, &snapshot.error) ||
        !run(context, "SHOW CONFIG", config, &snapshot.error))
        return;
    // PgBouncer has no clock to ask: ages come from this machine's.
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    ServerSession self;
    snapshot.sessions =
        PgBouncerClients::sessions(clients, servers, pools, snapshot.takenAt,
                                   localPort(context.native().socket()), m_includeReader, &self);
    snapshot.pgbouncer =
        PgBouncerState::fromShow(databases, pools, config, context.database().userName());
    snapshot.pgbouncer->servers = PgBouncerState::serversFrom(servers, clients, pools);
    snapshot.pgbouncer->stats = PgBouncerState::statsFrom(stats);
    snapshot.maxConnections = snapshot.pgbouncer->maxClientConn;
    snapshot.connectionLimitName = QStringLiteral("max_client_conn");
    quint16 port = 0;
    for (int r = 0; r < config.rowCount(); ++r) {
        if (config.textOf(r, "key") == QLatin1String("listen_port"))
            port = quint16(config.textOf(r, "value").toUInt());
    }
    fillOrigins(snapshot, self, port, finder);
}

WorkerTask ServerSessionReader::task() const
{
    const ServerSessionReader reader = *this;
    return [reader](WorkerContext &context) {
        return QVariant::fromValue(reader.read(context));
    };
}

void ServerSessionReader::setPrevious(const ServerSessionSnapshot &previous)
{
    m_likelyClients.clear();
    for (const ServerSession &session : previous.sessions) {
        if (session.origin)
            m_likelyClients << session.origin->pid;
    }
}

ServerSessionSnapshot ServerSessionReader::read(WorkerContext &context) const
{
    ServerSessionSnapshot snapshot;
    snapshot.dialect = context.dialect();
    if (snapshot.dialect == Dialect::SQLite)
        return readSqliteFile(context.database().databaseName());
    LocalClientFinder finder;
    if (!m_likelyClients.isEmpty()) {
        // While the server gathers its sessions.
        finder.setLikelyClients(m_likelyClients);
        finder.prepareMeanwhile();
    }
    switch (context.dialect()) {
    case Dialect::PostgreSQL:
        if (isPgBouncerConsole(context)) {
            readPgBouncer(context, snapshot, finder);
            if (!snapshot.error.isEmpty())
                snapshot.sessions.clear();
            finish(snapshot);
            return snapshot;
        }
        readPostgres(context, snapshot, finder);
        break;
    case Dialect::MySQL:
        readMysql(context, snapshot, finder);
        break;
    case Dialect::SQLite:
        Q_UNREACHABLE();
    }
    if (!snapshot.error.isEmpty()) {
        snapshot.sessions.clear();
        return snapshot;
    }
    readLimits(context, snapshot);
    finish(snapshot);
    return snapshot;
}

void ServerSessionReader::readPostgres(WorkerContext &context, ServerSessionSnapshot &snapshot,
                                       LocalClientFinder &finder) const
{
    // pg_stat_activity is a per-transaction snapshot: a reader inside a
    // transaction would otherwise see the same numbers again and again.
    TextRowSink ignored;
    run(context, "SELECT pg_stat_clear_snapshot()", ignored, nullptr);

    // statement_timestamp() is now() outside a transaction, and still the
    // moment of this read inside one. pg_blocking_pids() is costly: only for
    // sessions that wait on a lock.
    static const char sql[] =
        "SELECT pid, usename, datname, application_name, host(client_addr), client_port, state,"
        " extract(epoch FROM backend_start), extract(epoch FROM xact_start),"
        " extract(epoch FROM state_change), extract(epoch FROM query_start), query,"
        " CASE WHEN wait_event_type = 'Lock'"
        " THEN array_to_string(pg_blocking_pids(pid), ',') END,"
        " extract(epoch FROM statement_timestamp()), pid = pg_backend_pid()"
        " FROM pg_stat_activity WHERE backend_type = 'client backend'"
        " ORDER BY backend_start, pid";
    TextRowSink rows;
    if (!run(context, sql, rows, &snapshot.error))
        return;
    ServerSession self;
    snapshot.sessions.reserve(rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const QDateTime now = fromEpoch(rows.number(r, 13));
        snapshot.takenAt = now;
        ServerSession session = postgresSession(rows, r, now);
        const bool reader = rows.text(r, 14) == QLatin1String("t");
        session.own = reader || m_ownIds.contains(session.pid) ||
                      session.application.startsWith(QLatin1String("poolscope:"));
        if (reader) {
            snapshot.readerPid = session.pid;
            self = session;
            if (!m_includeReader)
                continue;
        }
        snapshot.sessions << session;
    }
    // A session's pid is its backend's (MariaDB's is a thread id, which can
    // be anyone's pid).
    QSet<qint64> backends{self.pid};
    for (const ServerSession &session : std::as_const(snapshot.sessions))
        backends.insert(session.pid);
    finder.setServerProcesses(backends);
    fillOrigins(snapshot, self, serverPort(context), finder);
    if (!snapshot.takenAt.isValid()) {
        TextRowSink clock;
        if (run(context, "SELECT extract(epoch FROM statement_timestamp())", clock,
                &snapshot.error) &&
            clock.rowCount() == 1)
            snapshot.takenAt = fromEpoch(clock.number(0, 0));
    }
}

void ServerSessionReader::readMysql(WorkerContext &context, ServerSessionSnapshot &snapshot,
                                    LocalClientFinder &finder) const
{
    TextRowSink rows;
    if (!readMysqlProcessList(context, rows, snapshot))
        return;
    const QHash<qint64, QList<qint64>> blockers = mysqlBlockers(context, snapshot);
    ServerSession self;
    snapshot.sessions.reserve(rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const QDateTime now = fromEpoch(rows.number(r, 8));
        snapshot.takenAt = now;
        const qint64 pid = rows.text(r, 0).toLongLong();
        const bool reader = rows.text(r, 9) == QLatin1String("1");
        if (reader)
            snapshot.readerPid = pid;
        ServerSession session = mysqlSession(rows, r, now);
        session.blockedBy = blockers.value(pid);
        session.own = reader || m_ownIds.contains(pid);
        if (reader)
            self = session;
        if (!reader || m_includeReader)
            snapshot.sessions << session;
    }
    fillOrigins(snapshot, self, serverPort(context), finder);
    if (!snapshot.takenAt.isValid()) {
        TextRowSink clock;
        if (run(context, "SELECT UNIX_TIMESTAMP(NOW(6))", clock, &snapshot.error) &&
            clock.rowCount() == 1)
            snapshot.takenAt = fromEpoch(clock.number(0, 0));
    }
}

ServerSessionSnapshot ServerSessionReader::readSqliteFile(const QString &path) const
{
    ServerSessionSnapshot snapshot;
    snapshot.dialect = Dialect::SQLite;
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    snapshot.ownConnections = m_ownConnections;
    const bool memory = path.isEmpty() || path == QLatin1String(":memory:");
    if (!memory)
        snapshot.sessions = FileHolderScanner::holdersOf(path);
    else
        snapshot.notes << QCoreApplication::translate(
            "ServerSessionReader", "An in-memory database lives inside poolscope only.");
    return snapshot;
}

void ServerSessionReader::finish(ServerSessionSnapshot &snapshot) const
{
    if (m_database.isEmpty())
        return;
    ServerSessions kept;
    for (const ServerSession &session : std::as_const(snapshot.sessions)) {
        if (session.database == m_database)
            kept << session;
    }
    snapshot.sessions = kept;
}

#pragma once

#include "core/connection/workercontext.h"
#include "core/diagnosis/serversessionsnapshot.h"

#include <QList>
#include <QSet>

class LocalClientFinder;

// Reads what the server says about every session, as a task on a connection's
// worker thread (Session::runTask(reader.task())), answering with a
// ServerSessionSnapshot in the QVariant.
//
// PgBouncer's admin console (a PostgreSQL URL to its database pgbouncer):
// SHOW CLIENTS, SERVERS and POOLS, each client a session (PgBouncerClients).
//
// PostgreSQL: pg_stat_activity, client backends of every database on the
// server (a leak elsewhere still uses up max_connections; setDatabase()
// narrows it), pg_blocking_pids() for sessions waiting on a lock. MySQL and
// MariaDB: information_schema.PROCESSLIST joined with INNODB_TRX, so a
// sleeping connection with an open InnoDB transaction is idle in transaction;
// server threads (event scheduler, replication, daemons) are left out. Ages
// come from the server's clock. SQLite: the processes that hold the file open
// (FileHolderScanner). The reading connection is left out (its own query is
// noise) unless setIncludeReader(true); it is own then.
//
// A session whose client is a process on this machine gets that process as
// its origin (LocalClientFinder: TCP clients, PostgreSQL over a Unix socket;
// for SQLite the holder itself), when the server proves to be on this
// machine too: the reading connection must find itself.
class ServerSessionReader final
{
public:
    // Sessions with these server ids are poolscope's own (Workspace::ownServerIds(),
    // Pool::serverIds()); on PostgreSQL so is every application_name "poolscope:…".
    void setOwnServerIds(const QSet<qint64> &ids) { m_ownIds = ids; }
    // SQLite: how many connections poolscope has to the file (reported as is).
    void setOwnConnectionCount(int count) { m_ownConnections = count; }
    // Only sessions connected to this database; empty for all.
    void setDatabase(const QString &database) { m_database = database; }
    void setIncludeReader(bool include) { m_includeReader = include; }
    // The last refresh: its sessions' client processes are looked into while
    // the server gathers this one's (LocalClientFinder::prepare()).
    void setPrevious(const ServerSessionSnapshot &previous);

    WorkerTask task() const;
    // Reads on the calling worker; used by task().
    ServerSessionSnapshot read(WorkerContext &context) const;
    // SQLite without a connection at all: the holders of path.
    ServerSessionSnapshot readSqliteFile(const QString &path) const;

    // Whether context's connection is PgBouncer's admin console (database
    // pgbouncer): read() then reports the pooler's clients (PgBouncerClients).
    static bool isPgBouncerConsole(WorkerContext &context);

private:
    void readPostgres(WorkerContext &context, ServerSessionSnapshot &snapshot,
                      LocalClientFinder &finder) const;
    void readPgBouncer(WorkerContext &context, ServerSessionSnapshot &snapshot,
                       LocalClientFinder &finder) const;
    void readMysql(WorkerContext &context, ServerSessionSnapshot &snapshot,
                   LocalClientFinder &finder) const;
    void finish(ServerSessionSnapshot &snapshot) const;

    QSet<qint64> m_ownIds;
    int m_ownConnections = 0;
    QString m_database;
    bool m_includeReader = false;
    QList<qint64> m_likelyClients;
};

#pragma once

#include "core/config/bind.h"
#include "core/config/url.h"
#include "core/driver/statementresult.h"
#include "core/pool/poolevent.h"
#include "core/sql/dialect.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class Connection;
class Engine;
class Pool;
class Session;

// Helpers shared by the tests: real servers from the environment that
// tests/servers/with-servers.sh sets, SQLite files in temporary folders, and a
// view of the server's own sessions that does not trust our counters.
namespace testsupport {

// The dialects this run covers: POOLSCOPE_TEST_DIALECT (sqlite, postgresql,
// mariadb) when set, else all three.
QList<Dialect> dialectsUnderTest();
QString tagOf(Dialect dialect);
// In a _data() slot: a "dialect" column and one row per dialect under test.
void addDialectRows();
// A statement that runs until it is cancelled, killed or disposed of (a
// minute on a server; SQLite counts for ever).
QString endlessStatement(Dialect dialect);

// URL of a real database for dialect, or nullopt with *why. SQLite always has
// one (a fresh file in a temporary folder owned by the process).
std::optional<Url> databaseUrl(Dialect dialect, QString *why);
// The URL in the environment variable that tests/servers/with-servers.sh
// sets (PgBouncer's), or nullopt with *why.
std::optional<Url> environmentUrl(const char *variable, QString *why);
// True under `make test`: a missing server is a failure, not a skip.
bool serversRequired();

// A bind name no other test process uses at the same time.
QString uniqueBindName(const QString &stem);
// The same as a table, schema or role name that needs no quoting.
QString uniqueIdentifier(const QString &stem);
Bind makeBind(const Url &url, const QString &stem, const PoolOptions &options = PoolOptions());

// SQLite has no server: how many times this process holds the file open.
int openFileHandles(const QString &path);

// Runs the event loop until done() or timeout; true when done() held.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 10000);

// Checks out a connection and waits for it; nullptr with *error on failure.
Connection *checkout(Pool *pool, const QString &owner, QString *error = nullptr,
                     int timeoutMs = 15000);
// Runs sql on a connection and waits; rows as text ("NULL" for NULL) when asked.
StatementResult run(Connection *connection, const QString &sql, QList<QStringList> *rows = nullptr,
                    int timeoutMs = 30000);
// Runs sql in a session and waits.
StatementResult run(Session *session, const QString &sql, QList<QStringList> *rows = nullptr,
                    int timeoutMs = 30000);
// Ids the server gave to every connection a pool ever opened (from its events).
QSet<qint64> serverIdsSeen(const QList<PoolEvent> &events);

// What a program run to its end printed; exit -1 when it crashed or was
// killed after the timeout (finished tells which).
struct ProgramRun
{
    int exit = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
};
ProgramRun
runProgram(const QString &program, const QStringList &arguments,
           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000, const QString &workingDirectory = QString());

// Talks to the server on the test's own thread, apart from everything under
// test, to ask what the server sees.
class ServerProbe final
{
public:
    explicit ServerProbe(const Url &url);
    ~ServerProbe();
    bool isOpen() const;
    QString error() const;
    // Runs sql and returns the first column of the first row ("" for NULL).
    QString scalar(const QString &sql);
    // Runs sql; false and error() when it fails.
    bool exec(const QString &sql);
    // How many of the given server-side ids the server still has as sessions.
    int liveSessions(const QSet<qint64> &serverIds);
    // PostgreSQL only: sessions whose application_name is poolscope:<bind>.
    int sessionsOfBind(const QString &bindName);
    // Ends a session from the server side (pg_terminate_backend / KILL).
    bool kill(qint64 serverId);

private:
    Dialect m_dialect;
    QString m_name;
    QString m_error;
};

// The sessions engine's connections hold on the server, as the server says:
// pg_stat_activity by the bind's application_name, PROCESSLIST by the ids its
// pool ever had, and for SQLite the open handles of the file (the probe's own
// among them).
int sessionsOnServer(ServerProbe &probe, Engine *engine);

// The table tests/leakyapp/app.py works on: id and hits, rows 1-5 and
// 1001-1005. False and probe.error() when a statement fails.
bool createHitsTable(ServerProbe &probe, const QString &table);

// A TCP port on 127.0.0.1 nobody listens on now (the kernel's pick), for a
// server the test starts next; 0 when none could be had.
int freePort();

// The 1-based number of the first line of the file at path that contains
// marker, or -1: how tests name the line a probed program runs.
int lineOf(const QString &path, const QByteArray &marker);

} // namespace testsupport

// Gets the URL lookup(key, &why) finds into `var`, failing under `make test`
// and skipping otherwise when it finds none.
#define POOLSCOPE_REQUIRE_URL(var, lookup, key)                                                    \
    QString var##Why;                                                                              \
    const std::optional<Url> var##Opt = lookup(key, &var##Why);                                    \
    if (!var##Opt) {                                                                               \
        if (testsupport::serversRequired())                                                        \
            QFAIL(qPrintable(var##Why));                                                           \
        QSKIP(qPrintable(var##Why));                                                               \
    }                                                                                              \
    const Url var = *var##Opt

// Gets a URL for dialect into `var` (testsupport::databaseUrl).
#define POOLSCOPE_REQUIRE_DATABASE(dialect, var)                                                   \
    POOLSCOPE_REQUIRE_URL(var, testsupport::databaseUrl, dialect)

// Which local process each server session's client is (LocalClientFinder,
// through ServerSessionReader's reads), against the real databases: TCP
// clients, PostgreSQL over its Unix socket, reads that know the last refresh,
// and what cannot be read.
#include "core/diagnosis/localclientfinder.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/sessionclient.h"
#include "tests/core/sessionreading.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <unistd.h>

using sessionreading::find;
using sessionreading::pidSql;
using sessionreading::read;

class TestSessionOrigins final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ServerSessionSnapshot>(); }
    void originOfTcpClient_data() { testsupport::addDialectRows(); }
    void originOfTcpClient();
    void originOverUnixSocket_data() { testsupport::addDialectRows(); }
    void originOverUnixSocket();
    void originUnknownWhenUnreadable();
    void originOfClientsAfterThePreviousRefresh_data() { testsupport::addDialectRows(); }
    void originOfClientsAfterThePreviousRefresh();
    void prepareMissesNothingThatCameSince_data() { testsupport::addDialectRows(); }
    void prepareMissesNothingThatCameSince();
};

// The script's session names the script's process; the test's own connection
// names this process. Both reach the server over TCP on 127.0.0.1.
void TestSessionOrigins::originOfTcpClient()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    SessionClient client(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(client.start(url, QString(), &error), qPrintable(error));
    testsupport::ServerProbe probe(url);
    const qint64 probeId = probe.scalar(pidSql(dialect)).toLongLong();

    Engine engine(testsupport::makeBind(url, QStringLiteral("reader")));
    Session session(&engine, QStringLiteral("reader tab"));
    const ServerSessionSnapshot snapshot = read(&session, ServerSessionReader());
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    const ServerSession *script = find(snapshot, client.serverId());
    QVERIFY(script);
    QVERIFY2(script->client.startsWith(QLatin1String("127.0.0.1:")), qPrintable(script->client));
    QVERIFY2(script->origin, qPrintable(script->client));
    QCOMPARE(script->origin->pid, client.pid());
    QVERIFY2(script->origin->command.contains(QLatin1String("hold.py")),
             qPrintable(script->origin->command));
    QCOMPARE(script->origin->programName(), QStringLiteral("python3"));
    QVERIFY2(!script->origin->command.contains(url.password()),
             "the password in the script's arguments is hidden");
    QVERIFY(script->origin->application.isEmpty());
    const ServerSession *own = find(snapshot, probeId);
    QVERIFY(own && own->origin);
    QCOMPARE(own->origin->pid, QCoreApplication::applicationPid());

    // Once the script has gone, so has its session, and nothing names it.
    client.stop();
    QTest::qWait(200);
    const ServerSessionSnapshot after = read(&session, ServerSessionReader());
    for (const ServerSession &s : after.sessions)
        QVERIFY(!s.origin || s.origin->pid != client.pid());
}

// PostgreSQL over its Unix socket: the backend's socket's peer (sock_diag).
// MariaDB over its socket: every connection is a thread of one process, so
// nothing tells whose a session is and the origin stays unknown.
void TestSessionOrigins::originOverUnixSocket()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString socket =
        qEnvironmentVariable(dialect == Dialect::PostgreSQL ? "POOLSCOPE_TEST_POSTGRES_SOCKET_DIR"
                                                            : "POOLSCOPE_TEST_MARIADB_SOCKET");
    if (socket.isEmpty())
        QSKIP("the test servers' socket is not known (run under tests/servers/with-servers.sh)");
    SessionClient client(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(client.start(url, socket, &error), qPrintable(error));

    Engine engine(testsupport::makeBind(url, QStringLiteral("reader")));
    Session session(&engine, QStringLiteral("reader tab"));
    const ServerSessionSnapshot snapshot = read(&session, ServerSessionReader());
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    const ServerSession *script = find(snapshot, client.serverId());
    QVERIFY(script);
    if (dialect == Dialect::PostgreSQL) {
        QCOMPARE(script->client, QStringLiteral("local"));
        QVERIFY(script->origin);
        QCOMPARE(script->origin->pid, client.pid());
        QVERIFY2(script->origin->command.contains(QLatin1String("hold.py")),
                 qPrintable(script->origin->command));
    } else {
        QCOMPARE(script->client, QStringLiteral("localhost"));
        QVERIFY(!script->origin);
    }
}

// A refresh that knows the last one's clients (the panel's case) names the
// same origins as one that does not, and a client that came since as well.
void TestSessionOrigins::originOfClientsAfterThePreviousRefresh()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    SessionClient first(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(first.start(url, QString(), &error), qPrintable(error));
    Engine engine(testsupport::makeBind(url, QStringLiteral("reader")));
    Session session(&engine, QStringLiteral("reader tab"));
    const ServerSessionSnapshot before = read(&session, ServerSessionReader());
    QVERIFY2(before.isValid(), qPrintable(before.error));
    const ServerSession *firstBefore = find(before, first.serverId());
    QVERIFY(firstBefore && firstBefore->origin);

    SessionClient second(QFINDTESTDATA("../sessionclient/hold.py"));
    QVERIFY2(second.start(url, QString(), &error), qPrintable(error));
    ServerSessionReader reader;
    reader.setPrevious(before);
    const ServerSessionSnapshot after = read(&session, reader);
    QVERIFY2(after.isValid(), qPrintable(after.error));
    for (const SessionClient *client : {&first, &second}) {
        const ServerSession *script = find(after, client->serverId());
        QVERIFY(script);
        QVERIFY2(script->origin, qPrintable(script->client));
        QCOMPARE(script->origin->pid, client->pid());
    }
}

// prepare() reads ahead; a connection opened after it, by a process it
// already looked into, is still found, and so is a holder named as one of the
// server's own processes (looked into last, but looked into).
void TestSessionOrigins::prepareMissesNothingThatCameSince()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const qint64 self = QCoreApplication::applicationPid();
    LocalClientFinder finder;
    finder.setLikelyClients({self});
    finder.prepare();

    testsupport::ServerProbe probe(url);
    QVERIFY2(probe.isOpen(), qPrintable(probe.error()));
    const QString port = probe.scalar(
        dialect == Dialect::PostgreSQL
            ? QStringLiteral("SELECT inet_client_port()")
            : QStringLiteral("SELECT SUBSTRING_INDEX(HOST, ':', -1) FROM "
                             "information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()"));
    QVERIFY2(port.toInt() > 0, qPrintable(port));
    const QString client = QStringLiteral("127.0.0.1:") + port;
    const auto origin = finder.tcpClient(client, quint16(url.port()));
    QVERIFY2(origin, qPrintable(client));
    QCOMPARE(origin->pid, self);

    LocalClientFinder lastOfAll;
    lastOfAll.setServerProcesses({self});
    lastOfAll.prepareMeanwhile();
    const auto stillFound = lastOfAll.tcpClient(client, quint16(url.port()));
    QVERIFY(stillFound);
    QCOMPARE(stillFound->pid, self);
}

// What cannot be read is unknown, never an error.
void TestSessionOrigins::originUnknownWhenUnreadable()
{
    LocalClientFinder finder;
    // No socket of this machine has this end (TEST-NET-1 is nobody's address).
    QVERIFY(!finder.tcpClient(QStringLiteral("192.0.2.1:40000"), 5432));
    QVERIFY(!finder.tcpClient(QStringLiteral("127.0.0.1:1"), 5432));
    QVERIFY(!finder.tcpClient(QStringLiteral("garbage"), 5432));
    // A process that has ended.
    QProcess gone;
    gone.start(QStringLiteral("/bin/true"));
    QVERIFY(gone.waitForFinished(5000));
    QVERIFY(!LocalClientFinder::process(gone.processId()));
    QVERIFY(!finder.unixPeerOf(gone.processId()));
    // Another user's process: init's descriptors are closed to anyone but root.
    if (::access("/proc/1/fd", R_OK) != 0)
        QVERIFY(!finder.unixPeerOf(1));
    ServerSession local;
    local.client = QStringLiteral("localhost");
    QVERIFY(!finder.clientOf(local, Dialect::MySQL, 3306));
    local.client = QStringLiteral("local");
    local.pid = gone.processId();
    QVERIFY(!finder.clientOf(local, Dialect::PostgreSQL, 5432));
}

QTEST_GUILESS_MAIN(TestSessionOrigins)
#include "tst_sessionorigins.moc"

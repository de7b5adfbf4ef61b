// What the server says about its sessions, read through poolscope's own
// connections (Engine + Session::runTask), and the actions on them, against
// the real databases. SQLite: the processes that hold the file open. Which
// local process each session's client is: tst_sessionorigins.
#include "core/connection/connection.h"
#include "core/diagnosis/serversessionactions.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/diagnosis/suspectrules.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "tests/core/sessionclient.h"
#include "tests/core/sessionreading.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

using sessionreading::find;
using sessionreading::pidSql;
using sessionreading::read;
using sessionreading::runTask;
using testsupport::run;

class TestServerSessionReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void idleInTransactionWithServerAges_data() { testsupport::addDialectRows(); }
    void idleInTransactionWithServerAges();
    void ownConnectionsAreMarked_data() { testsupport::addDialectRows(); }
    void ownConnectionsAreMarked();
    void blockedByNamesTheLockHolder_data() { testsupport::addDialectRows(); }
    void blockedByNamesTheLockHolder();
    void cancelRunningStatement_data() { testsupport::addDialectRows(); }
    void cancelRunningStatement();
    void endSession_data() { testsupport::addDialectRows(); }
    void endSession();
    void sqliteListsProcessesHoldingTheFile();
};

void TestServerSessionReader::initTestCase()
{
    qRegisterMetaType<ServerSessionSnapshot>();
    qRegisterMetaType<ServerSessionActions::Result>();
}

void TestServerSessionReader::idleInTransactionWithServerAges()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("ss"));
    testsupport::ServerProbe setup(url);
    QVERIFY(setup.exec(
        QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, v INTEGER)").arg(table)));
    QVERIFY(setup.exec(QStringLiteral("INSERT INTO %1 VALUES (1, 1)").arg(table)));

    // Another client: one transaction that wrote, one that only began.
    testsupport::ServerProbe writer(url);
    const qint64 writerPid = writer.scalar(pidSql(dialect)).toLongLong();
    QVERIFY(writer.exec(QStringLiteral("BEGIN")));
    QVERIFY(writer.exec(QStringLiteral("UPDATE %1 SET v = v + 1 WHERE id = 1").arg(table)));
    testsupport::ServerProbe idle(url);
    const qint64 idlePid = idle.scalar(pidSql(dialect)).toLongLong();
    testsupport::ServerProbe bare(url);
    const qint64 barePid = bare.scalar(pidSql(dialect)).toLongLong();
    QVERIFY(bare.exec(QStringLiteral("BEGIN")));
    const QDateTime began = QDateTime::currentDateTimeUtc();
    QTest::qWait(1500);

    Engine engine(testsupport::makeBind(url, QStringLiteral("reader")));
    Session session(&engine, QStringLiteral("reader tab"));
    ServerSessionReader reader;
    const ServerSessionSnapshot snapshot = read(&session, reader);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    QCOMPARE(snapshot.dialect, dialect);
    // The server's clock, which on one machine is ours.
    QVERIFY(qAbs(snapshot.takenAt.msecsTo(QDateTime::currentDateTimeUtc())) < 5000);
    QVERIFY(snapshot.readerPid > 0);
    QVERIFY2(!find(snapshot, snapshot.readerPid), "the reading connection is left out");

    const ServerSession *w = find(snapshot, writerPid);
    QVERIFY(w);
    QCOMPARE(w->state, ServerSession::State::IdleInTransaction);
    QVERIFY(!w->own);
    QCOMPARE(w->user, url.username());
    QCOMPARE(w->database, url.database());
    QVERIFY2(w->client.startsWith(QLatin1String("127.0.0.1:")), qPrintable(w->client));
    QVERIFY(w->idleSeconds);
    QVERIFY2(*w->idleSeconds >= 1.0 && *w->idleSeconds < 30,
             qPrintable(QString::number(*w->idleSeconds)));
    QVERIFY(w->transactionAgeSeconds);
    QVERIFY(*w->transactionAgeSeconds >= *w->idleSeconds - 1.0); // MySQL: whole seconds
    QVERIFY(w->xactStart.isValid());
    QVERIFY(w->xactStart <= began.addSecs(1));
    QVERIFY(w->stateChange.isValid());
    QVERIFY(!w->runningSeconds);
    if (dialect == Dialect::PostgreSQL) {
        QVERIFY(w->query.startsWith(QLatin1String("UPDATE"))); // the last statement, also idle
        QVERIFY(w->backendStart.isValid());
        QCOMPARE(w->application, QString()); // the Qt driver sets none
    }

    const ServerSession *i = find(snapshot, idlePid);
    QVERIFY(i);
    QCOMPARE(i->state, ServerSession::State::Idle);
    QVERIFY(!i->transactionAgeSeconds);
    QVERIFY(!i->xactStart.isValid());

    const ServerSession *b = find(snapshot, barePid);
    QVERIFY(b);
    // MariaDB lists a transaction in INNODB_TRX only once it touched InnoDB data.
    QCOMPARE(b->state, dialect == Dialect::PostgreSQL ? ServerSession::State::IdleInTransaction
                                                      : ServerSession::State::Idle);

    SuspectRules rules;
    rules.idleInTransactionOver = 1.0;
    ServerSessionSnapshot judged = snapshot;
    rules.apply(judged);
    QVERIFY2(find(judged, writerPid)->suspect.startsWith(QLatin1String("idle in transaction for ")),
             qPrintable(find(judged, writerPid)->suspect));
    QVERIFY(!find(judged, idlePid)->isSuspect());

    // Narrowed to another database, none of them is there.
    reader.setDatabase(QStringLiteral("no_such_database"));
    QVERIFY(read(&session, reader).sessions.isEmpty());
    reader.setDatabase(QString());
    reader.setIncludeReader(true);
    const ServerSessionSnapshot withReader = read(&session, reader);
    QVERIFY(find(withReader, withReader.readerPid));
    QVERIFY(find(withReader, withReader.readerPid)->own);
    QCOMPARE(find(withReader, withReader.readerPid)->state, ServerSession::State::Active);

    QVERIFY(writer.exec(QStringLiteral("ROLLBACK")));
    QVERIFY(bare.exec(QStringLiteral("ROLLBACK")));
    QVERIFY(setup.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestServerSessionReader::ownConnectionsAreMarked()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("own")));
    // A tab left inside a transaction: ours, and suspect like any other.
    Session forgotten(&engine, QStringLiteral("forgotten tab"));
    forgotten.setMode(Session::Mode::Transaction);
    QVERIFY(run(&forgotten, QStringLiteral("SELECT 1")).ok);
    QVERIFY(forgotten.connection());
    const qint64 ownPid = forgotten.connection()->serverId();
    QTest::qWait(1200);

    Session reading(&engine, QStringLiteral("reader"));
    ServerSessionReader reader;
    reader.setOwnServerIds(engine.pool()->serverIds());
    ServerSessionSnapshot snapshot = read(&reading, reader);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    const ServerSession *own = find(snapshot, ownPid);
    QVERIFY(own);
    QVERIFY(own->own);
    if (dialect == Dialect::PostgreSQL)
        QCOMPARE(own->application, QStringLiteral("poolscope:") + engine.name());
    // MariaDB: SELECT 1 touches no InnoDB data, so the transaction is not listed.
    QCOMPARE(own->state, dialect == Dialect::PostgreSQL ? ServerSession::State::IdleInTransaction
                                                        : ServerSession::State::Idle);
    SuspectRules rules;
    rules.idleInTransactionOver = 1.0;
    rules.idleOver = 1.0;
    rules.apply(snapshot);
    QVERIFY(find(snapshot, ownPid)->isSuspect());
    QVERIFY(find(snapshot, ownPid)->own);

    // Without the ids, MariaDB cannot tell; PostgreSQL still knows by name.
    const ServerSessionSnapshot blind = read(&reading, ServerSessionReader());
    QCOMPARE(find(blind, ownPid)->own, dialect == Dialect::PostgreSQL);
    forgotten.close();
}

void TestServerSessionReader::blockedByNamesTheLockHolder()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("ss"));
    testsupport::ServerProbe holder(url);
    QVERIFY(holder.exec(
        QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, v INTEGER)").arg(table)));
    QVERIFY(holder.exec(QStringLiteral("INSERT INTO %1 VALUES (1, 1)").arg(table)));
    const qint64 holderPid = holder.scalar(pidSql(dialect)).toLongLong();
    QVERIFY(holder.exec(QStringLiteral("BEGIN")));
    QVERIFY(holder.exec(QStringLiteral("UPDATE %1 SET v = 2 WHERE id = 1").arg(table)));

    Engine engine(testsupport::makeBind(url, QStringLiteral("blocked")));
    Session waiter(&engine, QStringLiteral("waiter"));
    QSignalSpy waiterDone(&waiter, &Session::finished);
    QVERIFY(waiter.execute(QStringLiteral("UPDATE %1 SET v = 3 WHERE id = 1").arg(table)));
    QTRY_VERIFY(waiter.connection() && waiter.connection()->serverId() > 0);
    const qint64 waiterPid = waiter.connection()->serverId();

    Session reading(&engine, QStringLiteral("reader"));
    ServerSessionSnapshot snapshot;
    // The waiter reaches the lock a moment after its statement was sent.
    // InnoDB refreshes its information_schema tables only when they were not
    // read for 0.1 s: polling faster would keep reading a stale copy.
    QVERIFY(testsupport::waitUntil(
        [&] {
            QTest::qWait(250);
            snapshot = read(&reading, ServerSessionReader());
            const ServerSession *w = find(snapshot, waiterPid);
            return w && !w->blockedBy.isEmpty();
        },
        10000));
    const ServerSession *w = find(snapshot, waiterPid);
    QCOMPARE(w->blockedBy, QList<qint64>{holderPid});
    QCOMPARE(w->state, ServerSession::State::Active);
    QVERIFY(w->runningSeconds);
    QVERIFY(find(snapshot, holderPid)->blockedBy.isEmpty());

    QVERIFY(holder.exec(QStringLiteral("ROLLBACK")));
    QTRY_COMPARE_WITH_TIMEOUT(waiterDone.size(), 1, 10000);
    QVERIFY(waiterDone.first().at(0).value<StatementResult>().ok);
    QVERIFY(holder.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestServerSessionReader::cancelRunningStatement()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("cancel")));
    Session sleeper(&engine, QStringLiteral("sleeper"));
    QSignalSpy sleeperDone(&sleeper, &Session::finished);
    QVERIFY(sleeper.execute(testsupport::endlessStatement(dialect)));
    QTRY_VERIFY(sleeper.connection() && sleeper.connection()->serverId() > 0);
    const qint64 pid = sleeper.connection()->serverId();
    QTest::qWait(1200);

    Session acting(&engine, QStringLiteral("actions"));
    const ServerSessionSnapshot snapshot = read(&acting, ServerSessionReader());
    const ServerSession *s = find(snapshot, pid);
    QVERIFY(s);
    QCOMPARE(s->state, ServerSession::State::Active);
    QVERIFY(s->runningSeconds && *s->runningSeconds >= 1.0);
    QVERIFY(s->query.contains(QLatin1String("sleep"), Qt::CaseInsensitive));
    SuspectRules rules;
    rules.runningOver = 1.0;
    QVERIFY(rules.reasonFor(*s).startsWith(QLatin1String("running for ")));
    QVERIFY(ServerSessionActions::isOffered(ServerSessionActions::Action::CancelStatement, dialect,
                                            *s));

    const auto result = runTask<ServerSessionActions::Result>(
        &acting, ServerSessionActions::task(ServerSessionActions::Action::CancelStatement, pid));
    QVERIFY2(result.ok, qPrintable(result.error));
    // It may have finished already while the cancel task was being waited for.
    QTRY_COMPARE_WITH_TIMEOUT(sleeperDone.size(), 1, 10000);
    // Cancelled, not disconnected: the server still lists the session (ask
    // apart: the pool may hand that very connection to the reader next).
    testsupport::ServerProbe probe(url);
    QCOMPARE(probe.liveSessions({pid}), 1);
    QVERIFY(run(&sleeper, QStringLiteral("SELECT 1")).ok);
}

void TestServerSessionReader::endSession()
{
    QFETCH(Dialect, dialect);
    SERVER_ONLY(dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    testsupport::ServerProbe victim(url);
    const qint64 pid = victim.scalar(pidSql(dialect)).toLongLong();
    QVERIFY(victim.exec(QStringLiteral("BEGIN")));
    testsupport::ServerProbe watcher(url);
    QCOMPARE(watcher.liveSessions({pid}), 1);

    Engine engine(testsupport::makeBind(url, QStringLiteral("end")));
    Session acting(&engine, QStringLiteral("actions"));

    // Asked about the pid of a session that has since been replaced (another
    // start, another user): the server checks and nothing is ended.
    const ServerSessionSnapshot snapshot = read(&acting, ServerSessionReader());
    const ServerSession *listed = find(snapshot, pid);
    QVERIFY(listed);
    ServerSession replaced = *listed;
    if (dialect == Dialect::PostgreSQL)
        replaced.backendStart = replaced.backendStart.addSecs(-1);
    else
        replaced.user = QStringLiteral("someone_else");
    const auto refusedChanged = runTask<ServerSessionActions::Result>(
        &acting, ServerSessionActions::task(ServerSessionActions::Action::EndSession, replaced));
    QVERIFY(!refusedChanged.ok);
    QVERIFY(refusedChanged.notTheSame);
    QVERIFY2(refusedChanged.error.contains(QLatin1String("Nothing was done")),
             qPrintable(refusedChanged.error));
    QCOMPARE(watcher.liveSessions({pid}), 1);

    // The session as listed is the one that ends.
    const auto result = runTask<ServerSessionActions::Result>(
        &acting, ServerSessionActions::task(ServerSessionActions::Action::EndSession, *listed));
    QVERIFY2(result.ok, qPrintable(result.error));
    // ok means gone: the server no longer lists it, at once.
    QCOMPARE(watcher.liveSessions({pid}), 0);
    QVERIFY(!victim.exec(QStringLiteral("SELECT 1")));

    // A session that is not there is an error, not a silent success.
    const auto missing = runTask<ServerSessionActions::Result>(
        &acting, ServerSessionActions::task(ServerSessionActions::Action::EndSession, 999999));
    QVERIFY(!missing.ok);
    QVERIFY(!missing.error.isEmpty());

    // poolscope does not end the connection it asks with.
    Session pinned(&engine, QStringLiteral("pinned"));
    pinned.setMode(Session::Mode::Transaction);
    QVERIFY(run(&pinned, QStringLiteral("SELECT 1")).ok);
    const qint64 self = pinned.connection()->serverId();
    const auto refused = runTask<ServerSessionActions::Result>(
        &pinned, ServerSessionActions::task(ServerSessionActions::Action::EndSession, self));
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(QLatin1String("poolscope asks with")),
             qPrintable(refused.error));
    QCOMPARE(watcher.liveSessions({self}), 1);
    pinned.close();
}

void TestServerSessionReader::sqliteListsProcessesHoldingTheFile()
{
    if (!testsupport::dialectsUnderTest().contains(Dialect::SQLite))
        QSKIP("runs with the SQLite dialect");
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("file")));
    Session session(&engine, QStringLiteral("tab"));
    QVERIFY(run(&session, QStringLiteral("CREATE TABLE t (id INTEGER)")).ok);

    // Another program holding the file open.
    QProcess other;
    other.setProgram(QStringLiteral("/usr/bin/python3"));
    other.setArguments({QStringLiteral("-c"),
                        QStringLiteral("import sqlite3, sys, time\n"
                                       "c = sqlite3.connect(sys.argv[1])\n"
                                       "c.execute('SELECT count(*) FROM t').fetchall()\n"
                                       "print('ready', flush=True)\n"
                                       "time.sleep(60)\n"),
                        url.database()});
    other.start();
    QVERIFY(other.waitForStarted());
    QVERIFY(other.waitForReadyRead(10000));
    QCOMPARE(other.readAll().trimmed(), QByteArray("ready"));

    ServerSessionReader reader;
    reader.setOwnConnectionCount(int(engine.pool()->connections().size()));
    ServerSessionSnapshot snapshot = read(&session, reader);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    QCOMPARE(snapshot.dialect, Dialect::SQLite);
    QCOMPARE(snapshot.ownConnections, 1);
    const ServerSession *python = find(snapshot, other.processId());
    QVERIFY2(python, qPrintable(QStringLiteral("pid %1 not among %2 holders")
                                    .arg(other.processId())
                                    .arg(snapshot.sessions.size())));
    QCOMPARE(python->program, QStringLiteral("python3"));
    QCOMPARE(python->application, QStringLiteral("python3"));
    QVERIFY(python->origin);
    QCOMPARE(python->origin->pid, other.processId());
    QVERIFY2(python->origin->command.startsWith(QLatin1String("/usr/bin/python3 ")),
             qPrintable(python->origin->command));
    QVERIFY(!python->own);
    QCOMPARE(python->state, ServerSession::State::Other);
    QVERIFY(python->backendStart.isValid());
    QVERIFY(qAbs(python->backendStart.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(!python->user.isEmpty());
    QVERIFY(!ServerSessionActions::isOffered(ServerSessionActions::Action::EndSession,
                                             Dialect::SQLite, *python));
    const ServerSession *self = find(snapshot, QCoreApplication::applicationPid());
    QVERIFY(self);
    QVERIFY(self->own);

    const qint64 otherPid = other.processId();
    other.kill();
    QVERIFY(other.waitForFinished(5000));
    snapshot = read(&session, reader);
    QVERIFY(!find(snapshot, otherPid));
    QVERIFY(find(snapshot, QCoreApplication::applicationPid()));

    // With every connection closed, poolscope holds the file no more.
    QSignalSpy disposed(&engine, &Engine::disposed);
    engine.dispose();
    QVERIFY(disposed.wait(10000));
    const ServerSessionSnapshot closed = ServerSessionReader().readSqliteFile(url.database());
    QVERIFY(!find(closed, QCoreApplication::applicationPid()));
}

QTEST_GUILESS_MAIN(TestServerSessionReader)
#include "tst_serversessionreader.moc"

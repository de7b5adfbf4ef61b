// Session semantics (lazy checkout, autocommit, transaction pinning, close,
// reclaimed leaks) and cancel, against the real databases.
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using testsupport::run;

class TestSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lazyCheckoutAutocommit_data() { testsupport::addDialectRows(); }
    void lazyCheckoutAutocommit();
    void transactionModePins_data() { testsupport::addDialectRows(); }
    void transactionModePins();
    void manualBeginKeepsConnection_data() { testsupport::addDialectRows(); }
    void manualBeginKeepsConnection();
    void closeRollsBack_data() { testsupport::addDialectRows(); }
    void closeRollsBack();
    void destroyedSessionIsReclaimed_data() { testsupport::addDialectRows(); }
    void destroyedSessionIsReclaimed();
    void cancelLongStatement_data() { testsupport::addDialectRows(); }
    void cancelLongStatement();
    void cancelWhileRowsStream_data() { testsupport::addDialectRows(); }
    void cancelWhileRowsStream();
    void cancelWhileWaitingForConnection();
    void memoryDatabaseIsLentToOneSession();
    void killedConnectionFailsStatementCleanly_data() { testsupport::addDialectRows(); }
    void killedConnectionFailsStatementCleanly();
};

void TestSession::lazyCheckoutAutocommit()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("lazy")));
    Session session(&engine, QStringLiteral("tab"));
    QCOMPARE(engine.pool()->connections().size(), 0);
    QVERIFY(!session.connection());
    QVERIFY(session.execute(QStringLiteral("SELECT 1")));
    QVERIFY(session.isBusy());
    QVERIFY(!session.execute(QStringLiteral("SELECT 2"))); // one at a time
    QTRY_VERIFY(!session.isBusy());
    QVERIFY(!session.connection());
    QCOMPARE(engine.pool()->checkedout(), 0);
    QCOMPARE(engine.pool()->checkedin(), 1);
}

void TestSession::transactionModePins()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("pin")));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("t"));
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));

    Session session(&engine, QStringLiteral("tab"));
    session.setMode(Session::Mode::Transaction);
    StatementResult result = run(&session, QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(session.connection());
    QVERIFY(session.inTransaction());
    QVERIFY(session.transactionStartedAt().isValid());
    QCOMPARE(engine.pool()->checkedout(), 1);
    const Connection *pinned = session.connection();
    QVERIFY(run(&session, QStringLiteral("INSERT INTO %1 VALUES (2)").arg(table)).ok);
    QCOMPARE(session.connection(), pinned);
    if (dialect != Dialect::SQLite) // SQLite's writer lock would block the probe
        QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
                 QStringLiteral("0"));
    QVERIFY(session.commit());
    QTRY_VERIFY(!session.isBusy());
    QVERIFY(!session.connection());
    QCOMPARE(engine.pool()->checkedout(), 0);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("2"));

    // Roll back works the same way.
    QVERIFY(run(&session, QStringLiteral("DELETE FROM %1").arg(table)).ok);
    QVERIFY(session.rollback());
    QTRY_VERIFY(!session.isBusy());
    QVERIFY(!session.connection());
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("2"));
    QVERIFY(!session.commit()); // nothing open
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestSession::manualBeginKeepsConnection()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("manual")));
    Session session(&engine, QStringLiteral("tab"));
    QVERIFY(run(&session, dialects::beginStatement(dialect)).ok);
    // Autocommit mode, but a transaction is open: returning it would lose work.
    QVERIFY(session.connection());
    QVERIFY(session.inTransaction());
    QVERIFY(run(&session, QStringLiteral("SELECT 1")).ok);
    QVERIFY(session.connection());
    QVERIFY(run(&session, QStringLiteral("COMMIT")).ok);
    QVERIFY(!session.connection());
}

void TestSession::closeRollsBack()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("close")));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("t"));
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));
    Session session(&engine, QStringLiteral("tab"));
    session.setMode(Session::Mode::Transaction);
    QVERIFY(run(&session, QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)).ok);
    session.close();
    QVERIFY(!session.connection());
    QTRY_COMPARE(engine.pool()->checkedin(), 1);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("0"));
    // Reusable after close.
    QVERIFY(run(&session, QStringLiteral("SELECT 1")).ok);
    session.close();
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestSession::destroyedSessionIsReclaimed()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    EventLog log;
    Engine engine(testsupport::makeBind(url, QStringLiteral("reclaim")), &log);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("t"));
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));
    auto session = std::make_unique<Session>(&engine, QStringLiteral("forgetful tab"));
    session->setMode(Session::Mode::Transaction);
    QVERIFY(run(session.get(), QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)).ok);
    QCOMPARE(engine.pool()->checkedout(), 1);
    session.reset(); // no close()
    QTRY_COMPARE(engine.pool()->checkedin(), 1);
    QCOMPARE(engine.pool()->checkedout(), 0);
    bool reclaimed = false;
    for (const PoolEvent &event : log.events()) {
        if (event.type == PoolEvent::Type::LeakReclaimed) {
            reclaimed = true;
            QCOMPARE(event.owner, QStringLiteral("forgetful tab"));
        }
    }
    QVERIFY(reclaimed);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("0"));
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestSession::cancelLongStatement()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("cancel")));
    Session session(&engine, QStringLiteral("tab"));
    session.setMode(Session::Mode::Transaction); // keeps the same connection for the check below
    QSignalSpy finished(&session, &Session::finished);
    QVERIFY(session.execute(testsupport::endlessStatement(dialect)));
    QTRY_VERIFY(session.connection());
    QTest::qWait(300);
    const qint64 serverId = session.connection()->serverId();
    const int number = session.connection()->number();
    QElapsedTimer clock;
    clock.start();
    session.cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    const auto result = finished.takeFirst().at(0).value<StatementResult>();
    QVERIFY(!result.ok);
    QVERIFY(result.cancelled);
    QVERIFY(!result.connectionLost);

    // The same connection answers the next statement.
    if (session.inTransaction())
        QVERIFY(run(&session, QStringLiteral("ROLLBACK")).ok);
    session.setMode(Session::Mode::Autocommit);
    QList<QStringList> rows;
    const StatementResult next = run(&session, QStringLiteral("SELECT 7"), &rows);
    QVERIFY2(next.ok, qPrintable(next.error));
    QCOMPARE(rows.value(0).value(0), QStringLiteral("7"));
    QCOMPARE(engine.pool()->connections().size(), 1);
    QCOMPARE(engine.pool()->connections().first()->number(), number);
    QCOMPARE(engine.pool()->connections().first()->serverId(), serverId);
}

void TestSession::cancelWhileRowsStream()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("stream")));
    Session session(&engine, QStringLiteral("tab"));
    qint64 received = 0;
    connect(&session, &Session::rowsReady, this,
            [&](const RowBatch &batch) { received += batch.rowCount(); });
    QSignalSpy finished(&session, &Session::finished);
    // Statements whose rows the server produces one by one, not all at first.
    QString sql;
    switch (dialect) {
    case Dialect::PostgreSQL:
        sql = QStringLiteral("SELECT i, repeat('x', 100) FROM generate_series(1, 50000000) AS i");
        break;
    case Dialect::MySQL:
        sql = QStringLiteral("SELECT seq, REPEAT('x', 100) FROM seq_1_to_50000000");
        break;
    case Dialect::SQLite:
        sql = QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
            "SELECT i, printf('%.100c', 'x') FROM n");
        break;
    }
    session.setMode(Session::Mode::Autocommit);
    QVERIFY(session.execute(sql));
    QTRY_VERIFY_WITH_TIMEOUT(received > 10000, 20000);
    QElapsedTimer clock;
    clock.start();
    session.cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    const auto result = finished.takeFirst().at(0).value<StatementResult>();
    QVERIFY(result.cancelled);
    QVERIFY(received < 50000000);
    const StatementResult next = run(&session, QStringLiteral("SELECT 1"));
    QVERIFY2(next.ok, qPrintable(next.error));
}

// sqlite:// lives in one connection shared by every session of the engine:
// what one tab owns on it (its statement, its transaction) ends with that tab
// and never carries over to another.
void TestSession::memoryDatabaseIsLentToOneSession()
{
    if (!testsupport::dialectsUnderTest().contains(Dialect::SQLite))
        QSKIP("the SQLite run covers it");
    Engine engine(
        Bind{QStringLiteral("memory"), *Url::parse(QStringLiteral("sqlite://")), PoolOptions()});
    Session setup(&engine, QStringLiteral("setup"));
    QVERIFY(run(&setup, QStringLiteral("CREATE TABLE t (id INTEGER)")).ok);

    // An open transaction holds the connection: the other session waits for
    // it rather than running inside that transaction.
    auto owner = std::make_unique<Session>(&engine, QStringLiteral("owner"));
    owner->setMode(Session::Mode::Transaction);
    QVERIFY(run(owner.get(), QStringLiteral("INSERT INTO t VALUES (1)")).ok);
    QVERIFY(owner->inTransaction());
    Session other(&engine, QStringLiteral("other"));
    QSignalSpy otherFinished(&other, &Session::finished);
    QVERIFY(other.execute(QStringLiteral("SELECT count(*) FROM t")));
    QTest::qWait(300);
    QVERIFY(otherFinished.isEmpty());
    QVERIFY(other.isBusy());

    // Closing the owner rolls its transaction back before anyone else runs.
    owner->close();
    QVERIFY(otherFinished.wait(5000));
    const auto counted = otherFinished.takeFirst().at(0).value<StatementResult>();
    QVERIFY2(counted.ok, qPrintable(counted.error));
    QVERIFY(!other.inTransaction());
    QList<QStringList> rows;
    QVERIFY(run(&other, QStringLiteral("SELECT count(*) FROM t"), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("0"));

    // A running statement belongs to its session: closing it cancels it, and
    // the session waiting behind it runs at once.
    owner = std::make_unique<Session>(&engine, QStringLiteral("runner"));
    QSignalSpy ownerFinished(owner.get(), &Session::finished);
    QVERIFY(owner->execute(testsupport::endlessStatement(Dialect::SQLite)));
    QTRY_VERIFY(owner->connection() && owner->connection()->isBusy());
    otherFinished.clear();
    QVERIFY(other.execute(QStringLiteral("SELECT 42")));
    QTest::qWait(200);
    QVERIFY(otherFinished.isEmpty());
    QElapsedTimer clock;
    clock.start();
    owner->close();
    QVERIFY(otherFinished.wait(5000));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(otherFinished.takeFirst().at(0).value<StatementResult>().ok);
    QCOMPARE(ownerFinished.size(), 1);
    QVERIFY(ownerFinished.takeFirst().at(0).value<StatementResult>().cancelled);

    // Still the same database: the table is there, the connection is one.
    rows.clear();
    QVERIFY(run(&other, QStringLiteral("SELECT count(*) FROM t"), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("0"));
    QCOMPARE(engine.pool()->connections().size(), 1);
}

void TestSession::cancelWhileWaitingForConnection()
{
    PoolOptions options;
    options.poolSize = 1;
    options.maxOverflow = 0;
    Engine engine(
        Bind{QStringLiteral("tiny"),
             *Url::parse(QStringLiteral("sqlite:///") +
                         QDir::temp().filePath(testsupport::uniqueBindName(QStringLiteral("tiny")) +
                                               QStringLiteral(".db"))),
             options});
    Session holder(&engine, QStringLiteral("holder"));
    holder.setMode(Session::Mode::Transaction);
    QVERIFY(run(&holder, QStringLiteral("SELECT 1")).ok);
    Session waiting(&engine, QStringLiteral("waiting"));
    QSignalSpy finished(&waiting, &Session::finished);
    QVERIFY(waiting.execute(QStringLiteral("SELECT 2")));
    QVERIFY(waiting.isWaitingForConnection());
    waiting.cancel();
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(0).value<StatementResult>().cancelled);
    QVERIFY(!waiting.isBusy());
    QCOMPARE(engine.pool()->waiting(), 0);
    holder.close();
    QVERIFY(run(&waiting, QStringLiteral("SELECT 3")).ok);
}

void TestSession::killedConnectionFailsStatementCleanly()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("killed")));
    Session session(&engine, QStringLiteral("tab"));
    QSignalSpy finished(&session, &Session::finished);
    QVERIFY(session.execute(testsupport::endlessStatement(dialect)));
    QTRY_VERIFY(session.connection());
    QTest::qWait(200);
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.kill(session.connection()->serverId()));
    QVERIFY(finished.wait(5000));
    const auto result = finished.takeFirst().at(0).value<StatementResult>();
    QVERIFY(!result.ok);
    QVERIFY2(result.connectionLost, qPrintable(result.error));
    QVERIFY(!result.error.isEmpty());
    QTRY_COMPARE(engine.pool()->connections().size(), 0);
    // The next statement gets a fresh connection.
    const StatementResult next = run(&session, QStringLiteral("SELECT 1"));
    QVERIFY2(next.ok, qPrintable(next.error));
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"

// QueuePool semantics against the real databases: defaults, limits and texts,
// overflow, recycle, pre-ping, reset on return, LIFO, leaks, dispose.
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "tests/support/testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using testsupport::checkout;
using testsupport::run;

class TestPool final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void exhaustion_data() { testsupport::addDialectRows(); }
    void exhaustion();
    void overflowClosedOnCheckin_data() { testsupport::addDialectRows(); }
    void overflowClosedOnCheckin();
    void recycle_data() { testsupport::addDialectRows(); }
    void recycle();
    void prePingReplacesKilledConnection_data() { testsupport::addDialectRows(); }
    void prePingReplacesKilledConnection();
    void idleConnectionKilledIsDropped_data() { testsupport::addDialectRows(); }
    void idleConnectionKilledIsDropped();
    void resetOnReturnRollsBack_data() { testsupport::addDialectRows(); }
    void resetOnReturnRollsBack();
    void lifoOrder_data() { testsupport::addDialectRows(); }
    void lifoOrder();
    void leakThreshold_data() { testsupport::addDialectRows(); }
    void leakThreshold();
    void disposeLeavesNothingOnServer_data() { testsupport::addDialectRows(); }
    void disposeLeavesNothingOnServer();
    void connectErrorReachesCaller_data() { testsupport::addDialectRows(); }
    void connectErrorReachesCaller();
    void staticPoolSharesMemoryDatabase();
    void echoPoolText();
    void eventLogKeepsTheLastEvents();
};

void TestPool::defaults()
{
    const PoolOptions options;
    QCOMPARE(options.poolSize, 5);
    QCOMPARE(options.maxOverflow, 10);
    QCOMPARE(options.timeout, 30.0);
    QCOMPARE(options.recycle, -1.0);
    QCOMPARE(options.prePing, false);
    QCOMPARE(options.lifo, false);
    QCOMPARE(options.resetOnReturn, PoolOptions::ResetOnReturn::Rollback);
    QCOMPARE(options.leakThreshold, 0.0);

    Engine engine(Bind{QStringLiteral("default"),
                       *Url::parse(QStringLiteral("sqlite:///unused.db")), options});
    QCOMPARE(engine.pool()->status(),
             QStringLiteral("Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current "
                            "Checked out connections: 0"));
    QCOMPARE(
        engine.pool()->timeoutMessage(),
        QStringLiteral(
            "QueuePool limit of size 5 overflow -5 reached, connection timed out, timeout 30.00"));
    QVERIFY(!engine.pool()->isStatic());
    Engine memory(
        Bind{QStringLiteral("memory"), *Url::parse(QStringLiteral("sqlite://")), options});
    QVERIFY(memory.pool()->isStatic());
}

void TestPool::exhaustion()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    PoolOptions options;
    options.poolSize = 2;
    options.maxOverflow = 1;
    options.timeout = 0.2;
    Engine engine(testsupport::makeBind(url, QStringLiteral("exhaust"), options));
    Pool *pool = engine.pool();

    QList<Connection *> held;
    for (int i = 0; i < 3; ++i) {
        QString error;
        Connection *connection = checkout(pool, QStringLiteral("holder %1").arg(i), &error);
        QVERIFY2(connection, qPrintable(error));
        held << connection;
    }
    QCOMPARE(pool->status(), QStringLiteral("Pool size: 2  Connections in pool: 0 Current "
                                            "Overflow: 1 Current Checked out connections: 3"));

    QSignalSpy events(pool, &Pool::eventOccurred);
    QElapsedTimer waited;
    waited.start();
    QString error;
    QVERIFY(!checkout(pool, QStringLiteral("fourth"), &error));
    const qint64 elapsed = waited.elapsed();
    QCOMPARE(
        error,
        QStringLiteral(
            "QueuePool limit of size 2 overflow 1 reached, connection timed out, timeout 0.20"));
    QVERIFY2(elapsed >= 190 && elapsed < 2000, qPrintable(QString::number(elapsed)));
    bool timeoutEvent = false;
    for (const auto &args : std::as_const(events))
        timeoutEvent |= args.at(0).value<PoolEvent>().type == PoolEvent::Type::Timeout;
    QVERIFY(timeoutEvent);

    // A waiting checkout is served as soon as a connection comes back.
    bool served = false;
    pool->checkout(QStringLiteral("patient"), this, [&](Connection *connection, const QString &) {
        served = connection != nullptr;
        if (connection)
            pool->checkin(connection);
    });
    QVERIFY(!served);
    pool->checkin(held.takeFirst());
    QTRY_VERIFY_WITH_TIMEOUT(served, 5000);
    for (Connection *connection : std::as_const(held))
        pool->checkin(connection);
}

void TestPool::overflowClosedOnCheckin()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    PoolOptions options;
    options.poolSize = 2;
    options.maxOverflow = 2;
    Engine engine(testsupport::makeBind(url, QStringLiteral("overflow"), options));
    Pool *pool = engine.pool();
    QList<Connection *> held;
    for (int i = 0; i < 4; ++i) {
        Connection *connection = checkout(pool, QStringLiteral("c%1").arg(i));
        QVERIFY(connection);
        QVERIFY(run(connection, QStringLiteral("SELECT 1")).ok);
        held << connection;
    }
    QCOMPARE(pool->overflow(), 2);
    QSet<qint64> ids;
    for (const Connection *connection : std::as_const(held))
        ids.insert(connection->serverId());
    for (Connection *connection : std::as_const(held))
        pool->checkin(connection);
    QTRY_COMPARE(pool->connections().size(), 2);
    QCOMPARE(pool->status(), QStringLiteral("Pool size: 2  Connections in pool: 2 Current "
                                            "Overflow: 0 Current Checked out connections: 0"));
    if (dialect != Dialect::SQLite) {
        testsupport::ServerProbe probe(url);
        QTRY_COMPARE(probe.liveSessions(ids), 2);
    }
}

void TestPool::recycle()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    PoolOptions options;
    options.recycle = 0.3;
    Engine engine(testsupport::makeBind(url, QStringLiteral("recycle"), options));
    Pool *pool = engine.pool();
    Connection *first = checkout(pool, QStringLiteral("a"));
    QVERIFY(first);
    const int firstNumber = first->number();
    const qint64 firstId = first->serverId();
    pool->checkin(first);
    // Within recycle: the same connection comes back.
    Connection *again = checkout(pool, QStringLiteral("b"));
    QCOMPARE(again->number(), firstNumber);
    pool->checkin(again);
    QTest::qWait(400);
    Connection *fresh = checkout(pool, QStringLiteral("c"));
    QVERIFY(fresh);
    QVERIFY(fresh->number() != firstNumber);
    QVERIFY(run(fresh, QStringLiteral("SELECT 1")).ok);
    pool->checkin(fresh);
    if (dialect != Dialect::SQLite) {
        testsupport::ServerProbe probe(url);
        QTRY_COMPARE(probe.liveSessions({firstId}), 0);
    }
}

void TestPool::prePingReplacesKilledConnection()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    PoolOptions options;
    options.prePing = true;
    Engine engine(testsupport::makeBind(url, QStringLiteral("preping"), options));
    Pool *pool = engine.pool();
    Connection *connection = checkout(pool, QStringLiteral("a"));
    QVERIFY(connection);
    QVERIFY(run(connection, QStringLiteral("SELECT 1")).ok);
    const qint64 killedId = connection->serverId();
    const int killedNumber = connection->number();
    pool->checkin(connection);

    testsupport::ServerProbe probe(url);
    QVERIFY2(probe.kill(killedId), qPrintable(probe.error()));
    QString error;
    Connection *replacement = checkout(pool, QStringLiteral("b"), &error);
    QVERIFY2(replacement, qPrintable(error));
    QVERIFY(replacement->number() != killedNumber);
    QVERIFY(replacement->serverId() != killedId);
    const StatementResult result = run(replacement, QStringLiteral("SELECT 1"));
    QVERIFY2(result.ok, qPrintable(result.error));
    pool->checkin(replacement);
}

void TestPool::idleConnectionKilledIsDropped()
{
    // Without pre-ping: the pool notices on the socket that the server ended
    // an idle session and drops it before anyone checks it out.
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("dropped")));
    Pool *pool = engine.pool();
    Connection *connection = checkout(pool, QStringLiteral("a"));
    QVERIFY(connection);
    const qint64 id = connection->serverId();
    pool->checkin(connection);
    QCOMPARE(pool->checkedin(), 1);
    QSignalSpy events(pool, &Pool::eventOccurred);
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.kill(id));
    QTRY_COMPARE_WITH_TIMEOUT(pool->checkedin(), 0, 5000);
    QTRY_COMPARE(pool->connections().size(), 0);
    bool invalidated = false;
    for (const auto &args : std::as_const(events))
        invalidated |= args.at(0).value<PoolEvent>().type == PoolEvent::Type::Invalidate;
    QVERIFY(invalidated);
    Connection *next = checkout(pool, QStringLiteral("b"));
    QVERIFY(next);
    QVERIFY(run(next, QStringLiteral("SELECT 1")).ok);
    pool->checkin(next);
}

void TestPool::resetOnReturnRollsBack()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("reset")));
    Pool *pool = engine.pool();
    const QString table =
        QStringLiteral("reset_%1").arg(testsupport::uniqueIdentifier(QStringLiteral("t")));

    Connection *writer = checkout(pool, QStringLiteral("writer"));
    QVERIFY(writer);
    QVERIFY(run(writer, QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)).ok);
    QVERIFY(run(writer, dialects::beginStatement(dialect)).ok);
    QVERIFY(run(writer, QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)).ok);
    QVERIFY(writer->inTransaction());
    const int writerNumber = writer->number();
    QSignalSpy resets(pool, &Pool::eventOccurred);
    pool->checkin(writer); // without commit
    QTRY_COMPARE(pool->checkedin(), 1);
    bool resetEvent = false;
    for (const auto &args : std::as_const(resets))
        resetEvent |= args.at(0).value<PoolEvent>().type == PoolEvent::Type::Reset;
    QVERIFY(resetEvent);

    // Another connection does not see the row, and neither does the reused one.
    testsupport::ServerProbe probe(url);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("0"));
    Connection *reused = checkout(pool, QStringLiteral("reader"));
    QCOMPARE(reused->number(), writerNumber);
    QVERIFY(!reused->inTransaction());
    QList<QStringList> rows;
    QVERIFY(run(reused, QStringLiteral("SELECT count(*) FROM %1").arg(table), &rows).ok);
    QCOMPARE(rows, QList<QStringList>{{QStringLiteral("0")}});
    QVERIFY(run(reused, QStringLiteral("DROP TABLE %1").arg(table)).ok);
    pool->checkin(reused);
}

void TestPool::lifoOrder()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    for (bool lifo : {false, true}) {
        PoolOptions options;
        options.poolSize = 3;
        options.lifo = lifo;
        Engine engine(testsupport::makeBind(url, QStringLiteral("order"), options));
        Pool *pool = engine.pool();
        QList<Connection *> held;
        for (int i = 0; i < 3; ++i)
            held << checkout(pool, QStringLiteral("c%1").arg(i));
        for (Connection *connection : std::as_const(held))
            pool->checkin(connection);
        Connection *next = checkout(pool, QStringLiteral("next"));
        QCOMPARE(next, lifo ? held.last() : held.first());
        pool->checkin(next);
    }
}

void TestPool::leakThreshold()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    PoolOptions options;
    options.leakThreshold = 0.5;
    Engine engine(testsupport::makeBind(url, QStringLiteral("leak"), options));
    Pool *pool = engine.pool();
    QSignalSpy events(pool, &Pool::eventOccurred);
    Connection *held = checkout(pool, QStringLiteral("report tab"));
    QVERIFY(run(held, QStringLiteral("SELECT 'still here' AS held")).ok);
    QTest::qWait(200);
    QVERIFY(!held->isLeakSuspected());
    QTRY_VERIFY_WITH_TIMEOUT(held->isLeakSuspected(), 3000);
    PoolEvent leak;
    for (const auto &args : std::as_const(events)) {
        if (args.at(0).value<PoolEvent>().type == PoolEvent::Type::LeakSuspected)
            leak = args.at(0).value<PoolEvent>();
    }
    QCOMPARE(leak.type, PoolEvent::Type::LeakSuspected);
    QCOMPARE(leak.owner, QStringLiteral("report tab"));
    QVERIFY2(leak.message.contains(QLatin1String("checked out by 'report tab'")),
             qPrintable(leak.message));
    QVERIFY2(leak.message.contains(QLatin1String("SELECT 'still here' AS held")),
             qPrintable(leak.message));
    QVERIFY2(leak.message.contains(QLatin1String("leak_threshold 0.50 s")),
             qPrintable(leak.message));
    pool->checkin(held);
    QVERIFY(!held->isLeakSuspected());
}

void TestPool::disposeLeavesNothingOnServer()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    EventLog log;
    Engine engine(testsupport::makeBind(url, QStringLiteral("dispose")), &log);
    Pool *pool = engine.pool();
    QList<Connection *> held;
    for (int i = 0; i < 6; ++i) {
        held << checkout(pool, QStringLiteral("c%1").arg(i));
        QVERIFY(held.last());
    }
    for (int i = 0; i < 3; ++i)
        pool->checkin(held.at(i));
    // One checked-out connection is busy in a long statement.
    held.at(5)->execute(testsupport::endlessStatement(dialect));
    QTest::qWait(200);
    testsupport::ServerProbe probe(url);
    const QSet<qint64> ids = testsupport::serverIdsSeen(log.events());
    if (dialect != Dialect::SQLite) {
        QCOMPARE(ids.size(), 6);
        QCOMPARE(probe.liveSessions(ids), 6);
    }
    QSignalSpy disposed(&engine, &Engine::disposed);
    QElapsedTimer clock;
    clock.start();
    engine.dispose();
    QCOMPARE(pool->status(), QStringLiteral("Pool size: 5  Connections in pool: 0 Current "
                                            "Overflow: -5 Current Checked out connections: 0"));
    QVERIFY(disposed.wait(10000));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(pool->connections().size(), 0);
    if (dialect != Dialect::SQLite) {
        QTRY_COMPARE(probe.liveSessions(ids), 0);
        if (dialect == Dialect::PostgreSQL)
            QCOMPARE(probe.sessionsOfBind(engine.name()), 0);
    }
    // The pool is usable after dispose.
    Connection *again = checkout(pool, QStringLiteral("after"));
    QVERIFY(again);
    QVERIFY(run(again, QStringLiteral("SELECT 1")).ok);
    pool->checkin(again);
}

void TestPool::connectErrorReachesCaller()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Url wrong = url;
    wrong.setPassword(QStringLiteral("Wr0ngPassw0rd"));
    Engine engine(testsupport::makeBind(wrong, QStringLiteral("wrongpw")));
    QString error;
    QVERIFY(!checkout(engine.pool(), QStringLiteral("a"), &error));
    QVERIFY2(!error.isEmpty(), "no message");
    QVERIFY2(!error.contains(QLatin1String("Wr0ngPassw0rd")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("***")) || !error.contains(QLatin1String("Wr0ng")),
             qPrintable(error));
    QTRY_COMPARE(engine.pool()->connections().size(), 0);
    QCOMPARE(engine.pool()->checkedout(), 0);
}

void TestPool::staticPoolSharesMemoryDatabase()
{
    PoolOptions options;
    options.timeout = 0.5;
    Engine engine(
        Bind{QStringLiteral("memory"), *Url::parse(QStringLiteral("sqlite://")), options});
    Pool *pool = engine.pool();
    Connection *a = checkout(pool, QStringLiteral("a"));
    QVERIFY(a);
    QVERIFY(run(a, QStringLiteral("CREATE TABLE shared (x)")).ok);
    QVERIFY(run(a, QStringLiteral("BEGIN")).ok);
    QVERIFY(run(a, QStringLiteral("INSERT INTO shared VALUES (1)")).ok);
    // Lent to one user at a time: b waits, and says why when it gives up.
    QString error;
    QVERIFY(!checkout(pool, QStringLiteral("b"), &error));
    QVERIFY2(error.contains(QLatin1String("in-memory database has one connection")),
             qPrintable(error));
    pool->checkin(a); // rolled back on its way, as any pool does
    Connection *b = checkout(pool, QStringLiteral("b"));
    QCOMPARE(a, b);
    QVERIFY(!b->inTransaction());
    QList<QStringList> rows;
    QVERIFY(run(b, QStringLiteral("SELECT count(*) FROM shared"), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("0"));
    QVERIFY(run(b, QStringLiteral("INSERT INTO shared VALUES (2)")).ok);
    pool->checkin(b);
    QTRY_COMPARE(b->state(), Connection::State::Idle);
    Connection *c = checkout(pool, QStringLiteral("c"));
    rows.clear();
    QVERIFY(run(c, QStringLiteral("SELECT count(*) FROM shared"), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("1"));
    pool->checkin(c);
    QCOMPARE(pool->connections().size(), 1);
}

void TestPool::echoPoolText()
{
    EventLog log;
    Engine engine(
        Bind{QStringLiteral("echo"), *Url::parse(QStringLiteral("sqlite://")), PoolOptions()},
        &log);
    Connection *connection = checkout(engine.pool(), QStringLiteral("a"));
    engine.pool()->checkin(connection);
    const QString text = log.echoText();
    QVERIFY2(text.contains(QLatin1String(
                 "DEBUG poolscope.pool.echo Created new connection <connection #1 of echo>")),
             qPrintable(text));
    QVERIFY2(
        text.contains(QLatin1String("Connection <connection #1 of echo> checked out from pool")),
        qPrintable(text));
    QVERIFY2(
        text.contains(QLatin1String("Connection <connection #1 of echo> being returned to pool")),
        qPrintable(text));
    QCOMPARE(PoolEvent::typeName(PoolEvent::Type::LeakReclaimed), QStringLiteral("leak-reclaimed"));
    // Bounded.
    EventLog small(3);
    for (int i = 0; i < 10; ++i)
        small.append(PoolEvent{});
    QCOMPARE(small.size(), 3);
    QCOMPARE(small.dropped(), 7);
}

void TestPool::eventLogKeepsTheLastEvents()
{
    // Full, the log reuses its oldest slot: still the last events, oldest
    // first, with the fields they were given, and the signals a view follows.
    EventLog log(3);
    const QDateTime start = QDateTime::currentDateTimeUtc();
    const auto make = [&](int i) {
        PoolEvent event;
        event.time = start.addMSecs(i);
        event.type = i % 2 ? PoolEvent::Type::Checkin : PoolEvent::Type::Checkout;
        event.bind = QStringLiteral("ring");
        event.connection = i;
        event.serverId = 100 + i;
        event.owner = QStringLiteral("owner %1").arg(i);
        event.message = QStringLiteral("message %1").arg(i);
        return event;
    };
    for (int i = 0; i < 4; ++i)
        log.append(make(i));
    QSignalSpy aboutToDrop(&log, &EventLog::aboutToDropOldest);
    QSignalSpy dropped(&log, &EventLog::droppedOldest);
    QSignalSpy appended(&log, &EventLog::appended);
    for (int i = 4; i < 8; ++i)
        log.append(make(i));
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.dropped(), 5);
    QCOMPARE(aboutToDrop.count(), 4);
    QCOMPARE(dropped.count(), 4);
    QCOMPARE(appended.count(), 4);
    QCOMPARE(appended.last().at(0).value<PoolEvent>().message, QStringLiteral("message 7"));
    const QList<PoolEvent> events = log.events();
    QCOMPARE(events.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const PoolEvent expected = make(5 + i);
        const PoolEvent event = log.at(i);
        QCOMPARE(events.at(i).message, expected.message);
        QCOMPARE(event.time, expected.time);
        QCOMPARE(event.type, expected.type);
        QCOMPARE(event.bind, expected.bind);
        QCOMPARE(event.connection, expected.connection);
        QCOMPARE(event.serverId, expected.serverId);
        QCOMPARE(event.owner, expected.owner);
        QCOMPARE(event.message, expected.message);
        QCOMPARE(event.echoLine(), expected.echoLine());
    }
    log.append(PoolEvent{});
    QVERIFY(!log.at(2).time.isValid()); // no time given, none kept
    log.clear();
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.dropped(), 9);
    log.append(make(9));
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).message, QStringLiteral("message 9"));
}

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"

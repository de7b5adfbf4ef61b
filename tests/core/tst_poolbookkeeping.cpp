// The pool's fast path, which bench/ measures against SQLAlchemy: an idle
// connection is handed out inside checkout(), each checkout and checkin is
// announced once through changed() and logged with SQLAlchemy's sentence for
// the connection as it is named now.
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "tests/support/testsupport.h"

#include <QSignalSpy>
#include <QTest>

using testsupport::checkout;
using testsupport::run;

class TestPoolBookkeeping final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idleCheckoutIsImmediateAndAnnouncedOnce_data() { testsupport::addDialectRows(); }
    void idleCheckoutIsImmediateAndAnnouncedOnce();
    void eventsNameTheConnectionOfTheMoment_data() { testsupport::addDialectRows(); }
    void eventsNameTheConnectionOfTheMoment();
    void changesBetweenCheckoutsAreAnnounced_data() { testsupport::addDialectRows(); }
    void changesBetweenCheckoutsAreAnnounced();
    void fastPathKeepsOwnersReentryAndInvalidation_data() { testsupport::addDialectRows(); }
    void fastPathKeepsOwnersReentryAndInvalidation();

private:
    static PoolEvent lastEvent(const QSignalSpy &events);
};

PoolEvent TestPoolBookkeeping::lastEvent(const QSignalSpy &events)
{
    return events.isEmpty() ? PoolEvent() : events.last().at(0).value<PoolEvent>();
}

void TestPoolBookkeeping::idleCheckoutIsImmediateAndAnnouncedOnce()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("bookkeeping")));
    Pool *pool = engine.pool();
    Connection *idle = checkout(pool, QStringLiteral("warm-up"));
    QVERIFY(idle);
    pool->checkin(idle);
    QCOMPARE(pool->checkedin(), 1);

    QSignalSpy changed(pool, &Pool::changed);
    QSignalSpy events(pool, &Pool::eventOccurred);
    for (int i = 0; i < 3; ++i) {
        Connection *given = nullptr;
        QString error;
        pool->checkout(QStringLiteral("loop"), nullptr,
                       [&](Connection *connection, const QString &message) {
                           given = connection;
                           error = message;
                       });
        QCOMPARE(given, idle);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(idle->state(), Connection::State::CheckedOut);
        QCOMPARE(idle->owner(), QStringLiteral("loop"));
        QCOMPARE(pool->checkedout(), 1);
        QCOMPARE(changed.count(), 1);
        const PoolEvent checkedOut = lastEvent(events);
        QCOMPARE(checkedOut.type, PoolEvent::Type::Checkout);
        QCOMPARE(checkedOut.owner, QStringLiteral("loop"));
        QCOMPARE(checkedOut.time, idle->checkedOutAt());
        changed.clear();

        pool->checkin(given);
        QCOMPARE(idle->state(), Connection::State::Idle);
        QCOMPARE(pool->checkedin(), 1);
        QCOMPARE(pool->checkedout(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lastEvent(events).type, PoolEvent::Type::Checkin);
        QVERIFY(lastEvent(events).time >= checkedOut.time);
        changed.clear();
    }
    QCOMPARE(events.count(), 6);
}

void TestPoolBookkeeping::eventsNameTheConnectionOfTheMoment()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const Bind bind = testsupport::makeBind(url, QStringLiteral("sentences"));
    Engine engine(bind);
    Pool *pool = engine.pool();
    QSignalSpy events(pool, &Pool::eventOccurred);

    Connection *first = checkout(pool, QStringLiteral("a"));
    QVERIFY(first);
    QCOMPARE(first->number(), 1);
    QString label = QStringLiteral("connection #1");
    if (dialect != Dialect::SQLite) {
        // The server id is known only once connected, and the sentences say it.
        QVERIFY(first->serverId() > 0);
        label += (dialect == Dialect::PostgreSQL ? QStringLiteral(" (pid %1)")
                                                 : QStringLiteral(" (id %1)"))
                     .arg(first->serverId());
    }
    QCOMPARE(first->label(), label);
    const QString repr = QStringLiteral("<%1 of %2>").arg(label, bind.name);
    QCOMPARE(lastEvent(events).message,
             QStringLiteral("Connection %1 checked out from pool").arg(repr));
    pool->checkin(first);
    QCOMPARE(lastEvent(events).message,
             QStringLiteral("Connection %1 being returned to pool").arg(repr));

    // Another connection, possibly at the same address: its own words.
    Connection *again = checkout(pool, QStringLiteral("b"));
    QCOMPARE(again, first);
    pool->invalidate(again, QStringLiteral("test"));
    QTRY_COMPARE(pool->connections().size(), 0);
    Connection *second = checkout(pool, QStringLiteral("c"));
    QVERIFY(second);
    QCOMPARE(second->number(), 2);
    const QString secondRepr = QStringLiteral("<%1 of %2>").arg(second->label(), bind.name);
    QVERIFY2(secondRepr.contains(QLatin1String("connection #2")), qPrintable(secondRepr));
    QCOMPARE(lastEvent(events).message,
             QStringLiteral("Connection %1 checked out from pool").arg(secondRepr));
    pool->checkin(second);
    QCOMPARE(lastEvent(events).message,
             QStringLiteral("Connection %1 being returned to pool").arg(secondRepr));
}

void TestPoolBookkeeping::changesBetweenCheckoutsAreAnnounced()
{
    // checkout() and checkin() announce once; what happens to a checked-out
    // connection in between (a statement runs) still reaches changed().
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("between")));
    Pool *pool = engine.pool();
    Connection *connection = checkout(pool, QStringLiteral("a"));
    QVERIFY(connection);
    QSignalSpy changed(pool, &Pool::changed);
    QVERIFY(run(connection, QStringLiteral("SELECT 1")).ok);
    QVERIFY(changed.count() > 0);
    QCOMPARE(connection->lastSql(), QStringLiteral("SELECT 1"));
    pool->checkin(connection);
    QTRY_COMPARE(pool->checkedin(), 1);
}

void TestPoolBookkeeping::fastPathKeepsOwnersReentryAndInvalidation()
{
    // checkout() hands an idle connection out without the queue: the owner
    // it keeps after checkin must not show, a callback that checks in and out
    // again must be served as pump() would, and a connection older than an
    // invalidation must still be recycled rather than handed out.
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("fast")));
    Pool *pool = engine.pool();
    Connection *first = checkout(pool, QStringLiteral("a"));
    QVERIFY(first);
    QCOMPARE(first->owner(), QStringLiteral("a"));
    pool->checkin(first);
    QCOMPARE(first->state(), Connection::State::Idle);
    QVERIFY(first->owner().isEmpty());

    QSignalSpy events(pool, &Pool::eventOccurred);
    Connection *inner = nullptr;
    pool->checkout(QStringLiteral("outer"), nullptr, [&](Connection *given, const QString &) {
        QCOMPARE(given->owner(), QStringLiteral("outer"));
        pool->checkin(given);
        pool->checkout(QStringLiteral("inner"), nullptr,
                       [&](Connection *again, const QString &) { inner = again; });
    });
    QCOMPARE(inner, first);
    QCOMPARE(first->owner(), QStringLiteral("inner"));
    QCOMPARE(pool->checkedout(), 1);
    QList<PoolEvent::Type> types;
    for (const QList<QVariant> &event : std::as_const(events))
        types << event.at(0).value<PoolEvent>().type;
    QCOMPARE(types, (QList<PoolEvent::Type>{PoolEvent::Type::Checkout, PoolEvent::Type::Checkin,
                                            PoolEvent::Type::Checkout}));

    // Two connections; one is invalidated while the other waits idle.
    Connection *second = checkout(pool, QStringLiteral("b"));
    QVERIFY(second);
    QVERIFY(second != first);
    pool->checkin(second);
    QTest::qWait(5); // the invalidation comes after the idle one's connect
    pool->invalidate(first, QStringLiteral("test"));
    events.clear();
    Connection *third = checkout(pool, QStringLiteral("c"));
    QVERIFY(third);
    QVERIFY(third != second);
    bool recycled = false;
    for (const QList<QVariant> &event : std::as_const(events)) {
        const PoolEvent e = event.at(0).value<PoolEvent>();
        recycled |= e.message.contains(QLatin1String("invalidated due to pool invalidation"));
    }
    QVERIFY(recycled);
    pool->checkin(third);
}

QTEST_GUILESS_MAIN(TestPoolBookkeeping)
#include "tst_poolbookkeeping.moc"

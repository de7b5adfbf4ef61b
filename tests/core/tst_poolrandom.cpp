// A seeded random walk over sessions and the pool (checkout, run, begin,
// commit, rollback, close, forget, kill from the server, dispose). After every
// step, once things settle, the pool's books must add up and the number of
// connections the server (or, for SQLite, the kernel) sees must equal ours.
// POOLSCOPE_TEST_SEED replays a run; the seed is printed on failure.
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

#include <memory>
#include <vector>

class TestPoolRandom final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomWalk_data();
    void randomWalk();
};

void TestPoolRandom::randomWalk_data()
{
    testsupport::addDialectRows();
}

namespace {

bool transitional(const Connection *connection)
{
    const auto state = connection->state();
    return state == Connection::State::Connecting || state == Connection::State::Resetting ||
           state == Connection::State::Closing || connection->isBusy();
}

} // namespace

void TestPoolRandom::randomWalk()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, databaseUrl);
    // SQLite writers wait for each other up to the busy timeout: keep it short.
    const Url url = dialect == Dialect::SQLite
                        ? *Url::parse(databaseUrl.render(false) + QStringLiteral("?timeout=0.05"))
                        : databaseUrl;

    const quint32 seed = qEnvironmentVariableIsSet("POOLSCOPE_TEST_SEED")
                             ? qEnvironmentVariable("POOLSCOPE_TEST_SEED").toUInt()
                             : QRandomGenerator::system()->generate();
    QRandomGenerator random(seed);
    const QString where = QStringLiteral("seed %1").arg(seed);

    PoolOptions options;
    options.poolSize = 3;
    options.maxOverflow = 2;
    options.timeout = 0.2;
    EventLog log;
    Engine engine(testsupport::makeBind(url, QStringLiteral("random"), options), &log);
    Pool *pool = engine.pool();
    testsupport::ServerProbe probe(url);
    QVERIFY2(probe.isOpen() || dialect == Dialect::SQLite, qPrintable(probe.error()));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("walk"));
    QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));

    std::vector<std::unique_ptr<Session>> sessions;
    for (int i = 0; i < 6; ++i)
        sessions.push_back(std::make_unique<Session>(&engine, QStringLiteral("session %1").arg(i)));

    // The probe holds the SQLite file open too.
    const int baseline =
        dialect == Dialect::SQLite ? testsupport::openFileHandles(url.database()) : 0;
    auto serverCount = [&]() -> int {
        if (dialect == Dialect::SQLite)
            return testsupport::openFileHandles(url.database()) - baseline;
        if (dialect == Dialect::PostgreSQL)
            return probe.sessionsOfBind(engine.name());
        return probe.liveSessions(testsupport::serverIdsSeen(log.events()));
    };
    auto ourOpen = [&] {
        int open = 0;
        const auto connections = pool->connections();
        for (const Connection *connection : connections)
            open += connection->isOpen() ? 1 : 0;
        return open;
    };
    auto quiet = [&] {
        for (const auto &session : sessions) {
            if (session->isBusy())
                return false;
        }
        const auto connections = pool->connections();
        for (const Connection *connection : connections) {
            if (transitional(connection))
                return false;
        }
        return pool->waiting() == 0;
    };

    const int steps = 2000;
    QMap<QString, int> tally;
    for (int step = 0; step < steps; ++step) {
        Session *session = sessions[random.bounded(int(sessions.size()))].get();
        const int action = random.bounded(100);
        QString name;
        if (action < 30) {
            name = QStringLiteral("run");
            session->execute(QStringLiteral("SELECT count(*) FROM %1").arg(table));
        } else if (action < 42) {
            name = QStringLiteral("begin+insert");
            session->setMode(Session::Mode::Transaction);
            session->execute(QStringLiteral("INSERT INTO %1 VALUES (%2)").arg(table).arg(step));
        } else if (action < 52) {
            name = QStringLiteral("commit");
            session->commit();
        } else if (action < 60) {
            name = QStringLiteral("rollback");
            session->rollback();
        } else if (action < 70) {
            name = QStringLiteral("close");
            session->close();
        } else if (action < 78) {
            name = QStringLiteral("autocommit");
            session->setMode(Session::Mode::Autocommit);
        } else if (action < 86) {
            name = QStringLiteral("forget");
            for (auto &owned : sessions) {
                if (owned.get() == session) {
                    const QString owner = session->owner();
                    owned = std::make_unique<Session>(&engine, owner);
                }
            }
        } else if (action < 95) {
            name = QStringLiteral("kill");
            const auto connections = pool->connections();
            if (dialect != Dialect::SQLite && !connections.isEmpty()) {
                const Connection *victim = connections.at(random.bounded(int(connections.size())));
                if (victim->isOpen() && victim->serverId() > 0)
                    probe.kill(victim->serverId());
            }
        } else if (action < 97) {
            name = QStringLiteral("dispose");
            engine.dispose();
        } else {
            name = QStringLiteral("checkout+checkin");
            Connection *connection = testsupport::checkout(pool, QStringLiteral("direct"));
            if (connection)
                pool->checkin(connection);
        }
        ++tally[name];

        const QString context = QStringLiteral("%1, step %2 (%3)").arg(where).arg(step).arg(name);
        QVERIFY2(testsupport::waitUntil(quiet, 20000),
                 qPrintable(context + QStringLiteral(": did not settle")));
        // A server-side kill reaches the pool through the socket; give it a moment.
        testsupport::waitUntil([&] { return quiet() && serverCount() == ourOpen(); },
                               dialect == Dialect::SQLite ? 0 : 5000);

        const auto connections = pool->connections();
        int idle = 0, out = 0, open = 0;
        for (const Connection *connection : connections) {
            idle += connection->state() == Connection::State::Idle ? 1 : 0;
            out += connection->state() == Connection::State::CheckedOut ? 1 : 0;
            open += connection->isOpen() ? 1 : 0;
        }
        int holding = 0;
        for (const auto &owned : sessions)
            holding += owned->connection() ? 1 : 0;
        const QString books = QStringLiteral("%1: idle %2 out %3 open %4 holding %5 status '%6'")
                                  .arg(context)
                                  .arg(idle)
                                  .arg(out)
                                  .arg(open)
                                  .arg(holding)
                                  .arg(pool->status());
        QVERIFY2(idle + out == open, qPrintable(books));
        QVERIFY2(pool->checkedin() == idle && pool->checkedout() == out, qPrintable(books));
        QVERIFY2(open <= options.poolSize + options.maxOverflow, qPrintable(books));
        QVERIFY2(idle <= options.poolSize, qPrintable(books));
        QVERIFY2(out == holding, qPrintable(books));
        const int server = serverCount();
        bool locked = false;
        for (const Connection *connection : connections)
            locked |= connection->inTransaction();
        if (dialect == Dialect::SQLite && locked) {
            // SQLite defers closing a file while another connection of the
            // process holds a lock on it (closing would drop that lock), so
            // the kernel may see more handles than open connections then.
            QVERIFY2(server >= open,
                     qPrintable(books + QStringLiteral(", kernel sees %1").arg(server)));
        } else {
            QVERIFY2(server == open,
                     qPrintable(books + QStringLiteral(", server sees %1").arg(server)));
        }
    }
    qInfo().noquote() << where << "steps:" << tally;

    sessions.clear();
    engine.dispose();
    QVERIFY(testsupport::waitUntil([&] { return pool->connections().isEmpty(); }, 10000));
    // The server ends a backend a moment after its client hung up.
    testsupport::waitUntil([&] { return serverCount() == 0; }, 5000);
    QCOMPARE(serverCount(), 0);
    probe.exec(QStringLiteral("DROP TABLE %1").arg(table));
}

QTEST_GUILESS_MAIN(TestPoolRandom)
#include "tst_poolrandom.moc"

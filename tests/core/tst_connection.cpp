// Connects through core/ to each database and runs statements on the
// connection's worker thread while this thread's event loop keeps running.
#include "core/config/url.h"
#include "core/connection/connection.h"
#include "core/connection/threadreaper.h"
#include "core/connection/workercontext.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

class TestConnection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queryOnWorkerThread_data();
    void queryOnWorkerThread();
    void sqlErrorIsReported_data() { queryOnWorkerThread_data(); }
    void sqlErrorIsReported();
    void workerThreadsTakeTheReapersNice();
};

void TestConnection::queryOnWorkerThread_data()
{
    testsupport::addDialectRows();
}

namespace {

QString slowStatement(Dialect dialect)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("SELECT pg_sleep(0.5)");
    case Dialect::MySQL:
        return QStringLiteral("SELECT SLEEP(0.5)");
    case Dialect::SQLite:
        break;
    }
    return QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
        "SELECT count(*) FROM n");
}

} // namespace

void TestConnection::queryOnWorkerThread()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);

    Engine engine(testsupport::makeBind(url, QStringLiteral("connection")));
    Session session(&engine, QStringLiteral("test"));
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&session, &Session::resultStarted, &model, &ResultModel::setColumns);
    connect(&session, &Session::rowsReady, &model, &ResultModel::appendRows);
    QSignalSpy finished(&session, &Session::finished);

    QVERIFY(session.execute(QStringLiteral("SELECT 1 AS one, 'two' AS two, NULL AS three")));
    QVERIFY(finished.wait(15000));
    auto result = finished.takeFirst().at(0).value<StatementResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("one"));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("1"));
    QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("two"));
    QVERIFY(model.data(model.index(0, 2), ResultModel::IsNullRole).toBool());

    // The statement runs elsewhere: this thread's timer keeps ticking meanwhile.
    int ticks = 0;
    QTimer heartbeat;
    connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
    heartbeat.start(10);
    QVERIFY(session.execute(slowStatement(dialect)));
    QVERIFY(finished.wait(30000));
    heartbeat.stop();
    result = finished.takeFirst().at(0).value<StatementResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY2(result.elapsedMs >= 100, qPrintable(QString::number(result.elapsedMs)));
    QVERIFY2(ticks >= int(result.elapsedMs / 10 / 3),
             qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(result.elapsedMs)));

    // The pool kept the connection, and the server knows it by its id.
    QCOMPARE(engine.pool()->checkedin(), 1);
    const Connection *connection = engine.pool()->connections().constFirst();
    if (dialect != Dialect::SQLite) {
        QVERIFY(connection->serverId() > 0);
        testsupport::ServerProbe probe(url);
        QVERIFY2(probe.isOpen(), qPrintable(probe.error()));
        QCOMPARE(probe.liveSessions({connection->serverId()}), 1);
        if (dialect == Dialect::PostgreSQL)
            QCOMPARE(probe.sessionsOfBind(engine.name()), 1);
    }
}

void TestConnection::sqlErrorIsReported()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);

    Engine engine(testsupport::makeBind(url, QStringLiteral("error")));
    Session session(&engine, QStringLiteral("test"));
    QSignalSpy finished(&session, &Session::finished);
    QVERIFY(session.execute(QStringLiteral("SELECT * FROM no_such_table_here")));
    QVERIFY(finished.wait(15000));
    const auto result = finished.takeFirst().at(0).value<StatementResult>();
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QLatin1String("no_such_table_here")), qPrintable(result.error));
    QVERIFY(!result.connectionLost);
    // The session is usable after the error.
    QVERIFY(session.execute(QStringLiteral("SELECT 42")));
    QVERIFY(finished.wait(15000));
    QVERIFY(finished.takeFirst().at(0).value<StatementResult>().ok);
}

void TestConnection::workerThreadsTakeTheReapersNice()
{
#ifdef Q_OS_LINUX
    // What the window asks for its workspace's connections: their threads
    // yield a busy core to it. The worker reports its own nice value.
    const auto ownNice = [](WorkerContext &) {
        return QVariant(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())));
    };
    const int base = getpriority(PRIO_PROCESS, 0);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::optional<Url> url =
        Url::parse(QStringLiteral("sqlite:///%1").arg(folder.filePath(QStringLiteral("nice.db"))));
    QVERIFY(url);
    for (const int nice : {0, 7}) {
        ThreadReaper reaper;
        reaper.setWorkerNice(nice);
        Engine engine(testsupport::makeBind(*url, QStringLiteral("nice")), nullptr, nullptr,
                      &reaper);
        Session session(&engine, QStringLiteral("test"));
        QSignalSpy finished(&session, &Session::taskFinished);
        QVERIFY(session.runTask(ownNice));
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().at(0).toInt(), qMin(19, base + nice));
        QCOMPARE(getpriority(PRIO_PROCESS, 0), base); // the calling thread keeps its own
    }
#else
    QSKIP("Per-thread nice values are Linux's");
#endif
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"

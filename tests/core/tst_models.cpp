// The item models the GUI shows, each under QAbstractItemModelTester, fed by
// real engines: the binds tree, the event log, and the result model's cells
// and memory.
#include "core/connection/connection.h"
#include "core/export/exportformat.h"
#include "core/export/exportoptions.h"
#include "core/export/exportresult.h"
#include "core/export/exporttask.h"
#include "core/models/bindtreemodel.h"
#include "core/models/eventlogmodel.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/poolgauge.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/numberrows.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindTreeFollowsThePool();
    void bindTreeDropsEnginesAtShutdown();
    void eventLogModelFollowsTheLog();
    void resultModelCells();
    void resultModelMemoryAgainstCsv();
    void resultModelInsertsAtMostOncePerInterval();
};

void TestModels::bindTreeDropsEnginesAtShutdown()
{
    // Workspace::shutdown() deletes the engines at once; a view of the tree
    // painting after it (a window closing later) must find no row of them.
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    BindTreeModel model(&workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    workspace.addBind(testsupport::makeBind(url, QStringLiteral("one")));
    workspace.addBind(testsupport::makeBind(url, QStringLiteral("two")));
    QCOMPARE(model.rowCount(), 2);
    workspace.shutdown(QDeadlineTimer(3000));
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::bindTreeFollowsThePool()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    BindTreeModel model(&workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PoolOptions options;
    options.leakThreshold = 0.2;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("tree"), options));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex bind = model.index(0, 0);
    QCOMPARE(model.rowCount(bind), 2);
    const QModelIndex pool = model.index(1, 0, bind);
    // The pool row: its load as numbers and as a gauge, status() as tooltip.
    QCOMPARE(model.index(1, 1, bind).data(Qt::ToolTipRole).toString(), engine->pool()->status());
    QCOMPARE(model.index(1, 1, bind).data().toString(),
             QStringLiteral("0 out · 0 idle · limit 15"));
    auto gauge = [&] {
        return model.index(1, 1, bind).data(BindTreeModel::PoolGaugeRole).value<PoolGauge>();
    };
    QCOMPARE(gauge().capacity, 15);
    QCOMPARE(gauge().poolSize, 5);

    // Sessions take connections: rows appear, with a session row under each.
    std::vector<std::unique_ptr<Session>> sessions;
    for (int i = 0; i < 3; ++i) {
        sessions.push_back(std::make_unique<Session>(engine, QStringLiteral("tab %1").arg(i)));
        sessions.back()->setMode(Session::Mode::Transaction);
        QVERIFY(testsupport::run(sessions.back().get(), QStringLiteral("SELECT %1").arg(i)).ok);
    }
    QTRY_COMPARE(model.rowCount(pool), 3);
    QCOMPARE(gauge().checkedOut, 3);
    QCOMPARE(gauge().idle, 0);
    QCOMPARE(model.index(1, 1, bind).data().toString(),
             QStringLiteral("3 out · 0 idle · limit 15"));
    const QModelIndex first = model.index(0, 0, pool);
    QCOMPARE(model.rowCount(first), 1);
    QVERIFY(model.index(0, 0, first).data().toString().startsWith(QLatin1String("session tab")));
    QVERIFY(model.index(0, 1, first).data().toString().contains(QLatin1String("in transaction")));
    QCOMPARE(model.connectionAt(first), engine->pool()->connections().first());
    // Held past leak_threshold: marked.
    QTRY_VERIFY_WITH_TIMEOUT(model.data(first, BindTreeModel::LeakSuspectedRole).toBool(), 3000);
    QVERIFY(model.index(0, 1, pool).data().toString().contains(QLatin1String("SUSPECTED LEAK")));

    // Returned: the session rows go; disposed: the connection rows go.
    for (auto &session : sessions)
        session->close();
    QTRY_COMPARE(model.rowCount(model.index(0, 0, pool)), 0);
    engine->dispose();
    QTRY_COMPARE(model.rowCount(pool), 0);
    workspace.removeBind(engine->name());
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::eventLogModelFollowsTheLog()
{
    EventLog log(50);
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Engine engine(
        Bind{QStringLiteral("log"), *Url::parse(QStringLiteral("sqlite://")), PoolOptions()}, &log);
    Session session(&engine, QStringLiteral("tab"));
    for (int i = 0; i < 40; ++i) // connect once, then checkout + checkin each time
        QVERIFY(testsupport::run(&session, QStringLiteral("SELECT 1")).ok);
    QCOMPARE(model.rowCount(), 50); // bounded: the oldest went
    QCOMPARE(log.size(), 50);
    QVERIFY(log.dropped() > 0);
    const QModelIndex last = model.index(model.rowCount() - 1, EventLogModel::TypeColumn);
    QCOMPARE(last.data().toString(), QStringLiteral("checkin"));
    QCOMPARE(model.index(model.rowCount() - 1, EventLogModel::BindColumn).data().toString(),
             QStringLiteral("log"));
    QVERIFY(model.index(model.rowCount() - 1, EventLogModel::MessageColumn)
                .data()
                .toString()
                .contains(QLatin1String("being returned to pool")));
    log.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::resultModelCells()
{
    Engine engine(
        Bind{QStringLiteral("cells"), *Url::parse(QStringLiteral("sqlite://")), PoolOptions()});
    Session session(&engine, QStringLiteral("tab"));
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&session, &Session::resultStarted, &model, &ResultModel::setColumns);
    connect(&session, &Session::rowsReady, &model, &ResultModel::appendRows);
    const QString longText = QString(2000, QLatin1Char('y'));
    QVERIFY(
        testsupport::run(
            &session,
            QStringLiteral(
                "SELECT NULL AS n, '' AS e, x'00ff10' AS b, 'a\nb' AS lines, '%1' AS long, 42 AS i")
                .arg(longText))
            .ok);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("NULL"));
    QVERIFY(model.index(0, 0).data(ResultModel::IsNullRole).toBool());
    QVERIFY(!model.index(0, 0).data(Qt::EditRole).isValid());
    QCOMPARE(model.index(0, 1).data().toString(), QString());
    QVERIFY(!model.index(0, 1).data(ResultModel::IsNullRole).toBool());
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("<binary 3 bytes> 00 ff 10"));
    QCOMPARE(model.index(0, 2).data(ResultModel::FullValueRole).toByteArray(),
             QByteArray("\x00\xff\x10", 3));
    QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("a⏎b"));
    QCOMPARE(model.index(0, 3).data(ResultModel::FullValueRole).toString(), QStringLiteral("a\nb"));
    QCOMPARE(model.index(0, 4).data().toString().size(),
             ResultModel::kDisplayChars + 1); // cut, with …
    QCOMPARE(model.index(0, 4).data(ResultModel::FullValueRole).toString(), longText);
    QCOMPARE(model.headerData(5, Qt::Horizontal).toString(), QStringLiteral("i"));
    QVERIFY(model.index(0, 5).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
}

void TestModels::resultModelInsertsAtMostOncePerInterval()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    constexpr int kIntervalMs = 200;
    model.setInsertIntervalMs(kIntervalMs);
    model.setColumns(testsupport::numberColumn());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QElapsedTimer clock;
    clock.start();
    // The first batch shows at once; the next ones wait for the interval, together.
    model.appendRows(testsupport::numberRows(0, 3));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.size(), 1);
    model.appendRows(testsupport::numberRows(3, 4));
    model.appendRows(testsupport::numberRows(7, 5));
    QCOMPARE(model.storedRowCount(), 12);
    QCOMPARE(model.rowCount(), 3);
    QTRY_COMPARE(model.rowCount(), 12);
    QVERIFY2(clock.elapsed() >= kIntervalMs * 9 / 10, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 11);
    QCOMPARE(model.index(11, 0).data().toString(), QStringLiteral("11"));
    // A view that fetches meanwhile gets the waiting rows once, not twice.
    model.appendRows(testsupport::numberRows(12, 2));
    QVERIFY(model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 14);
    QTest::qWait(kIntervalMs * 3 / 2);
    QCOMPARE(inserted.size(), 3);
    // A new result's first batch shows at once again.
    model.setColumns(testsupport::numberColumn());
    model.appendRows(testsupport::numberRows(0, 1));
    QCOMPARE(model.rowCount(), 1);
}

void TestModels::resultModelMemoryAgainstCsv()
{
    // A million rows of six columns held in the grid's model cost well under
    // twice the same data as CSV.
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("memory")));
    Session session(&engine, QStringLiteral("tab"));
    const QString sql = QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
        "SELECT i, 'name ' || i, 'He said \"hi\", then' || char(10) || 'left ' || (i % 97), i * "
        "0.25, "
        "datetime(1700000000 + i, 'unixepoch'), CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i "
        "END FROM n");
    ResultModel model;
    connect(&session, &Session::resultStarted, &model, &ResultModel::setColumns);
    connect(&session, &Session::rowsReady, &model, &ResultModel::appendRows);
    QVERIFY(testsupport::run(&session, sql, nullptr, 120000).ok);
    QCOMPARE(model.storedRowCount(), 1000000);

    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("same.csv"));
    ExportOptions options;
    options.format = ExportFormat::Csv;
    bool done = false;
    connect(&session, &Session::taskFinished, this, [&] { done = true; });
    QVERIFY(session.runTask(ExportTask::make(sql, options, path)));
    QVERIFY(testsupport::waitUntil([&] { return done; }, 120000));
    const qint64 csv = QFileInfo(path).size();
    QVERIFY(csv > 50 * 1000 * 1000);
    const qint64 held = model.memoryBytes();
    qInfo("model %lld bytes, CSV %lld bytes: %.2f x", held, csv, double(held) / double(csv));
    QVERIFY2(held < 2 * csv,
             qPrintable(QStringLiteral("%1 bytes for %2 bytes of CSV").arg(held).arg(csv)));
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"

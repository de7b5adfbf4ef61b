// The Applications tree (AppTreeModel): rows follow the probed processes by
// key, in place, under QAbstractItemModelTester.
#include "core/apps/appprocess.h"
#include "core/models/apptreemodel.h"
#include "core/pool/poolgauge.h"
#include "tests/core/probelines.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace probelines;

class TestAppTreeModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void treeFollowsTheProcesses();
};

void TestAppTreeModel::treeFollowsTheProcesses()
{
    AppTreeModel model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto processWith = [](qint64 pid, const QList<QJsonObject> &messages) {
        AppProcess process;
        process.apply(*ProbeMessage::parse(line(hello(pid)), nullptr));
        process.apply(*ProbeMessage::parse(line(snapshot()), nullptr));
        for (const QJsonObject &message : messages)
            process.apply(*ProbeMessage::parse(line(message), nullptr));
        return process;
    };
    model.update({processWith(11, {})}, 100);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex app = model.index(0, 0);
    QCOMPARE(app.data().toString(), QStringLiteral("shop -w"));
    const QModelIndex process = model.index(0, 0, app);
    QCOMPARE(process.data().toString(), QStringLiteral("pid 11"));
    const QModelIndex engine = model.index(0, 0, process);
    QCOMPARE(engine.data().toString(), QStringLiteral("leaky"));
    QVERIFY(!model.index(0, 1, engine).data().toString().contains(QLatin1String("Hunter-22")));
    const QModelIndex pool = model.index(0, 0, engine);
    const auto gauge =
        model.index(pool.row(), 1, engine).data(BindTreeModel::PoolGaugeRole).value<PoolGauge>();
    QCOMPARE(gauge.checkedOut, 1);
    QCOMPARE(gauge.capacity, 15);
    const QModelIndex held = model.index(0, 0, pool);
    QCOMPARE(held.data().toString(), QStringLiteral("server pid 777"));
    QVERIFY(!held.data(BindTreeModel::LeakSuspectedRole).toBool()); // 5 s held, under 30
    const QModelIndex code = model.index(0, 0, held);
    QCOMPARE(code.data().toString(), QStringLiteral("dao.py:42 in add"));
    QVERIFY(code.data(Qt::ToolTipRole).toString().contains(QLatin1String("/srv/shop/dao.py:42")));

    // Later: held too long, a second worker, a new connection; rows are
    // updated in place, so an index taken before still points at its row.
    const QPersistentModelIndex kept(held);
    model.update(
        {processWith(11, {poolEvent(QStringLiteral("connect"), QStringLiteral("c2"), 120)}),
         processWith(12, {})},
        200);
    QVERIFY(kept.isValid());
    QVERIFY(kept.data(BindTreeModel::LeakSuspectedRole).toBool());
    QVERIFY(model.index(kept.row(), 1, kept.parent())
                .data()
                .toString()
                .contains(QLatin1String("SUSPECTED LEAK")));
    QCOMPARE(model.rowCount(app), 2);
    QCOMPARE(model.rowCount(pool), 2);

    // A connection the garbage collector returned stays visible as a leak.
    model.update({processWith(11, {poolEvent(QStringLiteral("gc"), QStringLiteral("c1"), 150)})},
                 200);
    QCOMPARE(model.rowCount(app), 1);
    const QModelIndex collected = model.index(model.rowCount(process) - 1, 0, process);
    QCOMPARE(AppTreeModel::NodeKind(collected.data(AppTreeModel::NodeKindRole).toInt()),
             AppTreeModel::NodeKind::Collected);
    QVERIFY(collected.data(BindTreeModel::LeakSuspectedRole).toBool());
    QCOMPARE(model.index(collected.row(), 1, process).data().toString(),
             QStringLiteral("dao.py:42 in add"));

    model.update({}, 300);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestAppTreeModel)
#include "tst_apptreemodel.moc"

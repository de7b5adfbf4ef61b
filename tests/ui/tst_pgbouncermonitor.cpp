// PgBouncer's pools beside poolscope's own, against the PgBouncer the test
// servers run: PgBouncerMonitor reads a console bind every few seconds; a
// psycopg2 client holding a transaction through the session-mode database
// shows as its pool's active server connection in the binds tree (a gauge
// under the console bind) and in the pool monitor's chart, under PgBouncer's
// words. The monitor's console connection closes when the bind goes or the
// monitor stops, as the pooler's own SHOW CLIENTS says; a refused login is
// one message with the password as ***, retried later, not every tick.
#include "core/driver/nativeconnection.h"
#include "core/driver/statementresult.h"
#include "core/driver/textrowsink.h"
#include "core/models/bindtreemodel.h"
#include "core/models/pgbouncermonitor.h"
#include "core/pool/engine.h"
#include "core/pool/poolgauge.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/core/sessionclient.h"
#include "tests/support/testsupport.h"
#include "ui/poolmonitordock.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QComboBox>
#include <QLegendMarker>
#include <QSignalSpy>
#include <QTest>

using namespace testsupport;

namespace {

#define REQUIRE_BOUNCER(variable, var) POOLSCOPE_REQUIRE_URL(var, environmentUrl, variable)

// Console clients of bind (poolscope's application_name names it), from
// SHOW CLIENTS; -1 when the console does not answer. Other tests' console
// connections may still be closing: they are not counted.
int consoleClients(const Url &console, const QString &bind)
{
    Engine engine(makeBind(console, QStringLiteral("count")));
    Session session(&engine, QStringLiteral("count"));
    session.setClosesItsConnections(true);
    QSignalSpy finished(&session, &Session::taskFinished);
    const QString application = QStringLiteral("poolscope:") + bind;
    const bool started = session.runTask([application](WorkerContext &context) {
        TextRowSink rows;
        StatementResult result;
        context.native().execute(QByteArrayLiteral("SHOW CLIENTS"), rows, result);
        int count = 0;
        for (int r = 0; r < rows.rowCount(); ++r)
            count += rows.textOf(r, "database") == QLatin1String("pgbouncer") &&
                             rows.textOf(r, "application_name") == application
                         ? 1
                         : 0;
        return result.ok ? QVariant(count) : QVariant(-1);
    });
    if (!started || !finished.wait(20000))
        return -1;
    session.close();
    return finished.first().at(0).toInt();
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent,
                       const QString &prefix)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex child = model.index(r, 0, parent);
        if (child.data().toString().startsWith(prefix))
            return child;
    }
    return {};
}

} // namespace

class TestPgBouncerMonitor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void poolsInTreeAndChart();
    void consoleConnectionCloses();
    void refusedLoginIsOneMessage();
};

void TestPgBouncerMonitor::poolsInTreeAndChart()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_SESSION_URL", pooled);
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(leaky.start(pooled, QString(), &error), qPrintable(error));

    Workspace workspace;
    Engine *engine = workspace.addBind(makeBind(console, QStringLiteral("bouncer")), &error);
    QVERIFY2(engine, qPrintable(error));
    PgBouncerMonitor monitor(&workspace, 300);
    QVERIFY(PgBouncerMonitor::isConsole(engine));
    QCOMPARE(monitor.binds(), QStringList{engine->name()});
    BindTreeModel model(&workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPooler(&monitor);
    PoolMonitorDock dock(&workspace);
    dock.setPooler(&monitor);
    dock.show();

    const QString poolName = QStringLiteral("PgBouncer pool poolscope_session/");
    const QModelIndex bind = model.index(0, 0);
    QVERIFY2(waitUntil([&] { return childNamed(model, bind, poolName).isValid(); }, 20000),
             qPrintable(monitor.error(engine->name())));
    const QModelIndex row = childNamed(model, bind, poolName);
    QCOMPARE(row.data(BindTreeModel::NodeKindRole).toInt(),
             int(BindTreeModel::NodeKind::PoolerPool));
    const QModelIndex details = row.siblingAtColumn(1);
    // The held transaction keeps a server connection linked to its client.
    const auto gauge = details.data(BindTreeModel::PoolGaugeRole).value<PoolGauge>();
    QVERIFY(gauge.checkedOut >= 1);
    QCOMPARE(gauge.poolSize, 5);
    QVERIFY2(details.data().toString().startsWith(QStringLiteral("session mode · ")),
             qPrintable(details.data().toString()));
    const QString tip = details.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("tested")) && tip.contains(QLatin1String("transactions/s")),
             qPrintable(tip));
    QVERIFY(!childNamed(model, bind, QStringLiteral("PgBouncer pool pgbouncer/")).isValid());

    // The chart: one choice per pool, drawn under PgBouncer's words.
    const QString choice = QStringLiteral("%1 · PgBouncer poolscope_session/").arg(engine->name());
    auto chosen = [&] {
        for (int i = 0; i < dock.bindChooser()->count(); ++i) {
            if (dock.bindChooser()->itemText(i).startsWith(choice))
                return dock.bindChooser()->itemText(i);
        }
        return QString();
    };
    QVERIFY(waitUntil([&] { return !chosen().isEmpty(); }));
    dock.showBind(chosen());
    QVERIFY(waitUntil([&] { return dock.pointCount() >= 2; }));
    QStringList legend;
    for (QLegendMarker *marker : dock.chart()->legend()->markers())
        legend << marker->label();
    QCOMPARE(legend, (QStringList{QStringLiteral("servers active"), QStringLiteral("servers idle"),
                                  QStringLiteral("reserve"), QStringLiteral("clients waiting")}));
    // The title says what the lines leave out.
    QVERIFY2(dock.chart()->title().startsWith(
                 QStringLiteral("%1 · session mode; 1 active client").arg(engine->name())),
             qPrintable(dock.chart()->title()));
    QVERIFY2(dock.chart()->title().contains(QLatin1String("tested")),
             qPrintable(dock.chart()->title()));

    // The client gone, its server connection is idle again, in both views.
    leaky.stop();
    QVERIFY(waitUntil(
        [&] {
            const QModelIndex now = childNamed(model, bind, poolName).siblingAtColumn(1);
            return now.data(BindTreeModel::PoolGaugeRole).value<PoolGauge>().checkedOut == 0;
        },
        20000));
    // Our own pool's choice keeps its own words.
    dock.showBind(engine->name());
    QCOMPARE(dock.chart()->legend()->markers().first()->label(), QStringLiteral("checked out"));
}

void TestPgBouncerMonitor::consoleConnectionCloses()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    Workspace workspace;
    QString error;
    Engine *engine = workspace.addBind(makeBind(console, QStringLiteral("bouncer")), &error);
    QVERIFY2(engine, qPrintable(error));
    QString bind = engine->name();
    {
        PgBouncerMonitor monitor(&workspace, 300);
        QSignalSpy changed(&monitor, &PgBouncerMonitor::changed);
        QVERIFY(changed.wait(20000));
        QVERIFY(monitor.state(bind));
        QTRY_COMPARE_WITH_TIMEOUT(consoleClients(console, bind), 1, 10000);
        // Removing the bind closes the monitor's connection with it.
        workspace.removeBind(bind);
        QVERIFY(monitor.binds().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(consoleClients(console, bind), 0, 10000);

        engine = workspace.addBind(makeBind(console, QStringLiteral("again")), &error);
        QVERIFY2(engine, qPrintable(error));
        bind = engine->name();
        QVERIFY(changed.wait(20000));
        QTRY_COMPARE_WITH_TIMEOUT(consoleClients(console, bind), 1, 10000);
        // So does stopping it, as the window does when it closes; no read follows.
        monitor.stop();
        QTRY_COMPARE_WITH_TIMEOUT(consoleClients(console, bind), 0, 10000);
        changed.clear();
        QTest::qWait(1000);
        QCOMPARE(consoleClients(console, bind), 0);
        QVERIFY(changed.isEmpty());
    }
}

void TestPgBouncerMonitor::refusedLoginIsOneMessage()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    Url wrong = console;
    wrong.setPassword(QStringLiteral("not-the-pw-4711"));
    Workspace workspace;
    QString error;
    Engine *engine = workspace.addBind(makeBind(wrong, QStringLiteral("bouncer")), &error);
    QVERIFY2(engine, qPrintable(error));
    PgBouncerMonitor monitor(&workspace, 200);
    BindTreeModel model(&workspace);
    model.setPooler(&monitor);
    QSignalSpy changed(&monitor, &PgBouncerMonitor::changed);
    QVERIFY(changed.wait(20000));
    const QString message = monitor.error(engine->name());
    QVERIFY(!message.isEmpty());
    QVERIFY2(!message.contains(wrong.password()), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    QVERIFY(!monitor.state(engine->name()));
    QCOMPARE(model.rowCount(model.index(0, 0)), 2); // engine and pool, no PgBouncer pools
    // Backed off: not one attempt per period.
    changed.clear();
    QTest::qWait(200 * (PgBouncerMonitor::kBackOffPeriods - 2));
    QVERIFY(changed.isEmpty());
}

QTEST_MAIN(TestPgBouncerMonitor)
#include "tst_pgbouncermonitor.moc"

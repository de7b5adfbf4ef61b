// The pool monitor charts a probed application's pool like one of our own
// (docs/probe.md): a real Python process with the probe holds a connection;
// its pool becomes a choice, is charted with SQLAlchemy's status() as title,
// and goes away with the process.
#include "core/apps/appmonitor.h"
#include "core/pool/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/poolmonitordock.h"

#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

class TestAppPoolMonitor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartsAProbedPool();
};

void TestAppPoolMonitor::chartsAProbedPool()
{
    QTemporaryDir folder;
    QProcess holder;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(POOLSCOPE_PROBE_PATH));
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), folder.path());
    holder.setProcessEnvironment(environment);
    holder.start(QStringLiteral("/usr/bin/python3"),
                 {QFINDTESTDATA("../probeapp/holder.py"),
                  QStringLiteral("sqlite:///") + folder.filePath(QStringLiteral("held.db"))});
    QVERIFY(holder.waitForStarted(10000));
    QVERIFY2(waitUntil([&] { return holder.canReadLine(); }, 30000),
             holder.readAllStandardError().constData());
    const QString suffix = QStringLiteral("(pid %1)").arg(holder.processId());

    Workspace workspace;
    AppMonitor apps(workspace.reaper(), folder.path());
    PoolMonitorDock monitor(&workspace);
    monitor.setApps(&apps);
    monitor.show();
    QComboBox *chooser = monitor.bindChooser();
    auto choice = [&] {
        for (int i = 0; i < chooser->count(); ++i) {
            if (chooser->itemText(i).endsWith(suffix))
                return chooser->itemText(i);
        }
        return QString();
    };
    QVERIFY2(waitUntil([&] { return !choice().isEmpty(); }), "the probed pool is no choice");
    QVERIFY(choice().startsWith(QLatin1String("holder.py ")));
    monitor.showBind(choice());
    QVERIFY(waitUntil([&] { return monitor.pointCount() >= 2; }));
    QVERIFY2(monitor.chart()->title().contains(QLatin1String("Pool size: 2")),
             qPrintable(monitor.chart()->title()));

    holder.write("\n");
    QVERIFY(holder.waitForFinished(10000));
    QVERIFY2(waitUntil([&] { return choice().isEmpty(); }, 3000),
             "the pool of an ended process is still a choice");
}

QTEST_MAIN(TestAppPoolMonitor)
#include "tst_apppoolmonitor.moc"

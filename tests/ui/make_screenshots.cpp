// Makes the README's screenshots from the real window: `make screenshots`
// runs it under Xvfb with the test servers up. Not a test.
#include "core/models/apptreemodel.h"
#include "core/models/bindtreemodel.h"
#include "core/models/resultmodel.h"
#include "core/models/tabledatamodel.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "core/settings/demodatabase.h"
#include "tests/support/testsupport.h"
#include "ui/bindsdock.h"
#include "ui/filterbar.h"
#include "ui/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/poolmonitordock.h"
#include "ui/schemapanel.h"
#include "ui/serversessionspanel.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"
#include "ui/tabletab.h"
#include "i18n/translations.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QProcess>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <cstdio>
#include <memory>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool settle(SessionTab *tab)
{
    return testsupport::waitUntil([tab] { return !tab->session()->isBusy(); }, 60000);
}

// The leaky Flask app of tests/leakyapp under gunicorn with two workers,
// through the probe, with three leaked sessions: the Applications tree and
// the server sessions' origins have something to show.
std::unique_ptr<QProcess> startLeakyApp(const Url &url, const QString &folder)
{
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("shop_hits"));
    testsupport::ServerProbe server(url);
    if (!testsupport::createHitsTable(server, table))
        return nullptr;
    const QString address = QStringLiteral("127.0.0.1:%1").arg(testsupport::freePort());
    auto app = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(POOLSCOPE_SOURCE_DIR "/probe"));
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), folder);
    environment.insert(QStringLiteral("LEAKYAPP_URL"), url.render(false));
    environment.insert(QStringLiteral("LEAKYAPP_TABLE"), table);
    app->setProcessEnvironment(environment);
    app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // The app runs from a folder of its own, as a person's would: the picture
    // shows its command line and folder, not this source tree's.
    const QString shop = QFileInfo(folder).absolutePath() + QStringLiteral("/shop");
    QDir().mkpath(shop);
    QFile::copy(QStringLiteral(POOLSCOPE_SOURCE_DIR "/tests/leakyapp/app.py"),
                shop + QStringLiteral("/app.py"));
    app->setWorkingDirectory(shop);
    app->start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral("-m"), QStringLiteral("poolscope_probe"), QStringLiteral("--"),
                QStringLiteral("/usr/bin/gunicorn"), QStringLiteral("-w"), QStringLiteral("2"),
                QStringLiteral("-b"), address, QStringLiteral("app:app")});
    const QString drive = QStringLiteral(POOLSCOPE_SOURCE_DIR "/tests/leakyapp/drive.py");
    const QString base = QStringLiteral("http://") + address;
    if (!testsupport::waitUntil(
            [&] {
                return testsupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                               {drive, base, QStringLiteral("/good/1")})
                           .exit == 0;
            },
            30000))
        return nullptr;
    testsupport::runProgram(QStringLiteral("/usr/bin/python3"),
                            {drive, base, QStringLiteral("/leak/1001?pause=1"),
                             QStringLiteral("/leak/1002?pause=1"),
                             QStringLiteral("/leak/1003?pause=1"), QStringLiteral("/good/2")});
    return app;
}

// The pooler's pools in the binds tree and charted in the pool monitor: the
// leaked transaction holds a server connection until it commits.
bool savePoolerPools(MainWindow &window, testsupport::ServerProbe &leaker, const QString &out)
{
    PoolMonitorDock *monitor = window.poolMonitor();
    QString choice;
    testsupport::waitUntil(
        [&] {
            for (int i = 0; i < monitor->bindChooser()->count(); ++i) {
                if (monitor->bindChooser()->itemText(i).startsWith(
                        QStringLiteral("pooler · PgBouncer poolscope_transaction/")))
                    choice = monitor->bindChooser()->itemText(i);
            }
            return !choice.isEmpty();
        },
        10000);
    monitor->showBind(choice);
    // The pool monitor in front, and the binds tree with room for the pooler.
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("poolmonitor")))
        dock->raise();
    if (auto *schema = window.findChild<QDockWidget *>(QStringLiteral("schema")))
        schema->hide();
    if (auto *binds = window.findChild<QDockWidget *>(QStringLiteral("binds")))
        window.resizeDocks({binds}, {window.width() * 2 / 3}, Qt::Horizontal);
    if (auto *split = window.bindsDock()->findChild<QSplitter *>())
        split->setSizes({3, 1});
    BindTreeModel *model = window.bindsDock()->model();
    QTreeView *tree = window.bindsDock()->tree();
    tree->collapseAll();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex bind = model->index(row, 0);
        tree->setExpanded(bind, bind.data().toString() == QLatin1String("pooler"));
    }
    QTest::qWait(8000);
    leaker.exec(QStringLiteral("COMMIT"));
    QTest::qWait(6000);
    // One picture: the tree above the chart.
    QApplication::processEvents();
    const QPixmap top = window.bindsDock()->grab();
    const QPixmap bottom = monitor->grab();
    QPixmap both(qMax(top.width(), bottom.width()), top.height() + bottom.height());
    both.fill(window.palette().color(QPalette::Window));
    QPainter painter(&both);
    painter.drawPixmap(0, 0, top);
    painter.drawPixmap(0, top.height(), bottom);
    painter.end();
    const QString path = out + QStringLiteral("/pgbouncer-pools.png");
    const bool ok = both.save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

// PgBouncer's console as a bind: a client left a transaction open through
// the pooler in transaction mode; the panel shows it flagged at the pooler's
// layer, with the pooler's capacity and pools. False only when saving fails.
bool savePoolerPanel(MainWindow &window, Workspace &workspace, const QString &out)
{
    QString why;
    const auto console = testsupport::environmentUrl("POOLSCOPE_TEST_PGBOUNCER_URL", &why);
    const auto pooled =
        testsupport::environmentUrl("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL", &why);
    if (!console || !pooled)
        return true; // no pooler in this run: the picture stays as it was
    testsupport::ServerProbe leaker(*pooled);
    testsupport::ServerProbe tidy(*pooled);
    leaker.exec(QStringLiteral("BEGIN"));
    leaker.exec(QStringLiteral("SELECT count(*) FROM pg_class"));
    tidy.exec(QStringLiteral("SELECT 1"));
    workspace.addBind(Bind{QStringLiteral("pooler"), *console, PoolOptions()});
    ServerSessionsPanel *panel = window.serverSessions();
    panel->idleInTransactionOver()->setValue(1);
    QTest::qWait(1500);
    panel->showBind(QStringLiteral("pooler"));
    panel->refresh();
    testsupport::waitUntil([&] { return !panel->isReading(); }, 10000);
    QTest::qWait(500);
    return save(panel, out + QStringLiteral("/pgbouncer.png")) &&
           savePoolerPools(window, leaker, out);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // As the program does: English plural forms ("3 processes") come from a catalogue.
    Translations::install(&app, QStringLiteral("en"));
    const QString out =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(out);

    QTemporaryDir folder;
    const QString demoPath = folder.filePath(QStringLiteral("demo.sqlite"));
    QString error;
    if (!DemoDatabase::ensure(demoPath, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    Engine *demo = workspace.addBind(Bind{QStringLiteral("demo"),
                                          *Url::parse(QStringLiteral("sqlite:///") + demoPath),
                                          PoolOptions()});
    Engine *web = nullptr;
    QString why;
    if (const auto pg = testsupport::databaseUrl(Dialect::PostgreSQL, &why)) {
        PoolOptions options;
        options.poolSize = 3;
        options.maxOverflow = 2;
        options.leakThreshold = 2;
        web = workspace.addBind(Bind{QStringLiteral("web"), *pg, options});
    }

    // Probed applications are looked for where this run's app listens.
    const QString probes = folder.filePath(QStringLiteral("probes"));
    qputenv("POOLSCOPE_PROBE_DIR", QFile::encodeName(probes));
    std::unique_ptr<QProcess> leaky;
    if (web)
        leaky = startLeakyApp(web->url(), probes);

    // The size and layout of a first start on the screen Xvfb was given.
    MainWindow window(&workspace, &settings);
    window.show();
    // A short threshold, so the leaked connections show as such at once.
    window.bindsDock()->appsModel()->setLeakThreshold(1);

    SessionTab *results = window.newSessionTab(demo);
    results->runText(QStringLiteral(
        "SELECT t.order_id, t.customer_name, t.ordered_at, o.status, t.item_count, t.total\n"
        "FROM order_totals t\n"
        "JOIN orders o ON o.id = t.order_id\n"
        "ORDER BY t.total DESC\n"
        "LIMIT 200;"));
    if (!settle(results))
        return 1;

    if (web) {
        // A pool in use: two tabs hold transactions, one of them long enough to
        // be flagged, one more statement runs.
        for (int i = 0; i < 3; ++i) {
            SessionTab *tab = window.newSessionTab(web);
            if (i < 2)
                tab->session()->setMode(Session::Mode::Transaction);
            tab->runText(i < 2 ? QStringLiteral("SELECT count(*) FROM pg_stat_activity")
                               : QStringLiteral("SELECT pg_sleep(30)"));
        }
        QTest::qWait(3000);
        window.poolMonitor()->showBind(QStringLiteral("web"));
        window.bindsDock()->tree()->expandAll();
    }
    QTest::qWait(500);
    // The results tab in front for the main picture.
    if (auto *tabs = window.findChild<QTabWidget *>())
        tabs->setCurrentWidget(results);
    QTest::qWait(300);
    bool ok = save(&window, out + QStringLiteral("/main-window.png"));
    ok &= save(window.bindsDock(), out + QStringLiteral("/binds-tree.png"));
    ok &= save(window.poolMonitor(), out + QStringLiteral("/pool-monitor.png"));
    if (leaky) {
        // The binds dock alone in the left column, most of it for the app.
        QDockWidget *binds = window.findChild<QDockWidget *>(QStringLiteral("binds"));
        QDockWidget *schema = window.findChild<QDockWidget *>(QStringLiteral("schema"));
        schema->hide();
        window.resizeDocks({binds}, {window.width() / 2}, Qt::Horizontal);
        if (auto *split = window.bindsDock()->findChild<QSplitter *>())
            split->setSizes({1, 3});
        window.bindsDock()->appsTree()->expandAll();
        QTest::qWait(1500);
        ok &= save(window.bindsDock(), out + QStringLiteral("/applications.png"));
        schema->show();
    }
    if (web) {
        // Another program leaves a transaction open: the server sessions panel finds it.
        QString why2;
        testsupport::ServerProbe leaker(*testsupport::databaseUrl(Dialect::PostgreSQL, &why2));
        leaker.exec(QStringLiteral("BEGIN"));
        leaker.exec(QStringLiteral("SELECT count(*) FROM pg_class"));
        const auto docks = window.findChildren<QDockWidget *>();
        for (QDockWidget *dock : docks) {
            if (dock->widget() == window.serverSessions())
                dock->raise();
        }
        window.serverSessions()->idleInTransactionOver()->setValue(1);
        QTest::qWait(1500);
        window.serverSessions()->showBind(QStringLiteral("web"));
        testsupport::waitUntil([&] { return !window.serverSessions()->isReading(); }, 10000);
        QTest::qWait(500);
        ok &= save(window.serverSessions(), out + QStringLiteral("/server-sessions.png"));

        // Explain Analyze of a join over the server's own catalogs: a plan with numbers.
        SessionTab *plan = window.newSessionTab(web);
        plan->editor()->setText(
            QStringLiteral("SELECT c.relname, count(*) AS columns\n"
                           "FROM pg_class c\n"
                           "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0\n"
                           "WHERE c.relkind = 'r'\n"
                           "GROUP BY c.relname\n"
                           "ORDER BY columns DESC;"));
        plan->explain(true);
        testsupport::waitUntil([&] { return !plan->session()->isBusy(); }, 10000);
        QTest::qWait(500);
        ok &= save(plan, out + QStringLiteral("/plan.png"));
    }
    {
        // File › Import CSV: a file of the demo's kind into a new table, previewed.
        const QString csv = folder.filePath(QStringLiteral("new_customers.csv"));
        QFile file(csv);
        file.open(QIODevice::WriteOnly);
        file.write("id,name,email,country,signed_up,credit\n"
                   "2001,Ada Lovelace,ada@example.org,GB,2024-03-01 09:30:00,120.50\n"
                   "2002,\"Hopper, Grace\",grace@example.org,US,2024-03-02 14:05:10,80.00\n"
                   "2003,Zhang Wei,wei@example.cn,CN,2024-03-04 08:00:00,\n"
                   "2004,Björk,bjork@example.is,IS,2024-03-05 17:45:00,15.25\n");
        file.close();
        ImportDialog dialog(demo, &window);
        dialog.show();
        dialog.pathEdit()->setText(csv);
        dialog.preview();
        testsupport::waitUntil([&] { return dialog.isPreviewed() && !dialog.isBusy(); }, 10000);
        QTest::qWait(300);
        ok &= save(&dialog, out + QStringLiteral("/import.png"));
    }
    {
        // A table tab on the demo's products: filtered, sorted by the server,
        // with an edit, a new row and a deletion pending.
        window.schemaPanel()->showBind(QStringLiteral("demo"));
        testsupport::waitUntil(
            [&] { return !window.schemaPanel()->schemaOf(QStringLiteral("demo")).isEmpty(); },
            10000);
        const Schema schema = window.schemaPanel()->schemaOf(QStringLiteral("demo"));
        if (const SchemaTable *products = schema.table(QStringLiteral("products"))) {
            TableTab *tab = window.browseTable(demo, *products);
            testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 10000);
            tab->filterBar()->box(3)->setText(QStringLiteral("a"));
            tab->filterBar()->box(4)->setText(QStringLiteral("<40"));
            tab->view()->sortByColumn(4, Qt::DescendingOrder);
            testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 10000);
            TableDataModel *model = tab->model();
            model->setData(model->index(0, 4), QStringLiteral("34.50"));
            model->setData(model->index(1, 6), QStringLiteral("Back in stock in May"));
            model->removeGridRows({3});
            const int added = model->addRow();
            model->setData(model->index(added, 1), QStringLiteral("TEA-042"));
            model->setData(model->index(added, 2), QStringLiteral("Oolong tea, 250 g"));
            model->setData(model->index(added, 3), QStringLiteral("Pantry"));
            model->setData(model->index(added, 4), QStringLiteral("12.90"));
            model->setData(model->index(added, 5), QStringLiteral("1"));
            tab->view()->setCurrentIndex(model->index(2, 2));
            tab->view()->resizeColumnsToContents();
            tab->view()->setColumnWidth(6, 220);
            QTest::qWait(500);
            ok &= save(tab, out + QStringLiteral("/browse.png"));
            tab->discard();
        }
    }
    ok &= savePoolerPanel(window, workspace, out);
    window.shutdown();
    if (leaky) {
        leaky->terminate();
        leaky->waitForFinished(15000);
    }
    return ok ? 0 : 1;
}

// Makes the README's screenshots from the real window: `make screenshots`
// runs it under Xvfb with the test servers up. Not a test.
#include "core/demodatabase.h"
#include "core/engine.h"
#include "core/pool.h"
#include "core/resultmodel.h"
#include "core/session.h"
#include "core/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/bindsdock.h"
#include "ui/mainwindow.h"
#include "ui/poolmonitordock.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <cstdio>

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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
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

    MainWindow window(&workspace, &settings);
    window.resize(1500, 950);
    window.show();

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
    bool ok = save(&window, out + QStringLiteral("/main-window.png"));
    ok &= save(window.bindsDock(), out + QStringLiteral("/binds-tree.png"));
    ok &= save(window.poolMonitor(), out + QStringLiteral("/pool-monitor.png"));
    window.shutdown();
    return ok ? 0 : 1;
}

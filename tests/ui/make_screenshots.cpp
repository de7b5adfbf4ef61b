// Makes the README's screenshots from the real window: `make screenshots`
// runs it under Xvfb with the test servers up. Not a test.
#include "core/demodatabase.h"
#include "core/engine.h"
#include "core/pool.h"
#include "core/resultmodel.h"
#include "core/session.h"
#include "core/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
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
    Workspace workspace;
    Engine *demo = workspace.addBind(Bind{QStringLiteral("demo"),
                                          *Url::parse(QStringLiteral("sqlite:///") + demoPath),
                                          PoolOptions()});

    MainWindow window(&workspace);
    window.resize(1500, 900);
    window.show();

    SessionTab *tab = window.newSessionTab(demo);
    tab->editor()->setText(QStringLiteral(
        "SELECT t.order_id, t.customer_name, t.ordered_at, o.status, t.item_count, t.total\n"
        "FROM order_totals t\n"
        "JOIN orders o ON o.id = t.order_id\n"
        "ORDER BY t.total DESC\n"
        "LIMIT 200;\n"));
    tab->runStatement();
    if (!testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 30000))
        return 1;
    QTest::qWait(300);
    return save(&window, out + QStringLiteral("/session-tab.png")) ? 0 : 1;
}

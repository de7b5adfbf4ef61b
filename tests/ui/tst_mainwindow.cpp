// The walking skeleton end to end: a window, a session tab, Ctrl+Enter, rows.
#include "core/engine.h"
#include "core/pool.h"
#include "core/resultmodel.h"
#include "core/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QApplication>
#include <QTableView>
#include <QTest>

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runQueryInTab();
    void errorShowsInTab();
};

void TestMainWindow::runQueryInTab()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    QString error;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("gui")), &error);
    QVERIFY2(engine, qPrintable(error));

    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionTab *tab = window.newSessionTab(engine);
    QVERIFY(tab);
    tab->editor()->setText(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)\n"
        "SELECT i, 'row ' || i AS label FROM n"));
    tab->editor()->setFocus();
    QTest::keyClick(tab->editor()->viewport(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(tab->resultModel()->rowCount(), 5000, 10000);
    QCOMPARE(tab->resultModel()->columnCount(), 2);
    QCOMPARE(tab->resultView()->model()->index(4999, 1).data().toString(),
             QStringLiteral("row 5000"));
    QTRY_VERIFY(tab->statusText().contains(QLatin1String("5000 row")));
    // Autocommit: the connection went back to the pool.
    QTRY_COMPARE(engine->pool()->checkedout(), 0);
}

void TestMainWindow::errorShowsInTab()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("gui")));
    MainWindow window(&workspace);
    window.show();
    SessionTab *tab = window.newSessionTab(engine);
    tab->editor()->setText(QStringLiteral("SELEKT nonsense"));
    tab->runStatement();
    QTRY_VERIFY_WITH_TIMEOUT(tab->messages().contains(QLatin1String("syntax error")), 10000);
    QVERIFY(window.isVisible());
    // Still usable.
    tab->editor()->setText(QStringLiteral("SELECT 7"));
    tab->runStatement();
    QTRY_COMPARE_WITH_TIMEOUT(tab->resultModel()->rowCount(), 1, 10000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

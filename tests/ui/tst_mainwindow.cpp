// The walking skeleton end to end: a window, a session tab, Ctrl+Enter, rows.
#include "core/models/resultmodel.h"
#include "core/models/schematreemodel.h"
#include "core/models/tabledatamodel.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "core/settings/demodatabase.h"
#include "tests/support/testsupport.h"
#include "ui/exportdialog.h"
#include "ui/mainwindow.h"
#include "ui/resultgrid.h"
#include "ui/schemapanel.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"
#include "ui/tabletab.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QRadioButton>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runQueryInTab();
    void errorShowsInTab();
    void schemaTreeBrowsesTable();
    void completionOffersTheBindsNames();
    void runAllAndErrorPosition();
    void exportDialogBothWays();
    void firstStartUsesMostOfTheScreen();
    void eventFilterClearsOnceTyped();
};

void TestMainWindow::runQueryInTab()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    QString error;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("gui")), &error);
    QVERIFY2(engine, qPrintable(error));

    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
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
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
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

void TestMainWindow::schemaTreeBrowsesTable()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("demo.sqlite"));
    QString error;
    QVERIFY2(DemoDatabase::ensure(path, &error), qPrintable(error));
    Workspace workspace;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
    window.show();
    Engine *engine = workspace.addBind(Bind{
        QStringLiteral("shop"), *Url::parse(QStringLiteral("sqlite:///") + path), PoolOptions()});
    QVERIFY(engine);
    window.schemaPanel()->showBind(QStringLiteral("shop"));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.schemaPanel()->schemaOf(QStringLiteral("shop")).tables.size() == 5, 10000);
    const QModelIndex orders = window.schemaPanel()->model()->indexOfTable(
        QStringLiteral("main"), QStringLiteral("orders"));
    QVERIFY(orders.isValid());
    // The schema read gave its connection back and closed it.
    QTRY_COMPARE(engine->pool()->connections().size(), 0);
    QTreeView *tree = window.schemaPanel()->tree();
    tree->scrollTo(orders);
    const QPoint at = tree->visualRect(orders).center();
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    // A table tab, not a SQL tab: its rows come from the server in key order.
    QTRY_COMPARE(window.findChildren<TableTab *>().size(), 1);
    QVERIFY(window.sessionTabs().isEmpty());
    TableTab *tab = window.findChildren<TableTab *>().first();
    ResultModel *rows = tab->model()->rows();
    // Lazy: the first chunk shows, the rest on scrolling.
    QTRY_COMPARE_WITH_TIMEOUT(rows->storedRowCount(), 30000, 10000);
    QCOMPARE(tab->model()->rowCount(), ResultModel::kFetchChunk);
    QCOMPARE(tab->model()->index(0, 0).data().toString(), QStringLiteral("1"));
    tab->view()->scrollToBottom();
    QTRY_VERIFY(tab->model()->rowCount() > ResultModel::kFetchChunk);
}

void TestMainWindow::completionOffersTheBindsNames()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("demo.sqlite"));
    QString error;
    QVERIFY2(DemoDatabase::ensure(path, &error), qPrintable(error));
    Workspace workspace;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
    window.show();
    Engine *engine = workspace.addBind(Bind{
        QStringLiteral("shop"), *Url::parse(QStringLiteral("sqlite:///") + path), PoolOptions()});
    QVERIFY(engine);
    SessionTab *tab = window.newSessionTab(engine);
    SqlEditor *editor = tab->editor();
    // The words come with the schema: tables and columns, each once, in any case.
    QTRY_VERIFY_WITH_TIMEOUT(editor->completionWordCount() > 0, 10000);
    QStringList offered = editor->completionsOf(QStringLiteral("ord"));
    offered.sort();
    QCOMPARE(offered, (QStringList{QStringLiteral("order_id"), QStringLiteral("order_items"),
                                   QStringLiteral("order_totals"), QStringLiteral("ordered_at"),
                                   QStringLiteral("orders")}));
    QCOMPARE(editor->completionsOf(QStringLiteral("ORD")).size(), 5);
    QCOMPARE(editor->completionsOf(QStringLiteral("id")), QStringList{QStringLiteral("id")});
    QVERIFY(editor->completionsOf(QStringLiteral("zz")).isEmpty());
    // And QScintilla shows them as a person typing would see them.
    editor->setText(QStringLiteral("SELECT * FROM ord"));
    editor->setCursorPosition(0, 17);
    editor->autoCompleteFromAPIs();
    QVERIFY(editor->isListActive());
}

void TestMainWindow::runAllAndErrorPosition()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("script")));
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
    window.show();
    SessionTab *tab = window.newSessionTab(engine);
    tab->editor()->setText(
        QStringLiteral("CREATE TABLE t (x);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES "
                       "(2);\nSELECT * FROM t;\nSELECT nope FROM t;\nSELECT 99;"));
    tab->runAll();
    QTRY_VERIFY_WITH_TIMEOUT(tab->messages().contains(QLatin1String("Stopped at statement 5 of 6")),
                             10000);
    QVERIFY2(tab->messages().contains(QLatin1String("no such column: nope")),
             qPrintable(tab->messages()));
    QCOMPARE(tab->resultModel()->storedRowCount(), 2); // SELECT * FROM t ran, SELECT 99 did not
    // The statement at the cursor, and the error marked where the server says.
    tab->editor()->setCursorPosition(4, 3);
    tab->runStatement();
    QTRY_VERIFY_WITH_TIMEOUT(!tab->session()->isBusy(), 10000);
    int line = -1, index = -1;
    tab->editor()->getCursorPosition(&line, &index);
    QCOMPARE(line, 4);
    QCOMPARE(index, 7); // "SELECT nope": the error points at nope
    // History remembers what ran.
    QVERIFY(tab->lastSql().contains(QLatin1String("nope")));
}

void TestMainWindow::exportDialogBothWays()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("export")));
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
    window.show();
    SessionTab *tab = window.newSessionTab(engine);
    tab->runText(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000) "
        "SELECT i, 'a,b \"' || i AS text, NULL AS missing FROM n"));
    QTRY_COMPARE_WITH_TIMEOUT(tab->resultModel()->storedRowCount(), 25000, 10000);
    QTRY_VERIFY(!tab->session()->isBusy());

    auto lines = [](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        return int(file.readAll().count('\n'));
    };
    for (bool rerun : {true, false}) {
        ExportDialog dialog(tab, workspace.reaper(), &window);
        dialog.show();
        const QString path =
            folder.filePath(rerun ? QStringLiteral("rerun.csv") : QStringLiteral("fetched.csv"));
        dialog.formatBox()->setCurrentIndex(0); // CSV
        dialog.pathEdit()->setText(path);
        (rerun ? dialog.rerunButton() : dialog.fetchedButton())->setChecked(true);
        dialog.startExport();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 20000);
        QVERIFY2(dialog.outcome().contains(QLatin1String("Exported 25,000 row")),
                 qPrintable(dialog.outcome()));
        QCOMPARE(lines(path), 25001);
    }
    // The session's connection went back after the re-run export.
    QTRY_COMPARE(engine->pool()->checkedout(), 0);

    // A cancelled export leaves nothing under the name.
    tab->runText(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) "
        "SELECT i, printf('%.200c', 'x') FROM n LIMIT 10"));
    QTRY_VERIFY_WITH_TIMEOUT(!tab->session()->isBusy(), 10000);
    tab->runText(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) "
        "SELECT i, printf('%.200c', 'x') FROM n"));
    QTRY_VERIFY_WITH_TIMEOUT(tab->resultModel()->storedRowCount() > 1000, 10000);
    tab->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!tab->session()->isBusy(), 10000);
    ExportDialog dialog(tab, workspace.reaper(), &window);
    const QString big = folder.filePath(QStringLiteral("big.csv"));
    dialog.pathEdit()->setText(big);
    dialog.rerunButton()->setChecked(true);
    QVERIFY(dialog.rerunButton()->isEnabled());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.startExport();
    QTest::qWait(300);
    QVERIFY(dialog.isRunning());
    // Neither Esc nor the title bar's close ends a running export's dialog:
    // only its Cancel does, and then the dialog stays to tell the outcome.
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.close());
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.isRunning());
    QVERIFY2(dialog.outcome().contains(QLatin1String("Cancel")), qPrintable(dialog.outcome()));
    dialog.cancelExport();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 10000);
    QVERIFY2(dialog.outcome().contains(QLatin1String("cancelled")), qPrintable(dialog.outcome()));
    QVERIFY(!QFile::exists(big));
    QCOMPARE(
        QDir(folder.path()).entryList({QStringLiteral("big*")}, QDir::Files | QDir::Hidden).size(),
        0);
    QVERIFY(dialog.close()); // once it stopped, closing is closing
}

void TestMainWindow::eventFilterClearsOnceTyped()
{
    // The pool monitor's event filter gets its clear button (an icon theme
    // look-up, kept out of the start) with its first text.
    Workspace workspace;
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
    window.show();
    QLineEdit *filter = nullptr;
    const auto edits = window.findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->placeholderText() == QLatin1String("Filter events"))
            filter = edit;
    }
    QVERIFY(filter);
    QVERIFY(!filter->isClearButtonEnabled());
    QTest::keyClicks(filter, QStringLiteral("leak"));
    QVERIFY(filter->isClearButtonEnabled());
    QCOMPARE(filter->text(), QStringLiteral("leak"));
}

QTEST_MAIN(TestMainWindow)
// With no settings yet the window takes most of the screen, and the docks get
// room for what they show; the next start brings back what the person chose.
void TestMainWindow::firstStartUsesMostOfTheScreen()
{
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QSize chosen;
    {
        Workspace workspace;
        MainWindow window(&workspace, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(window.width() >= available.width() * 85 / 100,
                 qPrintable(QString::number(window.width())));
        QVERIFY2(window.height() >= available.height() * 85 / 100,
                 qPrintable(QString::number(window.height())));
        QVERIFY2(available.contains(window.frameGeometry()) ||
                     available.contains(window.geometry()),
                 qPrintable(QStringLiteral("%1x%2 does not fit the screen")
                                .arg(window.width())
                                .arg(window.height())));
        auto *binds = window.findChild<QDockWidget *>(QStringLiteral("binds"));
        auto *monitor = window.findChild<QDockWidget *>(QStringLiteral("poolmonitor"));
        QVERIFY(binds && monitor);
        QVERIFY2(binds->width() >= window.width() * 30 / 100,
                 qPrintable(QString::number(binds->width())));
        QVERIFY2(monitor->height() >= window.height() * 22 / 100,
                 qPrintable(QString::number(monitor->height())));
        QVERIFY(window.centralWidget()->width() >= window.width() * 50 / 100);
        window.resize(window.minimumSizeHint());
        chosen = window.size();
        QVERIFY(chosen != QSize(available.width() * 9 / 10, available.height() * 9 / 10));
        QVERIFY(window.close());
    }
    Workspace workspace;
    MainWindow again(&workspace, &settings);
    QCOMPARE(again.size(), chosen);
}

#include "tst_mainwindow.moc"

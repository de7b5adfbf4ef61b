// A table tab driven as a person would, on the three databases: opened by
// double-clicking the table in the schema tree, filtered by typing in the
// filter row, sorted by clicking a header (the server sorts), edited from the
// keyboard with a refused value, a new row and a deletion, applied with
// Ctrl+S and read back through the server; a row changed by someone else
// rolls the apply back; closing with pending changes asks; a read-only bind
// offers no editing; and a closed tab leaves no session on the server.
#include "core/models/schematreemodel.h"
#include "core/models/tabledatamodel.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/core/demoshop.h"
#include "tests/support/heartbeat.h"
#include "tests/support/testsupport.h"
#include "tests/ui/widgetdriver.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/schemapanel.h"
#include "ui/tabletab.h"
#include "i18n/translations.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace {

// Double-clicks table in the schema tree, as a person would; the tab it opens.
TableTab *openByDoubleClick(MainWindow &window, const QString &schema, const QString &table)
{
    SchemaPanel *panel = window.schemaPanel();
    if (!testsupport::waitUntil(
            [&] { return !panel->isLoading() && panel->model()->schema().table(table, schema); },
            20000))
        return nullptr;
    const QModelIndex index = panel->model()->indexOfTable(schema, table);
    if (!index.isValid())
        return nullptr;
    panel->tree()->scrollTo(index);
    const QPoint at = panel->tree()->visualRect(index).center();
    // A double-click is a press, then the second press that the view sees as double.
    QTest::mouseClick(panel->tree()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(panel->tree()->viewport(), Qt::LeftButton, {}, at);
    auto *tabs = window.findChild<QTabWidget *>();
    return tabs ? qobject_cast<TableTab *>(tabs->currentWidget()) : nullptr;
}

bool settled(TableTab *tab)
{
    return testsupport::waitUntil([tab] { return !tab->session()->isBusy(); }, 30000);
}

// Types text into the cell at row, column and presses Enter.
void typeIntoCell(TableTab *tab, int row, int column, const QString &text)
{
    QTableView *view = tab->view();
    // A question answered before leaves no window active.
    QApplication::setActiveWindow(view->window());
    view->setCurrentIndex(tab->model()->index(row, column));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    if (!editor)
        return;
    editor->selectAll();
    // Keys for ASCII; what a keyboard layout cannot type comes as an input method's text.
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 128;
    if (ascii)
        QTest::keyClicks(editor, text);
    else
        editor->insert(text);
    // The delegate commits and closes the editor from a queued call.
    const QPointer<QLineEdit> open(editor);
    QTest::keyClick(editor, Qt::Key_Return);
    testsupport::waitUntil([&] { return !open || !open->isVisible(); }, 5000);
}

QString cell(TableTab *tab, int row, int column)
{
    return tab->model()->index(row, column).data().toString();
}

int tabIndexOf(MainWindow &window, QWidget *tab)
{
    auto *tabs = window.findChild<QTabWidget *>();
    return tabs ? tabs->indexOf(tab) : -1;
}

} // namespace

class TestGuiBrowse final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // As the program does: English plural forms come from a catalogue.
    void initTestCase() { Translations::install(qApp, QStringLiteral("en")); }
    void browseFilterSortEditApply_data() { testsupport::addDialectRows(); }
    void browseFilterSortEditApply();
    void readOnlyBindOffersNoEditing_data() { testsupport::addDialectRows(); }
    void readOnlyBindOffersNoEditing();
};

void TestGuiBrowse::browseFilterSortEditApply()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, serverUrl);
    const DemoShop shop = DemoShop::create(dialect, serverUrl);
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    const QString products =
        dialects::qualifiedName(dialect, shop.schemaName, QStringLiteral("products"));
    testsupport::ServerProbe probe(shop.url);
    // Six products of the test's own, which no order refers to, so they may go.
    for (int id = 9101; id <= 9106; ++id)
        QVERIFY2(probe.exec(QStringLiteral("INSERT INTO %1 (id, sku, name, category, price, "
                                           "in_stock, description) VALUES (%2, 'T-%2', "
                                           "'Tea %3', 'Tea', %3, 1 = 1, 'd')")
                                .arg(products)
                                .arg(id)
                                .arg((id * 7) % 10)),
                 qPrintable(probe.error()));
    const QString total = probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(products));
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(shop.url, QStringLiteral("browse")));
    MainWindow window(&workspace, &settings);
    window.show();
    QApplication::setActiveWindow(&window);
    Heartbeat heartbeat;
    TableTab *tab = openByDoubleClick(window, shop.schemaName, QStringLiteral("products"));
    QVERIFY(tab);
    QVERIFY(settled(tab));
    QVERIFY2(tab->statusText().contains(total + QLatin1String(" rows")),
             qPrintable(tab->statusText()));

    // A new read asked for while one streams replaces it: the last filter wins.
    QLineEdit *idFilter = tab->filterBar()->box(0);
    QVERIFY(idFilter);
    idFilter->setText(QStringLiteral("9101..9106"));
    QVERIFY(tab->reload());
    QVERIFY(tab->session()->isBusy());
    idFilter->setText(QStringLiteral("9101..9103"));
    QVERIFY(tab->reload());
    QVERIFY(settled(tab));
    QCOMPARE(tab->model()->rowCount(), 3);
    QVERIFY2(tab->messageText().isEmpty(), qPrintable(tab->messageText()));

    // Filter row: the six, by typing and Enter.
    widgetdriver::typeInto(idFilter, QStringLiteral("9101..9106"));
    QTest::keyClick(idFilter, Qt::Key_Return);
    QVERIFY(settled(tab));
    QCOMPARE(tab->model()->rowCount(), 6);
    // A header click sorts on the server: by name, descending after a second click.
    QHeaderView *header = tab->view()->horizontalHeader();
    const QPoint nameHeader(header->sectionViewportPosition(2) + 5, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, nameHeader);
    QVERIFY(settled(tab));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, nameHeader);
    QVERIFY(settled(tab));
    QStringList names;
    for (int row = 0; row < 6; ++row)
        names << cell(tab, row, 2);
    QStringList expected;
    const QString select =
        QStringLiteral("SELECT name FROM %1 WHERE id BETWEEN 9101 AND 9106 ORDER BY name DESC, id")
            .arg(products);
    for (int row = 0; row < 6; ++row)
        expected << probe.scalar(select + QStringLiteral(" LIMIT 1 OFFSET %1").arg(row));
    QCOMPARE(names, expected);

    // Edits from the keyboard; an integer column refuses a word, naming itself.
    const QString firstId = cell(tab, 0, 0);
    const QString secondId = cell(tab, 1, 0);
    const QString thirdId = cell(tab, 2, 0);
    typeIntoCell(tab, 0, 2, QStringLiteral("Renamed 'tea' ✓"));
    typeIntoCell(tab, 0, 5, QStringLiteral("many"));
    QVERIFY2(tab->messageText().contains(QLatin1String("in_stock")) &&
                 tab->messageText().contains(QLatin1String("'many' is not")),
             qPrintable(tab->messageText()));
    tab->view()->setCurrentIndex(tab->model()->index(1, 6));
    QTest::keyClick(tab->view(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    // A click on a cell of the third row, then Ctrl+Delete: that row goes.
    const QRect third = tab->view()->visualRect(tab->model()->index(2, 1));
    QTest::mouseClick(tab->view()->viewport(), Qt::LeftButton, Qt::NoModifier, third.center());
    QTest::keyClick(tab->view(), Qt::Key_Delete, Qt::ControlModifier);
    QCOMPARE(tab->model()->index(2, 0).data(TableDataModel::PendingRole).toInt(),
             int(TableDataModel::Pending::Deleted));
    QCOMPARE(tab->model()->index(1, 6).data(TableDataModel::PendingRole).toInt(),
             int(TableDataModel::Pending::Edited));
    QTest::keyClick(tab->view(), Qt::Key_Insert, Qt::ControlModifier);
    const int added = tab->model()->rowCount() - 1;
    const QStringList newRow = {"9001", "SKU-NEW-1", "New thing", "Tea", "4.50", "1"};
    for (int column = 0; column < newRow.size(); ++column)
        typeIntoCell(tab, added, column, newRow.at(column));
    QCOMPARE(tab->model()->pendingCount(), 4);
    QVERIFY(tab->statusText().contains(QLatin1String("4 pending changes")));
    QVERIFY(window.findChild<QTabWidget *>()->tabText(tabIndexOf(window, tab)).endsWith(" *"));
    QVERIFY(tab->pendingSql().contains(QLatin1String("DELETE FROM")));
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(products)), total);

    QTest::keyClick(tab->view(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(settled(tab));
    QVERIFY2(testsupport::waitUntil(
                 [&] { return !tab->model()->hasPendingChanges() && !tab->session()->isBusy(); }),
             qPrintable(tab->messageText()));
    QVERIFY2(tab->messageText().isEmpty(), qPrintable(tab->messageText()));
    const auto valueOf = [&](const QString &column, const QString &id) {
        return probe.scalar(
            QStringLiteral("SELECT %1 FROM %2 WHERE id = %3").arg(column, products, id));
    };
    QCOMPARE(valueOf("name", firstId), QStringLiteral("Renamed 'tea' ✓"));
    QCOMPARE(valueOf("description", secondId), QString()); // NULL reads as ""
    QCOMPARE(valueOf("count(*)", thirdId), QStringLiteral("0"));
    QCOMPARE(valueOf("sku", QStringLiteral("9001")), QStringLiteral("SKU-NEW-1"));
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(products)), total);

    // Someone else changes a row the tab edits: nothing of the apply stays.
    typeIntoCell(tab, 0, 2, QStringLiteral("Mine"));
    typeIntoCell(tab, 1, 4, QStringLiteral("1.25"));
    const QString otherId = cell(tab, 1, 0);
    QVERIFY(probe.exec(
        QStringLiteral("UPDATE %1 SET price = 77 WHERE id = %2").arg(products, otherId)));
    QTest::keyClick(tab->view(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(settled(tab));
    QVERIFY2(tab->messageText().contains(QLatin1String("Row 2")) &&
                 tab->messageText().contains(QLatin1String("Nothing was applied")),
             qPrintable(tab->messageText()));
    QCOMPARE(tab->view()->currentIndex().row(), 1);
    QCOMPARE(valueOf("name", firstId), QStringLiteral("Renamed 'tea' ✓"));
    QCOMPARE(tab->model()->pendingCount(), 2);

    // Closing the window with changes pending asks; Cancel keeps it open.
    bool asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Cancel"), &asked);
    window.close();
    QVERIFY(asked);
    QVERIFY(window.isVisible());
    QCOMPARE(tab->model()->pendingCount(), 2);

    // Closing the tab asks too. Cancel keeps it; Apply that fails (the conflict
    // is still there) keeps it with the reason; Discard closes it.
    asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Cancel"), &asked);
    window.closeSessionTab(tabIndexOf(window, tab));
    QVERIFY(asked);
    QVERIFY(tabIndexOf(window, tab) >= 0);
    asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Apply"), &asked);
    window.closeSessionTab(tabIndexOf(window, tab));
    QVERIFY(asked);
    QVERIFY(settled(tab));
    QTest::qWait(50); // a close, if one were wrongly queued, would have happened
    QVERIFY(tabIndexOf(window, tab) >= 0);
    QVERIFY(tab->messageText().contains(QLatin1String("Nothing was applied")));
    asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Discard"), &asked);
    window.closeSessionTab(tabIndexOf(window, tab));
    QVERIFY(asked);
    QTRY_VERIFY(window.findChildren<TableTab *>().isEmpty());
    QCOMPARE(valueOf("name", firstId), QStringLiteral("Renamed 'tea' ✓"));

    // Apply on closing: the tab closes once its changes are in.
    tab = openByDoubleClick(window, shop.schemaName, QStringLiteral("products"));
    QVERIFY(tab);
    QVERIFY(settled(tab));
    widgetdriver::typeInto(tab->filterBar()->box(0), QLatin1Char('=') + firstId);
    QTest::keyClick(tab->filterBar()->box(0), Qt::Key_Return);
    QVERIFY(settled(tab));
    QCOMPARE(tab->model()->rowCount(), 1);
    typeIntoCell(tab, 0, 2, QStringLiteral("Applied on close"));
    asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Apply"), &asked);
    window.closeSessionTab(tabIndexOf(window, tab));
    QVERIFY(asked);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChildren<TableTab *>().isEmpty(), 10000);
    QCOMPARE(valueOf("name", firstId), QStringLiteral("Applied on close"));
    heartbeat.stop();
    QVERIFY2(heartbeat.longestOwnStallMs() < Heartbeat::budgetMs(300),
             qPrintable(QString::number(heartbeat.longestOwnStallMs())));

    // Nothing of the tab stays on the server.
    QTRY_COMPARE_WITH_TIMEOUT(engine->pool()->connections().size(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(testsupport::sessionsOnServer(probe, engine),
                              dialect == Dialect::SQLite ? 1 : 0,
                              5000); // SQLite: the probe's handle
    window.shutdown();
    QString error;
    QVERIFY2(shop.drop(&error), qPrintable(error));
}

void TestGuiBrowse::readOnlyBindOffersNoEditing()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, serverUrl);
    const DemoShop shop = DemoShop::create(dialect, serverUrl);
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    PoolOptions options;
    options.readOnly = true;
    workspace.addBind(testsupport::makeBind(shop.url, QStringLiteral("browse-ro"), options));
    MainWindow window(&workspace, &settings);
    window.show();
    QApplication::setActiveWindow(&window);
    TableTab *tab = openByDoubleClick(window, shop.schemaName, QStringLiteral("products"));
    QVERIFY(tab);
    QVERIFY(settled(tab));
    QVERIFY(tab->model()->rowCount() > 0);
    QVERIFY(!tab->model()->isEditable());
    QVERIFY2(tab->statusText().contains(QLatin1String("read-only")), qPrintable(tab->statusText()));
    // No editing action is offered, and keys that would edit do nothing.
    const auto actions = tab->findChildren<QAction *>();
    for (QAction *action : actions) {
        const QString text = widgetdriver::withoutMnemonic(action->text());
        if (text == QLatin1String("Apply") || text == QLatin1String("Add Row") ||
            text == QLatin1String("Delete Rows") || text == QLatin1String("Set NULL"))
            QVERIFY2(!action->isEnabled(), qPrintable(text));
    }
    QCOMPARE(tab->view()->editTriggers(), QAbstractItemView::NoEditTriggers);
    tab->view()->selectRow(0);
    QTest::keyClick(tab->view(), Qt::Key_Delete, Qt::ControlModifier);
    QTest::keyClick(tab->view(), Qt::Key_Insert, Qt::ControlModifier);
    QVERIFY(!tab->model()->hasPendingChanges());
    window.closeSessionTab(tabIndexOf(window, tab));
    QTRY_VERIFY(window.findChildren<TableTab *>().isEmpty());
    window.shutdown();
    QString error;
    QVERIFY2(shop.drop(&error), qPrintable(error));
}

QTEST_MAIN(TestGuiBrowse)
#include "tst_guibrowse.moc"

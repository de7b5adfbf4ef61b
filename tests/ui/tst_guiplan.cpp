// The plan view of a session tab, driven as a person would: F7 and Shift+F7 in
// the editor, the question before Explain Analyze of a write (cancelled, then
// accepted), the tree with its hottest step, a server error marked in the
// editor, and a closed tab that leaves no session on the server.
#include "core/models/plantreemodel.h"
#include "core/plan/queryplan.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/core/demoshop.h"
#include "tests/support/heartbeat.h"
#include "tests/support/testsupport.h"
#include "tests/ui/widgetdriver.h"
#include "ui/mainwindow.h"
#include "ui/planview.h"
#include "ui/schemapanel.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

class TestGuiPlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explainAndAnalyzeFromTheKeyboard_data() { testsupport::addDialectRows(); }
    void explainAndAnalyzeFromTheKeyboard();

private:
};

void TestGuiPlan::explainAndAnalyzeFromTheKeyboard()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, serverUrl);
    const DemoShop shop = DemoShop::create(dialect, serverUrl);
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    const QString customers =
        dialects::qualifiedName(dialect, shop.schemaName, QStringLiteral("customers"));
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(shop.url, QStringLiteral("plan")));
    QVERIFY(engine);
    MainWindow window(&workspace, &settings);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!window.schemaPanel()->isLoading(), 10000);
    SessionTab *tab = window.newSessionTab(engine);
    QVERIFY(tab);
    auto *outputs = tab->planView()->parentWidget();
    while (outputs && !qobject_cast<QTabWidget *>(outputs))
        outputs = outputs->parentWidget();
    QVERIFY(outputs);
    auto *pages = qobject_cast<QTabWidget *>(outputs);

    // Explain: F7 on the statement at the cursor, the second of two.
    tab->editor()->setText(QStringLiteral("SELECT 1;\nSELECT * FROM %1 WHERE country = 'DE' "
                                          "ORDER BY name;")
                               .arg(customers));
    tab->editor()->setCursorPosition(1, 3);
    QApplication::setActiveWindow(&window);
    tab->editor()->setFocus();
    Heartbeat heartbeat;
    QTest::keyClick(tab->editor(), Qt::Key_F7);
    QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 30000));
    heartbeat.stop();
    QVERIFY2(heartbeat.longestOwnStallMs() < Heartbeat::budgetMs(100),
             qPrintable(QString::number(heartbeat.longestOwnStallMs())));
    PlanTreeModel *model = tab->planView()->model();
    QVERIFY2(model->rowCount() == 1, qPrintable(tab->messages()));
    QVERIFY(model->plan().sql.contains(QLatin1String("ORDER BY name")));
    QVERIFY(!model->plan().analyzed);
    QCOMPARE(pages->currentWidget(), static_cast<QWidget *>(tab->planView()));
    QVERIFY(tab->planView()->summary().startsWith(QLatin1String("Explain:")));
    QVERIFY(tab->planView()->tree()->isExpanded(model->index(0, 0)));

    // Explain Analyze of a write: asked first. Cancel runs nothing.
    tab->editor()->setText(
        QStringLiteral("UPDATE %1 SET country = 'QQ' WHERE id <= 20").arg(customers));
    bool asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Cancel"), &asked);
    QTest::keyClick(tab->editor(), Qt::Key_F7, Qt::ShiftModifier);
    QVERIFY(asked);
    QVERIFY(!tab->session()->isBusy());
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(!model->plan().analyzed); // still the last plan

    // Focus comes back to the editor once the question is gone.
    QApplication::setActiveWindow(&window);
    tab->editor()->setFocus();
    asked = false;
    widgetdriver::answerNextPrompt(this, QStringLiteral("Run and Roll Back"), &asked);
    QTest::keyClick(tab->editor(), Qt::Key_F7, Qt::ShiftModifier);
    QVERIFY(asked);
    QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 30000));
    QVERIFY2(model->plan().analyzed, qPrintable(tab->messages()));
    QVERIFY(model->plan().rolledBack);
    QVERIFY(tab->planView()->summary().contains(QLatin1String("rolled back")));
    QVERIFY(tab->messages().contains(QLatin1String("rolled back")));
    testsupport::ServerProbe probe(shop.url);
    QCOMPARE(
        probe.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE country = 'QQ'").arg(customers)),
        QStringLiteral("0"));
    if (dialect != Dialect::SQLite) {
        // The hottest step is marked and chosen, so the eye lands on it.
        const QModelIndex hottest = model->hottestIndex();
        QVERIFY(hottest.isValid());
        QCOMPARE(tab->planView()->tree()->currentIndex(), hottest);
        QVERIFY(tab->planView()->summary().contains(hottest.data().toString()));
    }

    // A server error: one message, the editor marks where, the plan is cleared.
    QApplication::setActiveWindow(&window);
    tab->editor()->setFocus();
    tab->editor()->setText(QStringLiteral("SELECT nosuchcolumn FROM %1").arg(customers));
    QTest::keyClick(tab->editor(), Qt::Key_F7);
    QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 30000));
    QVERIFY2(tab->messages().contains(QLatin1String("nosuchcolumn")), qPrintable(tab->messages()));
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(tab->statusText().startsWith(QLatin1String("Error")));

    // Closing the tab leaves nothing on the server.
    window.closeSessionTab(0);
    QTRY_COMPARE_WITH_TIMEOUT(engine->pool()->connections().size(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(testsupport::sessionsOnServer(probe, engine),
                              dialect == Dialect::SQLite ? 1 : 0,
                              5000); // SQLite: the probe's handle
    QString error;
    QVERIFY2(shop.drop(&error), qPrintable(error));
}

QTEST_MAIN(TestGuiPlan)
#include "tst_guiplan.moc"

// The server-sessions panel on real servers: a session another program left
// idle in a transaction shows as a suspect, the filter and findings show it,
// and ending it from the panel (after the confirmation) removes it on the server.
// On PgBouncer's admin console: its limits and pools among the findings, and
// its commands in the Pooler menu, for an admin only; on the server behind
// it, the pooler's server connections name their pool and client.
#include "core/models/serversessionmodel.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/core/sessionclient.h"
#include "tests/support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/pooleractionsbutton.h"
#include "ui/serversessionspanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

namespace {

// The main window on one bind, its settings in a temp folder.
struct PanelWindow
{
    PanelWindow(const Url &url, const QString &bind)
        : settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
        , engine(workspace.addBind(testsupport::makeBind(url, bind)))
        , window(&workspace, &settings)
    {
        window.show();
    }
    ServerSessionsPanel *panel() const { return window.serverSessions(); }

    QTemporaryDir folder;
    QSettings settings;
    Workspace workspace;
    Engine *engine;
    MainWindow window;
};

QString pidSql(Dialect dialect)
{
    return dialect == Dialect::MySQL ? QStringLiteral("SELECT CONNECTION_ID()")
                                     : QStringLiteral("SELECT pg_backend_pid()");
}

} // namespace

class TestServerSessionsPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flagsAndEndsALeak_data();
    void flagsAndEndsALeak();
    void actsOnlyOnWhatItAsked_data();
    void actsOnlyOnWhatItAsked();
    void readsFileHoldersOffTheGuiThread();
    void poolerMenu();
    void serverBehindPooler();
};

void TestServerSessionsPanel::flagsAndEndsALeak_data()
{
    testsupport::addDialectRows();
}

void TestServerSessionsPanel::flagsAndEndsALeak()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server sessions to end");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("panel"));
    testsupport::ServerProbe setup(url);
    QVERIFY(setup.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));
    QVERIFY(setup.exec(QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)));
    testsupport::ServerProbe leaker(url);
    QVERIFY(leaker.exec(dialect == Dialect::MySQL ? QStringLiteral("START TRANSACTION")
                                                  : QStringLiteral("BEGIN")));
    QVERIFY(leaker.exec(QStringLiteral("UPDATE %1 SET id = 2").arg(table)));
    const qint64 pid = leaker.scalar(pidSql(dialect)).toLongLong();

    PanelWindow gui(url, QStringLiteral("panel"));
    Engine *engine = gui.engine;
    ServerSessionsPanel *panel = gui.panel();
    panel->idleInTransactionOver()->setValue(1);
    QTest::qWait(1300);
    panel->showBind(engine->name());
    panel->refresh();
    QTRY_VERIFY2_WITH_TIMEOUT(panel->model()->rowOf(pid) >= 0, qPrintable(panel->statusText()),
                              10000);
    const int row = panel->model()->rowOf(pid);
    QVERIFY(panel->model()->index(row, 0).data(ServerSessionModel::IsSuspectRole).toBool());
    // The leaker is this test's own connection: the panel names this process.
    const QString origin =
        panel->model()->index(row, ServerSessionModel::OriginColumn).data().toString();
    QVERIFY2(origin.startsWith(QStringLiteral("pid %1 ").arg(QCoreApplication::applicationPid())),
             qPrintable(origin));
    QCOMPARE(panel->table()
                 ->model()
                 ->headerData(ServerSessionModel::OriginColumn, Qt::Horizontal)
                 .toString(),
             QStringLiteral("Origin"));
    QVERIFY2(panel->findingsText().contains(QLatin1String("idle in transaction")),
             qPrintable(panel->findingsText()));

    panel->suspectsOnly()->setChecked(true);
    QTableView *view = panel->table();
    int shownRow = -1;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        QVERIFY(view->model()->index(r, 0).data(ServerSessionModel::IsSuspectRole).toBool());
        if (view->model()->index(r, 0).data(ServerSessionModel::PidRole).toLongLong() == pid)
            shownRow = r;
    }
    QVERIFY(shownRow >= 0);
    view->setCurrentIndex(view->model()->index(shownRow, 0));

    // Answer the confirmation like a person: it must name what happens to the client.
    QString question;
    QTimer::singleShot(100, this, [&question] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        question = box->text();
        box->button(QMessageBox::Yes)->click();
    });
    bool done = false, ok = false;
    connect(panel, &ServerSessionsPanel::actionDone, this, [&](bool success) {
        done = true;
        ok = success;
    });
    panel->endSelected();
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY(ok);
    QVERIFY2(question.contains(QString::number(pid)), qPrintable(question));
    QCOMPARE(setup.liveSessions({pid}), 0);
    QCOMPARE(setup.scalar(QStringLiteral("SELECT id FROM %1").arg(table)),
             QStringLiteral("1")); // rolled back
    QVERIFY(setup.exec(QStringLiteral("DROP TABLE %1").arg(table)));
    gui.window.close();
    QTRY_COMPARE(engine->pool()->openCount(), 0);
}

void TestServerSessionsPanel::actsOnlyOnWhatItAsked_data()
{
    testsupport::addDialectRows();
}

// The refresh timer goes on while the confirmation is open. When the session
// asked about is gone by the time the user says Yes, nothing is ended: not
// the session that moved into its row, not anything else.
void TestServerSessionsPanel::actsOnlyOnWhatItAsked()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server sessions to end");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    testsupport::ServerProbe watcher(url);
    // Several sessions after the one asked about, whatever order the server lists them in.
    auto asked = std::make_unique<testsupport::ServerProbe>(url);
    const qint64 askedPid = asked->scalar(pidSql(dialect)).toLongLong();
    std::vector<std::unique_ptr<testsupport::ServerProbe>> others;
    QSet<qint64> otherPids;
    for (int i = 0; i < 3; ++i) {
        others.push_back(std::make_unique<testsupport::ServerProbe>(url));
        otherPids.insert(others.back()->scalar(pidSql(dialect)).toLongLong());
    }

    PanelWindow gui(url, QStringLiteral("asked"));
    Engine *engine = gui.engine;
    ServerSessionsPanel *panel = gui.panel();
    panel->showBind(engine->name());
    panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowOf(askedPid) >= 0, 10000);
    for (qint64 pid : std::as_const(otherPids))
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowOf(pid) >= 0, 10000);
    QTableView *view = panel->table();
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->index(r, 0).data(ServerSessionModel::PidRole).toLongLong() == askedPid)
            view->setCurrentIndex(view->model()->index(r, 0));
    }

    bool answered = false;
    QTimer::singleShot(100, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        // While the user reads: the session ends, and a refresh drops its row.
        // (No QTRY here: a failure would leave the dialog open for ever.)
        asked.reset();
        const bool gone =
            testsupport::waitUntil([&] { return watcher.liveSessions({askedPid}) == 0; }) &&
            testsupport::waitUntil([&] {
                if (!panel->isReading())
                    panel->refresh();
                return panel->model()->rowOf(askedPid) < 0;
            });
        if (!gone) {
            box->reject();
            return;
        }
        answered = true;
        box->button(QMessageBox::Yes)->click();
    });
    bool done = false, ok = true;
    QString message;
    connect(panel, &ServerSessionsPanel::actionDone, this, [&](bool success, const QString &text) {
        done = true;
        ok = success;
        message = text;
    });
    panel->endSelected();
    QVERIFY(answered);
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY(!ok);
    QVERIFY2(message.contains(QLatin1String("nothing was done")), qPrintable(message));
    QCOMPARE(watcher.liveSessions(otherPids), int(otherPids.size()));
    QVERIFY(watcher.isOpen());
    QVERIFY(!watcher.scalar(pidSql(dialect)).isEmpty());
    gui.window.close();
    QTRY_COMPARE(engine->pool()->openCount(), 0);
}

// SQLite has no server to ask: the panel lists the processes holding the file
// open, read from /proc, which takes a while on a busy machine. Not on the
// GUI thread: refresh() returns at once and the list follows.
void TestServerSessionsPanel::readsFileHoldersOffTheGuiThread()
{
    if (!testsupport::dialectsUnderTest().contains(Dialect::SQLite))
        QSKIP("the SQLite run covers it");
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    PanelWindow fixture(url, testsupport::uniqueBindName(QStringLiteral("holders")));
    Session holder(fixture.engine, QStringLiteral("holder"));
    holder.setMode(Session::Mode::Transaction);
    QVERIFY(testsupport::run(&holder, QStringLiteral("SELECT 1")).ok); // keeps the file open
    ServerSessionsPanel *panel = fixture.panel();
    panel->showBind(fixture.engine->name());
    QTRY_VERIFY(!panel->isReading());

    QSignalSpy shown(panel, &ServerSessionsPanel::snapshotShown);
    panel->refresh();
    QVERIFY(panel->isReading());
    QVERIFY(shown.isEmpty());
    QVERIFY(shown.wait(10000));
    QVERIFY(!panel->isReading());
    QVERIFY(panel->model()->rowOf(QCoreApplication::applicationPid()) >= 0);
}

void TestServerSessionsPanel::poolerMenu()
{
    // Once, in the PostgreSQL run: PgBouncer stands in front of that server.
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, server);
    Q_UNUSED(server)
    POOLSCOPE_REQUIRE_URL(console, testsupport::environmentUrl, "POOLSCOPE_TEST_PGBOUNCER_URL");
    POOLSCOPE_REQUIRE_URL(stats, testsupport::environmentUrl, "POOLSCOPE_TEST_PGBOUNCER_STATS_URL");
    PanelWindow gui(console, QStringLiteral("pooler"));
    ServerSessionsPanel *panel = gui.panel();
    PoolerActionsButton *pooler = panel->pooler();
    panel->showBind(gui.engine->name());
    panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!pooler->isHidden(), 10000);
    QVERIFY(pooler->isEnabled());
    QVERIFY2(panel->findingsText().contains(QLatin1String("max_client_conn 100")),
             qPrintable(panel->findingsText()));
    // One client cannot be ended through the console: the buttons say so.
    for (QPushButton *button : panel->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("End session"))
            QVERIFY2(!button->isEnabled() && button->toolTip().contains(QLatin1String("Pooler")),
                     qPrintable(button->toolTip()));
    }
    Q_EMIT pooler->menu()->aboutToShow();
    QMenu *transaction = nullptr;
    for (QAction *item : pooler->menu()->actions()) {
        if (item->menu() && item->text().startsWith(QLatin1String("poolscope_transaction")))
            transaction = item->menu();
    }
    QVERIFY(transaction);
    QCOMPARE(transaction->actions().size(), 4);
    QAction *resume = transaction->actions().at(1);
    QVERIFY(!resume->isEnabled());
    QVERIFY2(resume->toolTip().contains(QLatin1String("is not paused")),
             qPrintable(resume->toolTip()));

    // Asked, answered No: nothing happens. Asked, answered Yes: it runs.
    QString question;
    auto answerWith = [&](QMessageBox::StandardButton button) {
        QTimer::singleShot(100, this, [&question, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            box->button(button)->click();
        });
    };
    bool done = false, ok = false;
    QString message;
    connect(panel, &ServerSessionsPanel::actionDone, this, [&](bool success, const QString &text) {
        done = true;
        ok = success;
        message = text;
    });
    answerWith(QMessageBox::Cancel);
    pooler->act(PgBouncerActions::Action::Pause, QStringLiteral("poolscope_transaction"));
    QVERIFY2(question.contains(QLatin1String("Pause database poolscope_transaction")),
             qPrintable(question));
    QVERIFY(!done && !pooler->isRunning());
    answerWith(QMessageBox::Yes);
    pooler->act(PgBouncerActions::Action::Reconnect, QStringLiteral("poolscope_transaction"));
    QVERIFY2(question.contains(QLatin1String("clients notice nothing")), qPrintable(question));
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(message, QStringLiteral("Reconnect poolscope_transaction: done."));

    // A stats user sees the menu, greyed, with the reason.
    const Engine *statsEngine =
        gui.workspace.addBind(testsupport::makeBind(stats, QStringLiteral("stats")));
    QVERIFY(statsEngine);
    panel->showBind(statsEngine->name());
    panel->refresh();
    QTRY_VERIFY2_WITH_TIMEOUT(!pooler->isHidden() && !pooler->isEnabled(),
                              qPrintable(panel->statusText()), 10000);
    QVERIFY2(pooler->toolTip().contains(QLatin1String("stats user")),
             qPrintable(pooler->toolTip()));
    gui.window.close();
    QTRY_COMPARE(gui.engine->pool()->openCount(), 0);
}

void TestServerSessionsPanel::serverBehindPooler()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, server);
    POOLSCOPE_REQUIRE_URL(console, testsupport::environmentUrl, "POOLSCOPE_TEST_PGBOUNCER_URL");
    POOLSCOPE_REQUIRE_URL(pooled, testsupport::environmentUrl,
                          "POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL");
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(leaky.start(pooled, QString(), &error), qPrintable(error));
    PanelWindow gui(server, QStringLiteral("server"));
    Engine *pooler =
        gui.workspace.addBind(testsupport::makeBind(console, QStringLiteral("pooler")));
    QVERIFY(pooler);
    ServerSessionsPanel *panel = gui.panel();
    panel->showBind(gui.engine->name());
    // The window reads the console every few seconds; the panel names the
    // leak's backend once it has.
    auto origin = [&] {
        const int row = panel->model()->rowOf(leaky.serverId());
        return row < 0
                   ? QString()
                   : panel->model()->index(row, ServerSessionModel::OriginColumn).data().toString();
    };
    QVERIFY2(testsupport::waitUntil(
                 [&] {
                     panel->refresh();
                     return origin().startsWith(
                         QStringLiteral("PgBouncer poolscope_transaction/poolscope · client "));
                 },
                 20000),
             qPrintable(origin()));
    const int row = panel->model()->rowOf(leaky.serverId());
    const QString tip = panel->model()
                            ->index(row, ServerSessionModel::OriginColumn)
                            .data(Qt::ToolTipRole)
                            .toString();
    QVERIFY2(tip.contains(QLatin1String("(transaction mode), for client")), qPrintable(tip));
    QVERIFY2(panel->findingsText().contains(QStringLiteral("PgBouncer %1 ").arg(pooler->name())),
             qPrintable(panel->findingsText()));
    QVERIFY2(panel->findingsText().contains(
                 QStringLiteral("\nPgBouncer %1: max_client_conn 100").arg(pooler->name())) &&
                 panel->findingsText().contains(QLatin1String("; the server admits ")),
             qPrintable(panel->findingsText()));
    gui.window.close();
    QTRY_COMPARE(pooler->pool()->openCount(), 0);
    QTRY_COMPARE(gui.engine->pool()->openCount(), 0);
}

QTEST_MAIN(TestServerSessionsPanel)
#include "tst_serversessionspanel.moc"

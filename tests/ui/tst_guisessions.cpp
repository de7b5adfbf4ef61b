// Session tabs that never leak, checked by asking the server: closing a tab
// or the window, the commit / roll back prompt, streaming without stalls,
// clear messages for bad connections.
#include "core/connection/connection.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/heartbeat.h"
#include "tests/support/testsupport.h"
#include "tests/ui/widgetdriver.h"
#include "ui/mainwindow.h"
#include "ui/resultgrid.h"
#include "ui/schemapanel.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class TestGuiSessions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void closingTabRestoresServerCount_data() { testsupport::addDialectRows(); }
    void closingTabRestoresServerCount();
    void twentyTabsThreeBindsCloseWindow();
    void closePromptCommitsOrRollsBack_data() { testsupport::addDialectRows(); }
    void closePromptCommitsOrRollsBack();
    void secondCloseWhileCommitting();
    void commitAllFailureKeepsWindow();
    void streamingNeverStallsAndCancels_data() { testsupport::addDialectRows(); }
    void streamingNeverStallsAndCancels();
    void badConnectionsGiveClearMessages_data() { testsupport::addDialectRows(); }
    void badConnectionsGiveClearMessages();

private:
    // Puts tab in transaction mode and runs sql: true when it ran and left
    // the transaction open.
    static bool runInTransaction(SessionTab *tab, const QString &sql);
    // What the server (or, for SQLite, the kernel) says about our connections.

    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<QSettings> m_settings;
};

void TestGuiSessions::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_folder->filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
}

void TestGuiSessions::cleanup()
{
    m_settings.reset();
    m_folder.reset();
}

bool TestGuiSessions::runInTransaction(SessionTab *tab, const QString &sql)
{
    tab->session()->setMode(Session::Mode::Transaction);
    tab->editor()->setText(sql);
    tab->runStatement();
    return testsupport::waitUntil([tab] { return !tab->session()->isBusy(); }) &&
           tab->session()->inTransaction();
}

void TestGuiSessions::closingTabRestoresServerCount()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("tabclose")));
    QVERIFY(engine);
    MainWindow window(&workspace, m_settings.get());
    window.show();
    testsupport::ServerProbe probe(url);
    // The schema panel reads the new bind's schema at once on a connection of
    // its own and closes it when done: count only after that one is gone.
    QTRY_VERIFY_WITH_TIMEOUT(!window.schemaPanel()->isLoading(), 10000);
    QTRY_COMPARE(engine->pool()->connections().size(), 0);
    // SQLite: the probe itself holds the file once.
    const int idle = dialect == Dialect::SQLite ? 1 : 0;
    QTRY_COMPARE_WITH_TIMEOUT(testsupport::sessionsOnServer(probe, engine), idle, 5000);
    const int before = idle;

    SessionTab *tab = window.newSessionTab(engine);
    tab->editor()->setText(QStringLiteral("SELECT 1 AS one"));
    tab->runStatement();
    QTRY_COMPARE_WITH_TIMEOUT(tab->resultModel()->rowCount(), 1, 10000);
    QTRY_VERIFY(!tab->session()->isBusy());
    QCOMPARE(testsupport::sessionsOnServer(probe, engine), before + 1);

    window.closeSessionTab(0);
    QVERIFY(window.sessionTabs().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(testsupport::sessionsOnServer(probe, engine), before, 5000);
    QTRY_COMPARE(engine->pool()->connections().size(), 0);
}

void TestGuiSessions::twentyTabsThreeBindsCloseWindow()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, sqliteUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, pgUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, myUrl);
    Workspace workspace;
    PoolOptions options;
    options.poolSize = 3;
    options.maxOverflow = 10;
    QList<QPair<Engine *, Url>> binds;
    for (const Url &url : {sqliteUrl, pgUrl, myUrl})
        binds.append(
            {workspace.addBind(testsupport::makeBind(url, QStringLiteral("twenty"), options)),
             url});
    MainWindow window(&workspace, m_settings.get());
    window.show();

    for (int i = 0; i < 20; ++i) {
        Engine *engine = binds.at(i % 3).first;
        SessionTab *tab = window.newSessionTab(engine);
        // Every other tab keeps a transaction open; SQLite gets only one writer.
        const bool transaction = i % 2 == 0 && (engine->dialect() != Dialect::SQLite || i == 0);
        if (transaction)
            tab->session()->setMode(Session::Mode::Transaction);
        tab->editor()->setText(QStringLiteral("SELECT %1 AS n").arg(i));
        tab->runStatement();
    }
    const auto tabs = window.sessionTabs();
    QCOMPARE(tabs.size(), 20);
    for (SessionTab *tab : tabs)
        QTRY_VERIFY_WITH_TIMEOUT(!tab->session()->isBusy() && tab->resultModel()->rowCount() == 1,
                                 15000);

    testsupport::ServerProbe pg(pgUrl);
    testsupport::ServerProbe my(myUrl);
    QVERIFY(pg.sessionsOfBind(binds.at(1).first->name()) > 0);
    QVERIFY(my.liveSessions(testsupport::serverIdsSeen(binds.at(2).first->eventLog()->events())) >
            0);

    widgetdriver::answerNextPrompt(this, QStringLiteral("Roll Back All"));
    QVERIFY(window.close());
    QVERIFY(window.sessionTabs().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(pg.sessionsOfBind(binds.at(1).first->name()), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(
        my.liveSessions(testsupport::serverIdsSeen(binds.at(2).first->eventLog()->events())), 0,
        5000);
    QTRY_COMPARE_WITH_TIMEOUT(testsupport::openFileHandles(sqliteUrl.database()), 0, 5000);
}

void TestGuiSessions::closePromptCommitsOrRollsBack()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("prompt")));
    MainWindow window(&workspace, m_settings.get());
    window.show();
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("prompt"));
    {
        testsupport::ServerProbe probe(url);
        QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));
    }
    auto countRows = [&] {
        testsupport::ServerProbe probe(url);
        return probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toInt();
    };

    for (const QString &answer :
         {QStringLiteral("Cancel"), QStringLiteral("Roll Back"), QStringLiteral("Commit")}) {
        SessionTab *tab = window.sessionTabs().isEmpty() ? window.newSessionTab(engine)
                                                         : window.sessionTabs().first();
        if (!tab->session()->inTransaction())
            QVERIFY(runInTransaction(tab, QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)));
        widgetdriver::answerNextPrompt(this, answer);
        window.closeSessionTab(0);
        if (answer == QLatin1String("Cancel")) {
            QCOMPARE(window.sessionTabs().size(), 1); // kept, transaction still open
            QVERIFY(tab->session()->inTransaction());
        } else if (answer == QLatin1String("Roll Back")) {
            QVERIFY(window.sessionTabs().isEmpty());
            QTRY_COMPARE(countRows(), 0);
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(window.sessionTabs().isEmpty(), 10000);
            QTRY_COMPARE(countRows(), 1);
        }
    }
    testsupport::ServerProbe probe(url);
    probe.exec(QStringLiteral("DROP TABLE %1").arg(table));
}

// Commit chosen, the COMMIT slow (a deferred trigger sleeps), and the user
// closes the tab again meanwhile: no second prompt on a tab that is about to
// be deleted; the tab closes when the commit is done, with the row committed.
void TestGuiSessions::secondCloseWhileCommitting()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("slowcommit"));
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (id integer)").arg(table)));
    QVERIFY(probe.exec(QStringLiteral("CREATE FUNCTION %1_slow() RETURNS trigger LANGUAGE plpgsql "
                                      "AS $$ BEGIN PERFORM pg_sleep(1.5); RETURN NULL; END $$")
                           .arg(table)));
    QVERIFY(probe.exec(QStringLiteral("CREATE CONSTRAINT TRIGGER %1_slow AFTER INSERT ON %1 "
                                      "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                                      "EXECUTE FUNCTION %1_slow()")
                           .arg(table)));
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("slowcommit")));
    MainWindow window(&workspace, m_settings.get());
    window.show();
    QPointer<SessionTab> tab = window.newSessionTab(engine);
    QVERIFY(runInTransaction(tab, QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)));

    widgetdriver::answerNextPrompt(this, QStringLiteral("Commit"));
    window.closeSessionTab(0);
    QVERIFY(tab);
    QVERIFY(tab->session()->isBusy()); // the COMMIT runs
    int secondPrompts = 0;
    QTimer watch;
    connect(&watch, &QTimer::timeout, this, [&secondPrompts] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            ++secondPrompts;
            box->reject();
        }
    });
    watch.start(20);
    window.closeSessionTab(0);
    QTRY_VERIFY_WITH_TIMEOUT(!tab, 10000);
    QCOMPARE(secondPrompts, 0);
    QVERIFY(window.sessionTabs().isEmpty());
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("1"));
    QTRY_COMPARE(engine->pool()->checkedout(), 0);
    probe.exec(QStringLiteral("DROP TABLE %1").arg(table));
    probe.exec(QStringLiteral("DROP FUNCTION %1_slow()").arg(table));
}

// Commit All on quit with a COMMIT that fails (a deferred unique check): the
// window stays, says which commit failed and why, as a tab does on its own.
void TestGuiSessions::commitAllFailureKeepsWindow()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("failcommit"));
    testsupport::ServerProbe probe(url);
    QVERIFY(probe.exec(
        QStringLiteral("CREATE TABLE %1 (id integer UNIQUE DEFERRABLE INITIALLY DEFERRED)")
            .arg(table)));
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("failcommit")));
    MainWindow window(&workspace, m_settings.get());
    window.show();
    SessionTab *tab = window.newSessionTab(engine);
    QVERIFY(runInTransaction(tab, QStringLiteral("INSERT INTO %1 VALUES (1), (1)").arg(table)));

    widgetdriver::answerNextPrompt(this, QStringLiteral("Commit All"));
    QVERIFY(!window.close());
    QMessageBox *failed = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (failed = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr,
        10000);
    QVERIFY2(failed->windowTitle().contains(QLatin1String("Commit failed")),
             qPrintable(failed->windowTitle()));
    QVERIFY2(failed->informativeText().contains(QLatin1String("duplicate key")),
             qPrintable(failed->informativeText()));
    failed->accept();
    QTest::qWait(100);
    QVERIFY(window.isVisible());
    QCOMPARE(window.sessionTabs().size(), 1);
    QVERIFY2(tab->messages().contains(QLatin1String("duplicate key")), qPrintable(tab->messages()));
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("0"));
    QVERIFY(window.close()); // nothing open any more: closes without asking
    probe.exec(QStringLiteral("DROP TABLE %1").arg(table));
}

void TestGuiSessions::streamingNeverStallsAndCancels()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("stream")));
    MainWindow window(&workspace, m_settings.get());
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionTab *tab = window.newSessionTab(engine);

    auto rows = [dialect](int count) {
        switch (dialect) {
        case Dialect::PostgreSQL:
            return QStringLiteral("SELECT i, 'name ' || i AS name, i * 1.5 AS price, md5(i::text) "
                                  "AS hash, now() AS t, NULL AS empty "
                                  "FROM generate_series(1, %1) AS i")
                .arg(count);
        case Dialect::MySQL:
            return QStringLiteral("SELECT seq AS i, CONCAT('name ', seq) AS name, seq * 1.5 AS "
                                  "price, MD5(seq) AS hash, NOW() AS t, NULL AS empty "
                                  "FROM seq_1_to_%1")
                .arg(count);
        case Dialect::SQLite:
            break;
        }
        return QStringLiteral(
                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                   "SELECT i, 'name ' || i AS name, i * 1.5 AS price, hex(randomblob(16)) AS hash, "
                   "datetime('now') AS t, NULL AS empty FROM n")
            .arg(count);
    };

    Heartbeat heartbeat;
    tab->runText(rows(1000000));
    heartbeat.start();
    QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 120000));
    heartbeat.stop();
    QVERIFY2(tab->resultModel()->storedRowCount() == 1000000, qPrintable(tab->messages()));
    qInfo("longest event-loop stall %lld ms, %lld ms of it the GUI's own",
          heartbeat.longestStallMs(), heartbeat.longestOwnStallMs());
    QVERIFY2(
        heartbeat.longestOwnStallMs() < Heartbeat::budgetMs(100),
        qPrintable(
            QStringLiteral("the event loop stalled for %1 ms").arg(heartbeat.longestOwnStallMs())));
    // Scrolling to the end fetches more rows lazily and stays quick.
    tab->resultView()->scrollToBottom();
    QVERIFY(tab->resultModel()->rowCount() <= tab->resultModel()->storedRowCount());

    // Cancel while rows stream in.
    tab->runText(rows(10000000));
    QTRY_VERIFY_WITH_TIMEOUT(tab->resultModel()->storedRowCount() > 10000, 30000);
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(tab->editor(), Qt::Key_Escape);
    QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 5000));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(tab->messages().contains(QLatin1String("Cancelled")), qPrintable(tab->messages()));
    tab->runText(QStringLiteral("SELECT 5"));
    QTRY_COMPARE_WITH_TIMEOUT(tab->resultModel()->rowCount(), 1, 10000);
}

void TestGuiSessions::badConnectionsGiveClearMessages()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Workspace workspace;
    QList<QPair<Url, QString>> bad;
    if (dialect == Dialect::SQLite) {
        bad.append({*Url::parse(QStringLiteral("sqlite:////no/such/folder/x.db")),
                    QStringLiteral("does not exist")});
    } else {
        Url wrongPassword = url;
        wrongPassword.setPassword(QStringLiteral("NotTheRightOne"));
        bad.append({wrongPassword, QStringLiteral("Cannot connect")});
        // A port on this machine where nothing listens.
        Url nobody = *Url::parse(url.render(false).replace(QStringLiteral(":%1/").arg(url.port()),
                                                           QStringLiteral(":1/")));
        bad.append({nobody, QStringLiteral("Cannot connect")});
    }
    bad.append({url, QStringLiteral("no_such_table_anywhere")}); // a SQL error
    MainWindow window(&workspace, m_settings.get());
    window.show();
    for (const auto &[badUrl, expected] : std::as_const(bad)) {
        Engine *engine = workspace.addBind(testsupport::makeBind(badUrl, QStringLiteral("bad")));
        SessionTab *tab = window.newSessionTab(engine);
        tab->runText(QStringLiteral("SELECT * FROM no_such_table_anywhere"));
        QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
        QVERIFY2(tab->messages().contains(expected), qPrintable(tab->messages()));
        QVERIFY2(!tab->messages().contains(QLatin1String("NotTheRightOne")),
                 qPrintable(tab->messages()));
        QVERIFY(window.isVisible());
        // The window stays usable: the next statement runs (and fails the same way, or works).
        tab->runText(QStringLiteral("SELECT 1"));
        QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
    }
}

QTEST_MAIN(TestGuiSessions)
#include "tst_guisessions.moc"

// The window on a bad day: the server restarts (PostgreSQL) or stops and
// comes back (MariaDB) while tabs hold an idle pooled connection, an open
// transaction and a running statement; SQLite's file is locked by someone
// else; a server accepts the connection and never answers. Every affected
// tab says what happened, the pool drops what died, the next statement
// reconnects, other tabs keep working and the event loop never stalls.
//
// These tests stop and restart the shared test servers: CTest runs them with
// RUN_SERIAL, and cleanup() always leaves the servers running.
#include "core/connection/connection.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/heartbeat.h"
#include "tests/support/silentserver.h"
#include "tests/support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

const char *ctlVariable(Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? "POOLSCOPE_TEST_POSTGRES_CTL"
                                          : "POOLSCOPE_TEST_MARIADB_CTL";
}

// Runs the server control script of tests/servers without blocking the event
// loop; true when it exited 0.
bool serverCtl(Dialect dialect, const QString &action, QString *output = nullptr)
{
    const QString script = qEnvironmentVariable(ctlVariable(dialect));
    if (script.isEmpty()) {
        if (output)
            *output = QString::fromLatin1(ctlVariable(dialect)) + QStringLiteral(" is not set");
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("bash"), {script, action});
    if (!process.waitForStarted())
        return false;
    testsupport::waitUntil([&] { return process.state() == QProcess::NotRunning; }, 180000);
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool idle(const SessionTab *tab)
{
    return !tab->session()->isBusy();
}

} // namespace

class TestGuiFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void serverGoesAwayWithTabsOpen_data() { testsupport::addDialectRows(); }
    void serverGoesAwayWithTabsOpen();
    void silentServerKeepsWindowResponsive_data() { testsupport::addDialectRows(); }
    void silentServerKeepsWindowResponsive();

private:
    void sqliteLockedByAnotherProgram(const Url &url);

    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<QSettings> m_settings;
};

void TestGuiFaults::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_folder->filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
}

void TestGuiFaults::cleanup()
{
    // Whatever happened, the shared servers are up again for the next test.
    for (Dialect dialect : {Dialect::PostgreSQL, Dialect::MySQL}) {
        if (qEnvironmentVariableIsEmpty(ctlVariable(dialect)) ||
            serverCtl(dialect, QStringLiteral("status")))
            continue;
        QString output;
        if (!serverCtl(dialect, QStringLiteral("start"), &output))
            qWarning("could not start the %s server again: %s", ctlVariable(dialect),
                     qPrintable(output));
    }
    m_settings.reset();
    m_folder.reset();
}

void TestGuiFaults::serverGoesAwayWithTabsOpen()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    if (dialect == Dialect::SQLite) {
        sqliteLockedByAnotherProgram(url);
        return;
    }
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("restart")));
    // A bind on another database, which the outage must not touch.
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, otherUrl);
    Engine *other = workspace.addBind(testsupport::makeBind(otherUrl, QStringLiteral("other")));
    MainWindow window(&workspace, m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("restart"));
    {
        testsupport::ServerProbe probe(url);
        QVERIFY2(probe.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)),
                 qPrintable(probe.error()));
    }

    SessionTab *pinned = window.newSessionTab(engine);
    pinned->session()->setMode(Session::Mode::Transaction);
    pinned->runText(QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table));
    QVERIFY(testsupport::waitUntil([&] { return idle(pinned); }));
    QVERIFY2(pinned->session()->inTransaction(), qPrintable(pinned->messages()));
    SessionTab *running = window.newSessionTab(engine);
    running->runText(testsupport::endlessStatement(dialect));
    QTRY_VERIFY(running->session()->connection() && running->session()->connection()->isBusy());
    // Both connections are taken: this one opens a third, which goes back to the pool.
    SessionTab *pooled = window.newSessionTab(engine);
    pooled->runText(QStringLiteral("SELECT 1"));
    QVERIFY(testsupport::waitUntil([&] { return idle(pooled); }));
    SessionTab *fresh = window.newSessionTab(engine);
    SessionTab *elsewhere = window.newSessionTab(other);
    QTest::qWait(200);
    // Idle in the pool, pinned by a transaction, running (and whatever the
    // window's own panels hold).
    QVERIFY(engine->pool()->connections().size() >= 3);
    QVERIFY(engine->pool()->checkedin() >= 1);

    Heartbeat heartbeat;
    QString output;
    if (dialect == Dialect::PostgreSQL) {
        QVERIFY2(serverCtl(dialect, QStringLiteral("restart"), &output), qPrintable(output));
    } else {
        QVERIFY2(serverCtl(dialect, QStringLiteral("stop"), &output), qPrintable(output));
        // While the server is down: a clear message, quickly, and no hang.
        fresh->runText(QStringLiteral("SELECT 1"));
        QVERIFY(testsupport::waitUntil([&] { return idle(fresh); }, 20000));
        QVERIFY2(fresh->messages().contains(QLatin1String("Cannot connect")),
                 qPrintable(fresh->messages()));
        QVERIFY2(!fresh->messages().contains(url.password()), qPrintable(fresh->messages()));
        // The other bind does not care.
        elsewhere->runText(QStringLiteral("SELECT 42"));
        QVERIFY(testsupport::waitUntil([&] { return idle(elsewhere); }));
        QCOMPARE(elsewhere->resultModel()->rowCount(), 1);
        QVERIFY2(serverCtl(dialect, QStringLiteral("start"), &output), qPrintable(output));
    }

    // The running statement failed and says so; the open transaction's tab
    // was told its transaction is gone; the pool dropped every dead connection.
    QVERIFY(testsupport::waitUntil([&] { return idle(running); }, 20000));
    QVERIFY2(running->messages().contains(QLatin1String("The connection was lost")),
             qPrintable(running->messages()));
    QVERIFY(testsupport::waitUntil(
        [&] { return pinned->messages().contains(QLatin1String("The connection was lost")); },
        20000));
    QVERIFY2(pinned->messages().contains(QLatin1String("transaction is gone")),
             qPrintable(pinned->messages()));
    QVERIFY(!pinned->session()->inTransaction());
    QVERIFY(!pinned->session()->connection());
    QVERIFY2(pinned->statusText().contains(QLatin1String("no connection")),
             qPrintable(pinned->statusText()));
    QVERIFY2(pooled->messages().count(QLatin1String("The connection was lost")) == 0,
             qPrintable(pooled->messages())); // it held nothing
    QVERIFY(testsupport::waitUntil([&] { return engine->pool()->connections().isEmpty(); }, 20000));

    // Every tab reconnects with its next statement; the insert was not kept.
    const QDateTime back = QDateTime::currentDateTimeUtc();
    pinned->session()->setMode(Session::Mode::Autocommit);
    for (SessionTab *tab : {pooled, pinned, running, fresh}) {
        tab->runText(QStringLiteral("SELECT count(*) FROM %1").arg(table));
        QVERIFY(testsupport::waitUntil([&] { return idle(tab); }, 20000));
        QVERIFY2(tab->resultModel()->rowCount() == 1, qPrintable(tab->messages()));
        QCOMPARE(tab->resultModel()->data(tab->resultModel()->index(0, 0)).toString(),
                 QStringLiteral("0"));
    }
    elsewhere->runText(QStringLiteral("SELECT 43"));
    QVERIFY(testsupport::waitUntil([&] { return idle(elsewhere); }));
    QVERIFY2(elsewhere->resultModel()->rowCount() == 1, qPrintable(elsewhere->messages()));
    // The server sees exactly the connections the pool holds open.
    testsupport::ServerProbe probe(url);
    QVERIFY2(probe.isOpen(), qPrintable(probe.error()));
    QList<PoolEvent> since;
    for (const PoolEvent &event : engine->eventLog()->events()) {
        if (event.time >= back && event.bind == engine->name())
            since << event;
    }
    auto serverCount = [&] {
        return dialect == Dialect::PostgreSQL
                   ? probe.sessionsOfBind(engine->name())
                   : probe.liveSessions(testsupport::serverIdsSeen(since));
    };
    auto ourOpen = [&] {
        int open = 0;
        for (const Connection *connection : engine->pool()->connections())
            open += connection->isOpen() ? 1 : 0;
        return open;
    };
    QTRY_COMPARE(serverCount(), ourOpen());
    QVERIFY(ourOpen() > 0);
    // Generous: the restart itself runs in another process; the window must
    // never have been blocked on it or on the network.
    QVERIFY2(
        heartbeat.longestOwnStallMs() < 1000,
        qPrintable(
            QStringLiteral("the event loop stalled for %1 ms").arg(heartbeat.longestOwnStallMs())));

    window.close();
    QTRY_COMPARE(serverCount(), 0);
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestGuiFaults::sqliteLockedByAnotherProgram(const Url &url)
{
    Workspace workspace;
    // pysqlite's timeout: how long a writer waits for the lock.
    Engine *engine = workspace.addBind(testsupport::makeBind(
        *Url::parse(url.render(false) + QStringLiteral("?timeout=1")), QStringLiteral("locked")));
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, otherUrl);
    Engine *other = workspace.addBind(testsupport::makeBind(otherUrl, QStringLiteral("other")));
    MainWindow window(&workspace, m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    testsupport::ServerProbe holder(url);
    QVERIFY(holder.exec(QStringLiteral("CREATE TABLE t (id INTEGER)")));

    SessionTab *writer = window.newSessionTab(engine);
    SessionTab *elsewhere = window.newSessionTab(other);
    QVERIFY(holder.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    Heartbeat heartbeat;
    writer->runText(QStringLiteral("INSERT INTO t VALUES (1)"));
    elsewhere->runText(QStringLiteral("SELECT 42"));
    QVERIFY(testsupport::waitUntil([&] { return idle(elsewhere); }));
    QCOMPARE(elsewhere->resultModel()->rowCount(), 1);
    QVERIFY(testsupport::waitUntil([&] { return idle(writer); }, 20000));
    QVERIFY2(writer->messages().contains(QLatin1String("database is locked")),
             qPrintable(writer->messages()));
    QVERIFY2(heartbeat.longestOwnStallMs() < 1000,
             qPrintable(QString::number(heartbeat.longestOwnStallMs())));
    QVERIFY(holder.exec(QStringLiteral("ROLLBACK")));
    writer->runText(QStringLiteral("INSERT INTO t VALUES (1)"));
    QVERIFY(testsupport::waitUntil([&] { return idle(writer); }, 20000));
    QVERIFY2(writer->messages().contains(QLatin1String("1 row(s) affected")),
             qPrintable(writer->messages()));
    QCOMPARE(holder.scalar(QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("1"));
}

void TestGuiFaults::silentServerKeepsWindowResponsive()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite does not connect to a server; its lock wait is tested above");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    testsupport::SilentServer silent;
    QVERIFY(silent.isListening());
    const Url nowhere = silent.redirected(url);
    PoolOptions options;
    options.connectTimeout = 2;
    Workspace workspace;
    Engine *stuck =
        workspace.addBind(testsupport::makeBind(nowhere, QStringLiteral("silent"), options));
    Engine *healthy = workspace.addBind(testsupport::makeBind(url, QStringLiteral("healthy")));
    MainWindow window(&workspace, m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    Heartbeat heartbeat;
    SessionTab *waiting = window.newSessionTab(stuck);
    SessionTab *abandoned = window.newSessionTab(stuck);
    SessionTab *working = window.newSessionTab(healthy);
    QElapsedTimer clock;
    clock.start();
    waiting->runText(QStringLiteral("SELECT 1"));
    abandoned->runText(QStringLiteral("SELECT 2"));
    working->runText(QStringLiteral("SELECT 3"));
    QVERIFY(testsupport::waitUntil([&] { return idle(working); }));
    QCOMPARE(working->resultModel()->rowCount(), 1);
    QVERIFY(!idle(waiting));
    QVERIFY2(waiting->statusText().contains(QLatin1String("running")),
             qPrintable(waiting->statusText()));
    // Closing a tab whose connection is still being opened does not wait for it.
    QElapsedTimer closing;
    closing.start();
    window.closeSessionTab(window.sessionTabs().indexOf(abandoned));
    QVERIFY2(closing.elapsed() < 1000, qPrintable(QString::number(closing.elapsed())));

    QVERIFY(testsupport::waitUntil([&] { return idle(waiting); }, 20000));
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(waiting->messages().contains(QLatin1String("Cannot connect")),
             qPrintable(waiting->messages()));
    QVERIFY2(elapsed < 8000, qPrintable(QString::number(elapsed)));
    QVERIFY2(
        heartbeat.longestOwnStallMs() < 1000,
        qPrintable(
            QStringLiteral("the event loop stalled for %1 ms").arg(heartbeat.longestOwnStallMs())));
    QVERIFY(testsupport::waitUntil([&] { return stuck->pool()->connections().isEmpty(); }, 20000));

    // Closing the window while a connection is being opened is quick too.
    waiting->runText(QStringLiteral("SELECT 4"));
    QTest::qWait(100);
    QVERIFY(!idle(waiting));
    QElapsedTimer closingWindow;
    closingWindow.start();
    QVERIFY(window.close());
    QVERIFY2(closingWindow.elapsed() < 1000, qPrintable(QString::number(closingWindow.elapsed())));
}

QTEST_MAIN(TestGuiFaults)
#include "tst_guifaults.moc"

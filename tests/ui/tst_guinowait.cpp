// The window never waits for a server. With a server that accepts and never
// answers, and with one stopped in the middle of a statement, every way of
// letting go of a connection (Remove Bind, Edit Bind, closing the connection
// dialog, a tab, the window, quitting) keeps the event loop moving; quitting
// ends within 5 s; and once the server runs again it has no session of ours.
//
// "Stopped" is SIGSTOP, what a paused VM or a hung host looks like: on
// PostgreSQL the backend running the statement (its postmaster still answers
// cancels), on MariaDB the whole server, since one thread cannot be stopped
// alone; the MariaDB run is RUN_SERIAL for that.
#include "core/connection/connection.h"
#include "core/connection/threadreaper.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/heartbeat.h"
#include "tests/support/silentserver.h"
#include "tests/support/testsupport.h"
#include "tests/ui/widgetdriver.h"
#include "ui/connectiondialog.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <signal.h>
#include <vector>

using namespace widgetdriver;

namespace {

enum class Hang { Silent, Stopped };
enum class Action { RemoveBind, EditBind, ConnectionDialog, CloseTab, CloseWindow, Quit };

// Stops processes and lets them go on again, at the latest when it goes out
// of scope, so a failing test never leaves a server stopped for the next.
class Stopper final
{
public:
    Stopper() = default;
    Stopper(const Stopper &) = delete;
    Stopper &operator=(const Stopper &) = delete;
    ~Stopper() { resume(); }

    bool stop(qint64 pid)
    {
        if (pid <= 0 || ::kill(pid_t(pid), SIGSTOP) != 0)
            return false;
        m_pids << pid;
        return true;
    }
    void resume()
    {
        for (qint64 pid : std::as_const(m_pids))
            ::kill(pid_t(pid), SIGCONT);
        m_pids.clear();
    }

private:
    QList<qint64> m_pids;
};

// The MariaDB server's process, from its pid file; 0 when it cannot tell.
qint64 serverPid(const Url &url)
{
    testsupport::ServerProbe probe(url);
    QFile pidFile(probe.scalar(QStringLiteral("SELECT @@pid_file")));
    return pidFile.open(QIODevice::ReadOnly) ? pidFile.readAll().trimmed().toLongLong() : 0;
}

bool idle(const SessionTab *tab)
{
    return !tab->session()->isBusy();
}

} // namespace

Q_DECLARE_METATYPE(Hang)
Q_DECLARE_METATYPE(Action)

class TestGuiNoWait final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void lettingGoNeverWaits_data();
    void lettingGoNeverWaits();
    void cancelsNeverQueueBehindHungOnes();

private:
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<QSettings> m_settings;
};

void TestGuiNoWait::init()
{
    // The window saves its settings with QSettings, which flushes the file
    // to disk (fdatasync) on the GUI thread; while other tests write large
    // exports that flush alone can take 100 ms. That is the disk, not the
    // server this test is about: keep the settings in memory when possible.
    const QString memory = QStringLiteral("/dev/shm");
    m_folder = QFileInfo(memory).isWritable()
                   ? std::make_unique<QTemporaryDir>(memory + QStringLiteral("/poolscope-XXXXXX"))
                   : std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_folder->filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
}

void TestGuiNoWait::cleanup()
{
    // Threads left behind at a quit delete themselves once they end.
    QTest::qWait(50);
    m_settings.reset();
    m_folder.reset();
}

void TestGuiNoWait::lettingGoNeverWaits_data()
{
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<Hang>("hang");
    QTest::addColumn<Action>("action");
    const std::pair<Action, const char *> actions[] = {
        {Action::RemoveBind, "remove bind"},
        {Action::EditBind, "edit bind"},
        {Action::ConnectionDialog, "close connection dialog"},
        {Action::CloseTab, "close tab"},
        {Action::CloseWindow, "close window"},
        {Action::Quit, "quit"},
    };
    for (Dialect dialect : testsupport::dialectsUnderTest()) {
        const QByteArray tag = testsupport::tagOf(dialect).toUtf8();
        for (const auto &[hang, name] :
             {std::pair{Hang::Silent, "silent"}, std::pair{Hang::Stopped, "stopped mid-query"}}) {
            for (const auto &[action, what] : actions)
                QTest::addRow("%s: %s, %s", tag.constData(), name, what)
                    << dialect << hang << action;
        }
    }
}

void TestGuiNoWait::lettingGoNeverWaits()
{
    QFETCH(Dialect, dialect);
    QFETCH(Hang, hang);
    QFETCH(Action, action);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server to wait for");

    testsupport::SilentServer silent;
    QVERIFY(silent.isListening());
    const Url target = hang == Hang::Silent ? silent.redirected(url) : url;
    PoolOptions options;
    options.connectTimeout = 10; // longer than anything below
    auto workspace = std::make_unique<Workspace>();
    Engine *engine =
        workspace->addBind(testsupport::makeBind(target, QStringLiteral("nowait"), options));
    const QString bindName = engine->name();
    auto window = std::make_unique<MainWindow>(workspace.get(), m_settings.get());
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    SessionTab *tab = window->newSessionTab(engine);

    Stopper stopper;
    if (hang == Hang::Silent) {
        tab->runText(QStringLiteral("SELECT 1"));
        QTest::qWait(300);
        QVERIFY2(!idle(tab), qPrintable(tab->messages())); // still connecting
    } else {
        tab->runText(testsupport::endlessStatement(dialect));
        QTRY_VERIFY(tab->session()->connection() && tab->session()->connection()->isBusy());
        QTest::qWait(300); // running on the server, not just sent
        const qint64 pid =
            dialect == Dialect::MySQL ? serverPid(url) : tab->session()->connection()->serverId();
        QVERIFY2(stopper.stop(pid), qPrintable(QString::number(pid)));
    }

    // Measured from the moment the person answers: building and showing a
    // dialog is the GUI's own work, letting go of connections must be none.
    QElapsedTimer quitting;
    auto heartbeat = std::make_unique<Heartbeat>();
    switch (action) {
    case Action::RemoveBind:
        whenModal<QMessageBox>(this, [&heartbeat](QMessageBox *box) {
            heartbeat = std::make_unique<Heartbeat>();
            box->button(QMessageBox::Yes)->click();
            return true;
        });
        window->removeBind(engine);
        QVERIFY(!workspace->engine(bindName));
        QVERIFY(window->sessionTabs().isEmpty());
        break;
    case Action::EditBind: {
        const QPointer<Engine> old(engine);
        whenModal<ConnectionDialog>(this, [&heartbeat](ConnectionDialog *dialog) {
            childWithText<QCheckBox>(dialog,
                                     QStringLiteral("Remember the password in the system keychain"))
                ->setChecked(false);
            heartbeat = std::make_unique<Heartbeat>();
            dialog->accept();
            return true;
        });
        window->editBind(engine);
        QVERIFY(workspace->engine(bindName));
        QVERIFY(workspace->engine(bindName) != old);
        QVERIFY(window->sessionTabs().isEmpty());
        break;
    }
    case Action::ConnectionDialog: {
        auto *dialog = new ConnectionDialog({}, workspace->reaper(), window.get());
        dialog->setBind(engine->bind());
        dialog->show();
        dialog->testConnection();
        QTest::qWait(300);
        heartbeat = std::make_unique<Heartbeat>();
        dialog->reject();
        delete dialog;
        break;
    }
    case Action::CloseTab:
        window->closeSessionTab(window->sessionTabs().indexOf(tab));
        QVERIFY(window->sessionTabs().isEmpty());
        break;
    case Action::CloseWindow:
        QVERIFY(window->close());
        break;
    case Action::Quit:
        // As the application quits: the window closes, then goes, then the
        // workspace (main()'s order).
        quitting.start();
        QVERIFY(window->close());
        break;
    }
    QTest::qWait(100); // what the action left queued runs too
    heartbeat->stop();
    qInfo("longest event-loop stall %lld ms, %lld ms of it the GUI's own",
          heartbeat->longestStallMs(), heartbeat->longestOwnStallMs());
    QVERIFY2(heartbeat->longestOwnStallMs() < Heartbeat::budgetMs(50),
             qPrintable(QStringLiteral("the event loop stalled for %1 ms")
                            .arg(heartbeat->longestOwnStallMs())));

    // Then everything goes, as at quit, whatever the action was.
    QSet<qint64> ids;
    for (const Engine *each : workspace->engines()) {
        for (const Connection *connection : each->pool()->connections())
            ids << connection->serverId();
    }
    if (!quitting.isValid())
        quitting.start();
    window.reset();
    workspace.reset();
    QVERIFY2(quitting.elapsed() < 5000, qPrintable(QString::number(quitting.elapsed())));

    if (hang == Hang::Silent)
        return; // it never had a session to end
    stopper.resume();
    testsupport::ServerProbe probe(url);
    QVERIFY2(probe.isOpen(), qPrintable(probe.error()));
    auto ours = [&] {
        return dialect == Dialect::PostgreSQL ? probe.sessionsOfBind(bindName)
                                              : probe.liveSessions(ids);
    };
    QTRY_COMPARE_WITH_TIMEOUT(ours(), 0, 20000);
}

// A cancel to a stopped server hangs (KILL QUERY's side connection waits
// for a greeting that does not come). Two of them must not hold up a third,
// to another database, which would then not stop its statement either.
void TestGuiNoWait::cancelsNeverQueueBehindHungOnes()
{
    if (!testsupport::dialectsUnderTest().contains(Dialect::MySQL))
        QSKIP("the MariaDB run covers it: it stops the whole server");
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, url);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, fileUrl);
    Workspace workspace;
    Engine *stopped = workspace.addBind(testsupport::makeBind(url, QStringLiteral("stopped")));
    Engine *local = workspace.addBind(testsupport::makeBind(fileUrl, QStringLiteral("local")));
    std::vector<std::unique_ptr<Session>> hung;
    for (int i = 0; i < 2; ++i) {
        hung.push_back(std::make_unique<Session>(stopped, QStringLiteral("hung %1").arg(i)));
        QVERIFY(hung.back()->execute(testsupport::endlessStatement(Dialect::MySQL)));
    }
    QTRY_VERIFY(std::all_of(hung.begin(), hung.end(), [](const auto &session) {
        return session->connection() && session->connection()->isBusy();
    }));
    QTest::qWait(300);
    Stopper stopper;
    QVERIFY(stopper.stop(serverPid(url)));
    for (const auto &session : hung)
        session->cancel();
    QTest::qWait(200);

    Session running(local, QStringLiteral("local"));
    QSignalSpy finished(&running, &Session::finished);
    QVERIFY(running.execute(testsupport::endlessStatement(Dialect::SQLite)));
    QTRY_VERIFY(running.connection() && running.connection()->isBusy());
    QElapsedTimer clock;
    clock.start();
    running.cancel();
    QVERIFY(finished.wait(10000));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(finished.takeFirst().at(0).value<StatementResult>().cancelled);

    // Once the server runs again, the hung cancels land (or time out and the
    // statements are closed with their sessions).
    stopper.resume();
    for (const auto &session : hung)
        session->close();
}

QTEST_MAIN(TestGuiNoWait)
#include "tst_guinowait.moc"

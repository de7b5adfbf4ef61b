// A long random walk through the window, as an impatient person would take
// it, against SQLite, PostgreSQL and MariaDB at once: open tabs, run (alone
// or several tabs at once), cancel, switch to transaction mode, commit, roll
// back, close tabs (answering the prompts at random), close the window and
// open a new one. After every step, once things settle, the server's count of
// our connections must equal the pool's open count, for every bind:
// pg_stat_activity by application_name, MariaDB's PROCESSLIST by the ids the
// pool reported, the kernel's open file handles for SQLite.
//
// POOLSCOPE_SOAK_MINUTES sets the length (make soak: 10, CTest: 2);
// POOLSCOPE_SOAK_SEED replays a run, and the seed is printed at the start and
// in every failure.
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMap>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

double soakMinutes()
{
    bool ok = false;
    const double minutes = qEnvironmentVariable("POOLSCOPE_SOAK_MINUTES").toDouble(&ok);
    return ok && minutes > 0 ? minutes : 2.0;
}

// Qt Test stops a test function after 5 minutes unless told otherwise; a
// soak runs longer on purpose. Set before main(), where Qt Test reads it.
const bool kWatchdogSet = [] {
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT",
                QByteArray::number(qint64((soakMinutes() + 5) * 60 * 1000)));
    return true;
}();

struct Target
{
    Dialect dialect = Dialect::SQLite;
    Url url;
    Engine *engine = nullptr;
    QSet<qint64> serverIds; // every id the pool reported, kept apart from the bounded log
    QString table;
};

QString slowStatement(Dialect dialect)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("SELECT pg_sleep(0.3)");
    case Dialect::MySQL:
        return QStringLiteral("SELECT SLEEP(0.3)");
    case Dialect::SQLite:
        break;
    }
    return QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                          "i < 400000) SELECT count(*) FROM n");
}

QString manyRows(Dialect dialect)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("SELECT i, md5(i::text) FROM generate_series(1, 20000) i");
    case Dialect::MySQL:
        return QStringLiteral("SELECT seq, MD5(seq) FROM seq_1_to_20000");
    case Dialect::SQLite:
        break;
    }
    return QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                          "i < 20000) SELECT i, hex(randomblob(8)) FROM n");
}

QComboBox *modeBox(SessionTab *tab)
{
    const auto boxes = tab->findChildren<QComboBox *>();
    for (QComboBox *box : boxes) {
        if (box->count() == 2 && box->itemText(1) == QLatin1String("Transaction"))
            return box;
    }
    return nullptr;
}

QAction *tabAction(SessionTab *tab, const QString &text)
{
    const auto actions = tab->findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->text().remove(QLatin1Char('&')) == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestSoak final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomGuiWalk();
};

void TestSoak::randomGuiWalk()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, sqliteUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, pgUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, myUrl);
    Q_UNUSED(kWatchdogSet)
    const double minutes = soakMinutes();
    const quint32 seed = qEnvironmentVariableIsSet("POOLSCOPE_SOAK_SEED")
                             ? qEnvironmentVariable("POOLSCOPE_SOAK_SEED").toUInt()
                             : QRandomGenerator::system()->generate();
    qInfo("soak: %.1f minute(s), seed %u (POOLSCOPE_SOAK_SEED=%u replays it)", minutes, seed, seed);
    QRandomGenerator random(seed);
    QRandomGenerator answers(seed ^ 0x5eed);

    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    PoolOptions options;
    options.poolSize = 2;
    options.maxOverflow = 3;
    options.timeout = 1.0; // a full pool answers with QueuePool's message, soon
    QList<Target> targets;
    // SQLite writers wait for the lock up to the busy timeout: keep it short.
    const Url sqlite = *Url::parse(sqliteUrl.render(false) + QStringLiteral("?timeout=0.1"));
    for (const Url &url : {sqlite, pgUrl, myUrl}) {
        Target target;
        target.dialect = url.dialect();
        target.url = url;
        target.engine = workspace.addBind(testsupport::makeBind(
            url, QStringLiteral("soak-") + testsupport::tagOf(url.dialect()), options));
        QVERIFY(target.engine);
        target.table = testsupport::uniqueIdentifier(QStringLiteral("soak"));
        testsupport::ServerProbe maker(url);
        QVERIFY2(maker.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(target.table)),
                 qPrintable(maker.error()));
        targets.append(target);
    }
    // The listener goes before targets does: ~Workspace disposes the engines
    // again, and their events must not reach a list that is gone.
    QObject listener;
    connect(workspace.eventLog(), &EventLog::appended, &listener, [&](const PoolEvent &event) {
        for (Target &target : targets) {
            if (target.engine->name() == event.bind && event.serverId > 0)
                target.serverIds.insert(event.serverId);
        }
    });
    testsupport::ServerProbe pgProbe(pgUrl);
    testsupport::ServerProbe myProbe(myUrl);
    QVERIFY2(pgProbe.isOpen() && myProbe.isOpen(), qPrintable(pgProbe.error() + myProbe.error()));

    // Whatever asks (close a tab in a transaction, close the window), a
    // person answers: mostly roll back or commit, sometimes cancel.
    QMap<QString, int> answered;
    QTimer answerer;
    answerer.setInterval(5);
    connect(&answerer, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->property("soakAnswered").toBool())
            return;
        const auto buttons = box->buttons();
        if (buttons.isEmpty())
            return;
        box->setProperty("soakAnswered", true);
        QAbstractButton *choice = buttons.at(int(answers.bounded(int(buttons.size()))));
        ++answered[choice->text().remove(QLatin1Char('&'))];
        QTimer::singleShot(0, choice, &QAbstractButton::click);
    });
    answerer.start();

    auto window = std::make_unique<MainWindow>(&workspace, &settings);
    window->show();

    auto serverCount = [&](Target &target) {
        switch (target.dialect) {
        case Dialect::SQLite:
            return testsupport::openFileHandles(target.url.database());
        case Dialect::PostgreSQL:
            return pgProbe.sessionsOfBind(target.engine->name());
        case Dialect::MySQL:
            return myProbe.liveSessions(target.serverIds);
        }
        return -1;
    };
    auto ourOpen = [](const Target &target) {
        int open = 0;
        for (const Connection *connection : target.engine->pool()->connections())
            open += connection->isOpen() ? 1 : 0;
        return open;
    };
    auto quiet = [&] {
        if (QApplication::activeModalWidget())
            return false;
        for (SessionTab *tab : window->sessionTabs()) {
            if (tab->session()->isBusy())
                return false;
        }
        for (const Target &target : std::as_const(targets)) {
            const Pool *pool = target.engine->pool();
            if (pool->waiting() > 0)
                return false;
            for (const Connection *connection : pool->connections()) {
                const auto state = connection->state();
                if (state == Connection::State::Connecting ||
                    state == Connection::State::Resetting || state == Connection::State::Closing ||
                    connection->isBusy())
                    return false;
            }
        }
        return true;
    };
    // SQLite defers closing a file while another connection of the process
    // holds a lock on it (see tst_poolrandom): then the kernel may see more.
    auto agrees = [&](Target &target, int server, int open) {
        bool locked = false;
        for (const Connection *connection : target.engine->pool()->connections())
            locked |= connection->inTransaction();
        return target.dialect == Dialect::SQLite && locked ? server >= open : server == open;
    };
    auto matches = [&] {
        for (Target &target : targets) {
            if (!agrees(target, serverCount(target), ourOpen(target)))
                return false;
        }
        return true;
    };

    QMap<QString, int> tally;
    QElapsedTimer clock;
    clock.start();
    const qint64 budget = qint64(minutes * 60 * 1000);
    int step = 0;
    int insertId = 0;
    while (clock.elapsed() < budget) {
        ++step;
        const QString where = QStringLiteral("seed %1, step %2").arg(seed).arg(step);
        QList<SessionTab *> tabs = window->sessionTabs();
        SessionTab *tab = tabs.isEmpty() ? nullptr : tabs.at(int(random.bounded(int(tabs.size()))));
        const Target &chosen = targets.at(int(random.bounded(int(targets.size()))));
        auto statementFor = [&](Dialect dialect, const QString &table) {
            switch (random.bounded(6)) {
            case 0:
                return QStringLiteral("INSERT INTO %1 VALUES (%2)").arg(table).arg(++insertId);
            case 1:
                return slowStatement(dialect);
            case 2:
                return manyRows(dialect);
            case 3:
                return QStringLiteral("SELECT * FROM no_such_table_in_the_soak");
            default:
                return QStringLiteral("SELECT count(*) FROM %1").arg(table);
            }
        };
        auto targetOf = [&](SessionTab *of) -> const Target & {
            for (const Target &t : std::as_const(targets)) {
                if (t.engine == of->engine())
                    return t;
            }
            return targets.first();
        };
        const int action = int(random.bounded(100));
        QString name;
        if (action < 14 || !tab) {
            name = QStringLiteral("open tab");
            if (tabs.size() < 10)
                window->newSessionTab(chosen.engine);
        } else if (action < 40) {
            name = QStringLiteral("run");
            tab->runText(statementFor(targetOf(tab).dialect, targetOf(tab).table));
        } else if (action < 48) {
            name = QStringLiteral("run in several tabs");
            for (SessionTab *each : tabs) {
                if (random.bounded(2) == 0)
                    each->runText(statementFor(targetOf(each).dialect, targetOf(each).table));
            }
        } else if (action < 56) {
            name = QStringLiteral("run and cancel");
            tab->runText(slowStatement(targetOf(tab).dialect));
            QTest::qWait(int(random.bounded(150)));
            tabAction(tab, QStringLiteral("Cancel"))->trigger();
        } else if (action < 64) {
            name = QStringLiteral("transaction mode");
            modeBox(tab)->setCurrentIndex(1);
        } else if (action < 68) {
            name = QStringLiteral("autocommit mode");
            modeBox(tab)->setCurrentIndex(0);
        } else if (action < 75) {
            name = QStringLiteral("commit");
            if (QAction *commit = tabAction(tab, QStringLiteral("Commit")); commit->isEnabled())
                commit->trigger();
        } else if (action < 82) {
            name = QStringLiteral("roll back");
            if (QAction *rollback = tabAction(tab, QStringLiteral("Roll Back"));
                rollback->isEnabled())
                rollback->trigger();
        } else if (action < 94) {
            name = QStringLiteral("close tab");
            if (random.bounded(3) == 0) {
                name = QStringLiteral("close running tab");
                tab->runText(statementFor(targetOf(tab).dialect, targetOf(tab).table));
                QTest::qWait(int(random.bounded(50)));
            }
            window->closeSessionTab(tabs.indexOf(tab));
        } else {
            name = QStringLiteral("close window");
            if (random.bounded(2) == 0) {
                name = QStringLiteral("close window while running");
                for (SessionTab *each : tabs)
                    each->runText(statementFor(targetOf(each).dialect, targetOf(each).table));
                QTest::qWait(int(random.bounded(50)));
            }
            // Asks about open transactions first; a cancelled close keeps it.
            window->close();
            QVERIFY2(testsupport::waitUntil([&] { return !window->isVisible() || quiet(); }, 30000),
                     qPrintable(where + QStringLiteral(": the window did not close")));
            testsupport::waitUntil([&] { return !window->isVisible(); }, 2000);
            if (!window->isVisible()) {
                window.reset();
                window = std::make_unique<MainWindow>(&workspace, &settings);
                window->show();
                bool restored = false;
                connect(window.get(), &MainWindow::bindsRestored, this, [&] { restored = true; });
                window->restoreBinds(); // reopens the tabs of the closed window
                QVERIFY(testsupport::waitUntil([&] { return restored; }));
            }
        }
        ++tally[name];

        const QString context = where + QStringLiteral(" (") + name + QLatin1Char(')');
        QVERIFY2(testsupport::waitUntil(quiet, 30000),
                 qPrintable(context + QStringLiteral(": did not settle within 30 s")));
        // A connection that was just closed leaves the server a moment later.
        testsupport::waitUntil([&] { return quiet() && matches(); }, 5000);
        for (Target &target : targets) {
            const int server = serverCount(target);
            const int open = ourOpen(target);
            QVERIFY2(agrees(target, server, open),
                     qPrintable(QStringLiteral("%1, %2: server sees %3, the pool has %4 open (%5)")
                                    .arg(context, target.engine->name())
                                    .arg(server)
                                    .arg(open)
                                    .arg(target.engine->pool()->status())));
        }
    }
    qInfo().noquote() << QStringLiteral("seed %1: %2 steps in %3 s:")
                             .arg(seed)
                             .arg(step)
                             .arg(clock.elapsed() / 1000)
                      << tally << "answers:" << answered;

    // Closing for good leaves nothing on any server.
    answerer.stop();
    window->shutdown();
    window.reset();
    for (Target &target : targets) {
        target.engine->dispose();
        QVERIFY(testsupport::waitUntil(
            [&] { return target.engine->pool()->connections().isEmpty(); }, 10000));
        QVERIFY2(testsupport::waitUntil([&] { return serverCount(target) == 0; }, 5000),
                 qPrintable(QStringLiteral("seed %1: %2 still has %3 connection(s) on the server")
                                .arg(seed)
                                .arg(target.engine->name())
                                .arg(serverCount(target))));
        testsupport::ServerProbe dropper(target.url);
        dropper.exec(QStringLiteral("DROP TABLE %1").arg(target.table));
    }
}

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"

// A password must never show: the test creates a real PostgreSQL role and a
// real MariaDB user with a known password, then runs every command-line
// command (good and bad URLs, wrong password, unreachable port, broken
// configuration files) and the GUI flows a person goes through (add a bind in
// the bind dialog, run, fail, export, edit, close, start again from the same
// settings file, answer the password prompt) and looks for the password, and
// its percent-encoded form, in everything poolscope wrote or showed: standard
// output and error, every log message (poolscope's categories enabled), the
// settings file, window titles, every text on screen, the export files and the
// pool event log.
#include "core/connection/connection.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/secretaccounts.h"
#include "tests/support/testsupport.h"
#include "tests/ui/widgetdriver.h"
#include "ui/connectiondialog.h"
#include "ui/exportdialog.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMutex>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace widgetdriver;

namespace {

const QString kSecret = QStringLiteral("Zq7-Secret-Pw!");

QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog << QStringLiteral("%1: %2").arg(QString::fromLatin1(context.category), message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

using Account = testsupport::SecretAccount;

} // namespace

class TestSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandLineNeverShowsThePassword();
    void guiNeverShowsThePassword();

private:
    struct Run
    {
        int exit = -1;
        QString out;
        QString err;
    };
    Run poolscope(const QStringList &arguments, const QMap<QString, QString> &environment = {});
    void addBindThroughDialog(MainWindow *window, const QString &name, const Account &account,
                              bool byFields, const QString &password);

    testsupport::SecretAccounts m_secrets{kSecret};
    QList<Account> m_accounts;
    QString m_table;
    QString m_role;
    QTemporaryDir m_dir;
};

void TestSecrets::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureMessage);
    // Every poolscope category at every level, the way someone debugging would run it.
    QLoggingCategory::setFilterRules(QStringLiteral("poolscope.*=true\nqt.qpa.*=false"));
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, pgUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, myUrl);
    QVERIFY2(m_secrets.create(QStringLiteral("secret"), {pgUrl, myUrl}),
             qPrintable(m_secrets.error()));
    m_accounts = m_secrets.accounts();
    m_role = m_secrets.role();
    m_table = m_secrets.table();
    for (const Account &account : std::as_const(m_accounts))
        QCOMPARE(account.secret.password(), kSecret);
}

void TestSecrets::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    const QStringList found = m_secrets.showing(capturedLog);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

TestSecrets::Run TestSecrets::poolscope(const QStringList &arguments,
                                        const QMap<QString, QString> &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("poolscope.*=true"));
    env.remove(QStringLiteral("SQLALCHEMY_DATABASE_URI"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    const testsupport::ProgramRun program = testsupport::runProgram(
        QStringLiteral(POOLSCOPE_BINARY), arguments, env, 60000, m_dir.path());
    Run run;
    run.exit = program.exit;
    run.out = QString::fromUtf8(program.out);
    run.err = program.finished ? QString::fromUtf8(program.err) : QStringLiteral("did not finish");
    return run;
}

void TestSecrets::commandLineNeverShowsThePassword()
{
    QVERIFY(!m_accounts.isEmpty());
    auto write = [&](const QString &name, const QString &content) {
        QFile file(m_dir.filePath(name));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(content.toUtf8());
        return file.fileName();
    };
    int runs = 0;
    auto check = [&](const QStringList &arguments, int expectedExit,
                     const QMap<QString, QString> &environment = {}) {
        const Run run = poolscope(arguments, environment);
        ++runs;
        const QString what =
            arguments.join(QLatin1Char(' ')).replace(kSecret, QStringLiteral("<pw>")) +
            QStringLiteral("\nstdout: ") + run.out + QStringLiteral("\nstderr: ") + run.err;
        QVERIFY2(!m_secrets.shows(run.out), qPrintable(QStringLiteral("stdout shows it: ") + what));
        QVERIFY2(!m_secrets.shows(run.err), qPrintable(QStringLiteral("stderr shows it: ") + what));
        // expectedExit -1: any answer will do, only what is shown matters.
        QVERIFY2(run.exit == expectedExit || (expectedExit == -1 && run.exit >= 0),
                 qPrintable(QStringLiteral("exit %1: ").arg(run.exit) + what));
    };

    for (const Account &account : std::as_const(m_accounts)) {
        const QString url = account.secret.render(false);
        const QString raw = url; // the password percent-encoded, as people paste it
        QVERIFY(raw.contains(QString::fromLatin1(kSecret.toUtf8().toPercentEncoding())));
        // The same URL with the password typed as is (SQLAlchemy accepts it
        // when it has no reserved characters).
        const QString typed = m_secrets.typedUrl(account);
        QString wrong = url;
        wrong.replace(m_role + QLatin1Char(':'), QStringLiteral("nobody_here:"));
        QString unreachable = url;
        unreachable.replace(QStringLiteral(":%1/").arg(account.secret.port()),
                            QStringLiteral(":1/"));
        const QString select = QStringLiteral("SELECT id, name FROM %1").arg(m_table);
        const QString exportPath = m_dir.filePath(QStringLiteral("export.csv"));

        for (const QString &target : {raw, typed}) {
            check({QStringLiteral("query"), target, select}, 0);
            check({QStringLiteral("query"), target, select, QStringLiteral("--format"),
                   QStringLiteral("json")},
                  0);
            check({QStringLiteral("query"), target, select, QStringLiteral("-o"), exportPath}, 0);
            QFile exported(exportPath);
            QVERIFY(exported.open(QIODevice::ReadOnly));
            QVERIFY(!m_secrets.shows(QString::fromUtf8(exported.readAll())));
            check({QStringLiteral("query"), target, QStringLiteral("SELECT * FROM no_such_table")},
                  2);
            check({QStringLiteral("query"), target,
                   QStringLiteral("INSERT INTO %1 VALUES (2, 'two')").arg(m_table)},
                  2); // no privilege
            check({QStringLiteral("query"), target,
                   QStringLiteral("INSERT INTO %1 VALUES (2, 'two')").arg(m_table),
                   QStringLiteral("--read-only")},
                  2);
            check({QStringLiteral("sessions"), target}, 0);
            check({QStringLiteral("sessions"), target, QStringLiteral("--format"),
                   QStringLiteral("json")},
                  0);
            check({QStringLiteral("schema"), target}, 0);
            check({QStringLiteral("schema"), target, QStringLiteral("--format"),
                   QStringLiteral("json")},
                  0);
            check({QStringLiteral("binds"), QStringLiteral("--bind"),
                   QStringLiteral("main=") + target},
                  0);
            check({QStringLiteral("query"), QStringLiteral("main"), select,
                   QStringLiteral("--bind"), QStringLiteral("main=") + target},
                  0);
            check({QStringLiteral("binds")}, 0,
                  {{QStringLiteral("SQLALCHEMY_DATABASE_URI"), target}});
            check({QStringLiteral("query"), QStringLiteral("default"), select}, 0,
                  {{QStringLiteral("SQLALCHEMY_DATABASE_URI"), target}});
        }
        // Wrong user (so the password is wrong for it), nothing listening.
        for (const QString &bad : {wrong, unreachable}) {
            check({QStringLiteral("query"), bad, select}, 2);
            check({QStringLiteral("sessions"), bad}, 2);
            check({QStringLiteral("schema"), bad}, 2);
        }
        // URLs that do not even parse, with the password in them.
        const QStringList broken = {
            typed.left(typed.lastIndexOf(QLatin1Char(':'))) + QStringLiteral(":notaport/db"),
            QStringLiteral("nosuchdialect://%1:%2@127.0.0.1/db").arg(m_role, kSecret),
            QStringLiteral("%1://%2:%3@[::1/db").arg(account.secret.backend(), m_role, kSecret),
            QStringLiteral("%1://%2@127.0.0.1:1/db?password=%3")
                .arg(account.secret.backend(), m_role, kSecret),
            QStringLiteral("%1:/%2:%3@127.0.0.1/db").arg(account.secret.backend(), m_role, kSecret),
        };
        for (const QString &bad : broken) {
            const Run run = poolscope({QStringLiteral("query"), bad, select});
            ++runs;
            QVERIFY2(run.exit == 1 || run.exit == 2, qPrintable(run.err));
            QVERIFY2(!m_secrets.shows(run.out + run.err),
                     qPrintable(QString(bad).replace(kSecret, QStringLiteral("<pw>")) +
                                QStringLiteral(": ") + run.err));
            check({QStringLiteral("binds"), QStringLiteral("--bind"), QStringLiteral("x=") + bad},
                  -1);
        }
        // Configuration files that hold the password: fine ones and broken ones.
        const QStringList configs = {
            write(QStringLiteral("binds.json"),
                  QStringLiteral("{\"default\": \"%1\", \"other\": {\"url\": \"%1\", "
                                 "\"pool_size\": 2}}")
                      .arg(typed)),
            write(QStringLiteral("config.py"),
                  QStringLiteral("SQLALCHEMY_DATABASE_URI = \"%1\"\n"
                                 "SQLALCHEMY_BINDS = {\"other\": \"%1\"}\n"
                                 "SQLALCHEMY_ENGINE_OPTIONS = {\"echo_pool\": True}\n")
                      .arg(typed)),
            write(QStringLiteral("app.env"),
                  QStringLiteral("SQLALCHEMY_DATABASE_URI=%1\n").arg(typed)),
        };
        for (const QString &config : configs) {
            check({QStringLiteral("binds"), QStringLiteral("--config"), config}, 0);
            check({QStringLiteral("query"), QStringLiteral("default"), select,
                   QStringLiteral("--config"), config},
                  0);
        }
        const QStringList brokenConfigs = {
            write(QStringLiteral("broken.json"),
                  QStringLiteral("{\"default\": \"%1\",, }").arg(typed)),
            write(QStringLiteral("broken.py"),
                  QStringLiteral("SQLALCHEMY_DATABASE_URI = \"%1\" + suffix\n"
                                 "SQLALCHEMY_BINDS = {\"x\": \"%1\"\n")
                      .arg(typed)),
            write(QStringLiteral("computed.py"),
                  QStringLiteral("SQLALCHEMY_DATABASE_URI = os.environ.get(\"X\", \"%1\")\n"
                                 "SQLALCHEMY_BINDS = {\"other\": f\"%1\"}\n")
                      .arg(typed)),
            write(QStringLiteral("broken.env"),
                  QStringLiteral("SQLALCHEMY_DATABASE_URI=\"%1\n").arg(typed)),
            write(QStringLiteral("badurl.json"),
                  QStringLiteral("{\"default\": \"%1\"}").arg(broken.first())),
        };
        for (const QString &config : brokenConfigs) {
            for (const QString &command : {QStringLiteral("binds"), QStringLiteral("query")}) {
                QStringList arguments{command};
                if (command == QLatin1String("query"))
                    arguments << QStringLiteral("default") << select;
                arguments << QStringLiteral("--config") << config;
                const Run run = poolscope(arguments);
                ++runs;
                QVERIFY2(!m_secrets.shows(run.out + run.err),
                         qPrintable(
                             QFileInfo(config).fileName() + QStringLiteral(": ") +
                             QString(run.out + run.err).replace(kSecret, QStringLiteral("<pw>"))));
            }
        }
    }
    qInfo("%d runs of the command line", runs);
}

void TestSecrets::addBindThroughDialog(MainWindow *window, const QString &name,
                                       const Account &account, bool byFields,
                                       const QString &password)
{
    bool handled = false;
    QString outcome;
    whenModal<ConnectionDialog>(this, [&](ConnectionDialog *dialog) {
        typeInto(dialog->nameEdit(), name);
        if (byFields) {
            childWithText<QRadioButton>(dialog, QStringLiteral("By fields"))->click();
            auto *type =
                qobject_cast<QComboBox *>(fieldOf(dialog, QStringLiteral("Database type:")));
            type->setCurrentIndex(type->findData(account.dialect == Dialect::PostgreSQL
                                                     ? QStringLiteral("postgresql")
                                                     : QStringLiteral("mysql")));
            typeInto(qobject_cast<QLineEdit *>(fieldOf(dialog, QStringLiteral("Host:"))),
                     account.secret.host());
            qobject_cast<QSpinBox *>(fieldOf(dialog, QStringLiteral("Port:")))
                ->setValue(account.secret.port());
            typeInto(
                qobject_cast<QLineEdit *>(fieldOf(dialog, QStringLiteral("Database or file:"))),
                account.secret.database());
            typeInto(qobject_cast<QLineEdit *>(fieldOf(dialog, QStringLiteral("User:"))), m_role);
            typeInto(qobject_cast<QLineEdit *>(fieldOf(dialog, QStringLiteral("Password:"))),
                     password);
        } else {
            Url url = account.secret;
            url.setPassword(password);
            typeInto(dialog->urlEdit(), url.render(false));
        }
        auto *remember = childWithText<QCheckBox>(
            dialog, QStringLiteral("Remember the password in the system keychain"));
        if (remember && !remember->isChecked())
            remember->click();
        // Clicked with the mouse: the URL field loses the focus, as with a person.
        QTest::mouseClick(childWithText<QPushButton>(dialog, QStringLiteral("Test Connection")),
                          Qt::LeftButton);
        testsupport::waitUntil(
            [&] { return !dialog->testOutcome().startsWith(QLatin1String("Connecting")); }, 20000);
        outcome = dialog->testOutcome();
        // The dialog is on screen with everything typed in: look at it.
        const QStringList found = m_secrets.showing(screenTexts());
        if (!found.isEmpty())
            outcome += QStringLiteral(" LEAK: ") + found.join(QStringLiteral(" | "));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        handled = true;
        return true;
    });
    menuAction(window, QStringLiteral("Add Bind…"))->trigger();
    QVERIFY(testsupport::waitUntil([&] { return handled; }));
    QVERIFY2(!outcome.contains(QLatin1String("LEAK")),
             qPrintable(outcome.replace(kSecret, QStringLiteral("<pw>"))));
    if (password == kSecret)
        QVERIFY2(outcome.startsWith(QLatin1String("Connected")), qPrintable(outcome));
    else
        QVERIFY2(outcome.contains(QLatin1String("Cannot connect")), qPrintable(outcome));
}

void TestSecrets::guiNeverShowsThePassword()
{
    QVERIFY(m_accounts.size() == 2);
    const QString settingsPath = m_dir.filePath(QStringLiteral("settings.ini"));
    const QString exportPath = m_dir.filePath(QStringLiteral("gui-export.csv"));
    QStringList bindNames;
    QStringList seen; // everything looked at, checked at the end

    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        Workspace workspace;
        workspace.eventLog()->setEcho(true); // every pool event into the log too
        MainWindow window(&workspace, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < m_accounts.size(); ++i) {
            const Account &account = m_accounts.at(i);
            const QString name = testsupport::uniqueBindName(QStringLiteral("pw"));
            bindNames << name;
            // PostgreSQL typed as a URL, MariaDB field by field.
            addBindThroughDialog(&window, name, account, i == 1, kSecret);
            Engine *engine = workspace.engine(name);
            QVERIFY(engine);
            SessionTab *tab = window.currentSessionTab();
            QVERIFY(tab && tab->engine() == engine);
            seen << screenTexts();

            tab->runText(QStringLiteral("SELECT id, name FROM %1").arg(m_table));
            QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
            QVERIFY2(tab->resultModel()->rowCount() == 1, qPrintable(tab->messages()));
            // Errors: a missing table, a missing privilege.
            tab->runText(QStringLiteral("SELECT * FROM no_such_table"));
            QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
            tab->runText(QStringLiteral("INSERT INTO %1 VALUES (2, 'two')").arg(m_table));
            QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
            QVERIFY2(tab->messages().count(QLatin1String("] ")) >= 3, qPrintable(tab->messages()));
            seen << screenTexts();

            // Export, through the dialog.
            tab->runText(QStringLiteral("SELECT id, name FROM %1").arg(m_table));
            QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
            QString exportOutcome;
            whenModal<ExportDialog>(this, [&](ExportDialog *dialog) {
                typeInto(dialog->pathEdit(), exportPath);
                dialog->rerunButton()->click();
                childWithText<QPushButton>(dialog, QStringLiteral("Export"))->click();
                testsupport::waitUntil([&] { return !dialog->isRunning(); }, 20000);
                exportOutcome = dialog->outcome();
                seen << screenTexts();
                dialog->reject();
                return true;
            });
            QAction *exportAction = nullptr;
            for (QAction *action : tab->findChildren<QAction *>()) {
                if (withoutMnemonic(action->text()) == QStringLiteral("Export…"))
                    exportAction = action;
            }
            QVERIFY(exportAction);
            exportAction->trigger();
            QVERIFY2(exportOutcome.startsWith(QLatin1String("Exported 1 row")),
                     qPrintable(exportOutcome));
            QFile exported(exportPath);
            QVERIFY(exported.open(QIODevice::ReadOnly));
            QVERIFY(!m_secrets.shows(QString::fromUtf8(exported.readAll())));

            // Editing the bind shows its URL again: not the password.
            ConnectionDialog edit(QStringList(), workspace.reaper(), &window);
            edit.setBind(engine->bind());
            edit.show();
            seen << screenTexts();
            QVERIFY2(!m_secrets.shows(edit.urlEdit()->text()),
                     qPrintable(QStringLiteral("the edit dialog shows the password")));
            // Accepting it unchanged keeps the password that was given.
            edit.accept();
            QCOMPARE(edit.bind().url.password(), kSecret);
        }
        // A bind with a wrong password: the failure shows, the password does not.
        const QString wrongName = testsupport::uniqueBindName(QStringLiteral("wrongpw"));
        addBindThroughDialog(&window, wrongName, m_accounts.first(), false,
                             kSecret + QStringLiteral("x"));
        SessionTab *wrongTab = window.currentSessionTab();
        wrongTab->runText(QStringLiteral("SELECT 1"));
        QVERIFY(testsupport::waitUntil([&] { return !wrongTab->session()->isBusy(); }, 20000));
        QVERIFY2(wrongTab->messages().contains(QLatin1String("Cannot connect")),
                 qPrintable(wrongTab->messages()));
        seen << screenTexts() << workspace.eventLog()->echoText();
        window.close();
    }

    // The settings file: the binds are there and know they need a password;
    // the password is not.
    {
        QFile file(settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString ini = QString::fromUtf8(file.readAll());
        QVERIFY2(!m_secrets.shows(ini), qPrintable(ini));
        for (const QString &name : std::as_const(bindNames))
            QVERIFY2(ini.contains(name), qPrintable(ini));
        QSettings settings(settingsPath, QSettings::IniFormat);
        const int size = settings.beginReadArray(QStringLiteral("binds"));
        int needing = 0;
        for (int i = 0; i < size; ++i) {
            settings.setArrayIndex(i);
            needing += settings.value(QStringLiteral("needs_password")).toBool() ? 1 : 0;
        }
        settings.endArray();
        QCOMPARE(needing, 3);
    }

    // Start again from the same settings: with no keychain, poolscope asks for
    // each password; the person types it.
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        Workspace workspace;
        workspace.eventLog()->setEcho(true);
        MainWindow window(&workspace, &settings);
        window.show();
        int asked = 0;
        QStringList prompts;
        auto *poll = new QTimer(&window);
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog || dialog->property("answered").toBool())
                return;
            dialog->setProperty("answered", true);
            ++asked;
            prompts << dialog->labelText() << dialog->windowTitle();
            auto *edit = dialog->findChild<QLineEdit *>();
            QTest::keyClicks(edit, kSecret);
            seen << screenTexts();
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        poll->start();
        bool restored = false;
        connect(&window, &MainWindow::bindsRestored, this, [&] { restored = true; });
        window.restoreBinds();
        QVERIFY(testsupport::waitUntil([&] { return restored; }, 30000));
        poll->stop();
        QCOMPARE(asked, 3);
        QVERIFY2(prompts.join(QLatin1Char(' ')).contains(bindNames.first()),
                 qPrintable(prompts.join(QLatin1Char(' '))));
        seen << prompts;
        // The password typed at the prompt is the one used.
        for (const QString &name : std::as_const(bindNames)) {
            Engine *engine = workspace.engine(name);
            QVERIFY(engine);
            SessionTab *tab = window.newSessionTab(engine);
            tab->runText(QStringLiteral("SELECT id, name FROM %1").arg(m_table));
            QVERIFY(testsupport::waitUntil([&] { return !tab->session()->isBusy(); }, 20000));
            QVERIFY2(tab->resultModel()->rowCount() == 1, qPrintable(tab->messages()));
        }
        seen << screenTexts() << workspace.eventLog()->echoText();
        window.close();
    }

    const QStringList found = m_secrets.showing(seen);
    QVERIFY2(
        found.isEmpty(),
        qPrintable(QStringLiteral("shown: ") +
                   found.join(QStringLiteral(" | ")).replace(kSecret, QStringLiteral("<pw>"))));
    QMutexLocker locker(&logMutex);
    const QStringList logged = m_secrets.showing(capturedLog);
    QVERIFY2(logged.isEmpty(),
             qPrintable(QStringLiteral("logged: ") +
                        logged.join(QLatin1Char('\n')).replace(kSecret, QStringLiteral("<pw>"))));
}

QTEST_MAIN(TestSecrets)
#include "tst_secrets.moc"

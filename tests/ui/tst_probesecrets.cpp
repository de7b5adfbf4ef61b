// A probed application's password never shows (docs/probe.md): a real Python
// program with poolscope_probe holds connections to real PostgreSQL and
// MariaDB servers as an account with a known password. The password is in
// the program's command line (a URL), in connect_args, in the source lines
// that take the connections (a URL and a bare literal) and in its
// environment. The test looks for it in every line the probe sends, in
// `poolscope apps` and `poolscope sessions` (whose origins name the program
// and its code), in everything the main window shows of the application
// (the Applications tree with its tooltips, the pool monitor) and in every
// log message.
#include "core/apps/appmonitor.h"
#include "core/pool/workspace.h"
#include "tests/support/secretaccounts.h"
#include "tests/support/testsupport.h"
#include "tests/ui/widgetdriver.h"
#include "ui/bindsdock.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace testsupport;

namespace {

const QString kSecret = QStringLiteral("Zq7-Probe-Pw!");

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

// Everything a reader of the probe's socket gets in about a second, as raw bytes.
QByteArray readProbeSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return QByteArray();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    if (size_t(name.size()) >= sizeof(address.sun_path)) {
        ::close(fd);
        return QByteArray();
    }
    memcpy(address.sun_path, name.constData(), size_t(name.size()));
    QByteArray all;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0) {
        timeval wait{0, 200 * 1000};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
        QDeadlineTimer deadline(1500);
        char buffer[65536];
        while (!deadline.hasExpired()) {
            const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
            if (got == 0)
                break;
            if (got > 0)
                all.append(buffer, got);
        }
    }
    ::close(fd);
    return all;
}

} // namespace

class TestProbeSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void probedAppNeverShowsThePassword();

private:
    QString writeApp();
    ProgramRun poolscope(const QStringList &arguments);
    void checkShown(const QString &where, const QString &text);

    SecretAccounts m_secrets{kSecret};
    QTemporaryDir m_dir;
    QString m_probeDir;
};

void TestProbeSecrets::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureMessage);
    QLoggingCategory::setFilterRules(QStringLiteral("poolscope.*=true\nqt.qpa.*=false"));
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, pgUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, myUrl);
    QVERIFY2(m_secrets.create(QStringLiteral("probesecret"), {pgUrl, myUrl}),
             qPrintable(m_secrets.error()));
    m_probeDir = m_dir.filePath(QStringLiteral("probes"));
    // The main window's monitor finds probes where the probe puts them.
    qputenv("POOLSCOPE_PROBE_DIR", QFile::encodeName(m_probeDir));
}

void TestProbeSecrets::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QMutexLocker locker(&logMutex);
    const QStringList logged = m_secrets.showing(capturedLog);
    QVERIFY2(logged.isEmpty(), qPrintable(QStringLiteral("logged: ") +
                                          m_secrets.masked(logged.join(QLatin1Char('\n')))));
}

// The program a careless developer might write: the password in a URL on the
// command line, in connect_args, and written into the lines that take the
// connections.
QString TestProbeSecrets::writeApp()
{
    const SecretAccount &pg = m_secrets.accounts().at(0);
    const QString source =
        QStringLiteral("import os\n"
                       "import sys\n"
                       "import poolscope_probe\n"
                       "poolscope_probe.attach()\n"
                       "from sqlalchemy import create_engine, text\n"
                       "\n"
                       "\n"
                       "def main():\n"
                       "    pg = create_engine(sys.argv[1], pool_size=2)\n"
                       "    my = create_engine(sys.argv[2], connect_args={'password': "
                       "os.environ['APP_DB_PASSWORD']})\n"
                       "    held = [pg.connect(), my.connect()]  # the password is %1\n"
                       "    held.append(create_engine('%2').connect())\n"
                       "    for connection in held:\n"
                       "        connection.execute(text('SELECT 1'))\n"
                       "    print('ready', flush=True)\n"
                       "    sys.stdin.readline()\n"
                       "\n"
                       "\n"
                       "main()\n")
            .arg(kSecret, m_secrets.typedUrl(pg, QStringLiteral("postgresql+psycopg2")));
    QFile file(m_dir.filePath(QStringLiteral("careless_app.py")));
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(source.toUtf8());
    return file.fileName();
}

ProgramRun TestProbeSecrets::poolscope(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("poolscope.*=true"));
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), m_probeDir);
    return runProgram(QStringLiteral(POOLSCOPE_BINARY), arguments, environment, 60000,
                      m_dir.path());
}

void TestProbeSecrets::checkShown(const QString &where, const QString &text)
{
    QVERIFY2(!m_secrets.shows(text),
             qPrintable(where + QStringLiteral(": ") + m_secrets.masked(text)));
}

void TestProbeSecrets::probedAppNeverShowsThePassword()
{
    QCOMPARE(m_secrets.accounts().size(), 2);
    const SecretAccount &pg = m_secrets.accounts().at(0);
    const SecretAccount &my = m_secrets.accounts().at(1);
    const QString app = writeApp();
    QVERIFY(!app.isEmpty());
    QString myUrl = my.secret.render(false);
    myUrl.replace(
        QStringLiteral(":%1@").arg(QString::fromLatin1(kSecret.toUtf8().toPercentEncoding())),
        QStringLiteral("@"));
    myUrl.replace(0, myUrl.indexOf(QLatin1String("://")), QStringLiteral("mysql+pymysql"));
    QVERIFY(!m_secrets.shows(myUrl));

    QProcess program;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(POOLSCOPE_PROBE_PATH));
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), m_probeDir);
    environment.insert(QStringLiteral("APP_DB_PASSWORD"), kSecret);
    program.setProcessEnvironment(environment);
    program.start(QStringLiteral("/usr/bin/python3"),
                  {app, m_secrets.typedUrl(pg, QStringLiteral("postgresql+psycopg2")), myUrl});
    QVERIFY(program.waitForStarted(10000));
    QVERIFY2(
        waitUntil([&] { return program.canReadLine() || program.state() != QProcess::Running; },
                  30000) &&
            program.readLine().startsWith("ready"),
        program.readAllStandardError().constData());
    auto stop = qScopeGuard([&] {
        program.write("\n");
        program.waitForFinished(10000);
    });

    // What the probe sends, line by line.
    const QByteArray raw =
        readProbeSocket(m_probeDir + QStringLiteral("/%1.sock").arg(program.processId()));
    QVERIFY2(raw.contains("\"type\":\"snapshot\"") && raw.contains("careless_app.py"),
             raw.left(2000).constData());
    checkShown(QStringLiteral("the probe's socket"), QString::fromUtf8(raw));

    // The command line: the apps and the server sessions they hold, with their code.
    for (const QString &format : {QStringLiteral("table"), QStringLiteral("json")}) {
        const ProgramRun apps =
            poolscope({QStringLiteral("apps"), QStringLiteral("--format"), format,
                       QStringLiteral("--leak-threshold"), QStringLiteral("0")});
        QCOMPARE(apps.exit, 0);
        QVERIFY2(apps.out.contains("careless_app.py"), apps.out.constData());
        checkShown(QStringLiteral("apps --format ") + format,
                   QString::fromUtf8(apps.out + apps.err));
        for (const SecretAccount &account : m_secrets.accounts()) {
            const ProgramRun sessions =
                poolscope({QStringLiteral("sessions"), account.admin.render(false),
                           QStringLiteral("--format"), format});
            QCOMPARE(sessions.exit, 0);
            QVERIFY2(sessions.out.contains("careless_app.py"), sessions.out.constData());
            checkShown(QStringLiteral("sessions --format ") + format,
                       QString::fromUtf8(sessions.out + sessions.err));
        }
    }

    // The main window: the Applications tree (rows and tooltips) and the pool monitor.
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    MainWindow window(&workspace, &settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModel *tree = window.bindsDock()->appsTree()->model();
    QVERIFY2(waitUntil([&] {
                 return widgetdriver::screenTexts()
                     .join(QLatin1Char('\n'))
                     .contains(QLatin1String("careless_app.py"));
             }),
             "the probed program never showed");
    QVERIFY(tree->rowCount() >= 1);
    window.bindsDock()->appsTree()->expandAll();
    QTest::qWait(500);
    checkShown(QStringLiteral("the main window"),
               widgetdriver::screenTexts().join(QLatin1Char('\n')));
    window.close();
}

QTEST_MAIN(TestProbeSecrets)
#include "tst_probesecrets.moc"

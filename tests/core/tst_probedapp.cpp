// The acceptance test of probed applications (docs/probe.md): the leaky
// Flask-SQLAlchemy app of tests/leakyapp under Debian's gunicorn with two
// workers, started through the probe with no change to the app. poolscope
// must show both workers' pools per bind, flag exactly the connections the
// leaky code holds with its file and line, leave the well-behaved bind alone,
// and drop the app within 2 s of it exiting.
#include "core/apps/appmonitor.h"
#include "tests/support/testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

const ProbeMessage::Engine *engineOf(const AppProcess &process, const QString &bind)
{
    for (const ProbeMessage::Engine &engine : process.engines) {
        if (engine.bind == bind)
            return &engine;
    }
    return nullptr;
}

} // namespace

class TestProbedApp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gunicornWorkersShowTheLeakingLine_data();
    void gunicornWorkersShowTheLeakingLine();

private:
    QJsonArray drive(const QString &base, const QStringList &paths, QString *error);
};

QJsonArray TestProbedApp::drive(const QString &base, const QStringList &paths, QString *error)
{
    const ProgramRun run =
        runProgram(QStringLiteral("/usr/bin/python3"),
                   QStringList{QFINDTESTDATA("../leakyapp/drive.py"), base} + paths);
    if (run.exit != 0) {
        *error = QString::fromUtf8(run.err);
        return {};
    }
    return QJsonDocument::fromJson(run.out).array();
}

void TestProbedApp::gunicornWorkersShowTheLeakingLine_data()
{
    QTest::addColumn<Dialect>("dialect");
    QTest::newRow("postgresql") << Dialect::PostgreSQL;
    QTest::newRow("mariadb") << Dialect::MySQL;
}

void TestProbedApp::gunicornWorkersShowTheLeakingLine()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString app = QFINDTESTDATA("../leakyapp/app.py");
    QVERIFY(!app.isEmpty());
    // The statement that first checks a connection out for a request.
    const int leakLine = lineOf(app, "return session.execute(text(PID_SQL)).scalar()");
    QVERIFY(leakLine > 0);

    const QString table = uniqueIdentifier(QStringLiteral("probed"));
    ServerProbe server(url);
    QVERIFY2(server.isOpen(), qPrintable(server.error()));
    QVERIFY2(createHitsTable(server, table), qPrintable(server.error()));

    QTemporaryDir folder;
    const int port = freePort();
    QVERIFY(port > 0);
    QProcess gunicorn;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(POOLSCOPE_PROBE_PATH));
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), folder.path());
    environment.insert(QStringLiteral("LEAKYAPP_URL"), url.render(false));
    environment.insert(QStringLiteral("LEAKYAPP_TABLE"), table);
    gunicorn.setProcessEnvironment(environment);
    gunicorn.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gunicorn.setProgram(QStringLiteral("/usr/bin/python3"));
    gunicorn.setArguments({QStringLiteral("-m"), QStringLiteral("poolscope_probe"),
                           QStringLiteral("--"), QStringLiteral("/usr/bin/gunicorn"),
                           QStringLiteral("-w"), QStringLiteral("2"), QStringLiteral("-b"),
                           QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--chdir"),
                           QFileInfo(app).absolutePath(), QStringLiteral("app:app")});
    gunicorn.start();
    QVERIFY(gunicorn.waitForStarted(10000));
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    QString error;
    QVERIFY2(waitUntil([&] { return !drive(base, {QStringLiteral("/good/1")}, &error).isEmpty(); },
                       30000),
             qPrintable(error));

    // Concurrent slow requests keep each worker busy in turn, so both leak.
    QStringList leaks;
    for (int id = 1001; id <= 1004; ++id)
        leaks << QStringLiteral("/leak/%1?pause=1").arg(id);
    const QJsonArray leaked = drive(base, leaks, &error);
    QVERIFY2(leaked.size() == 4, qPrintable(error));
    const QJsonArray good = drive(base,
                                  {QStringLiteral("/good/2"), QStringLiteral("/good/3"),
                                   QStringLiteral("/good/4"), QStringLiteral("/good/1")},
                                  &error);
    QVERIFY2(good.size() == 4, qPrintable(error));
    QSet<qint64> leakedServerIds, workers;
    for (const QJsonValue &answer : leaked) {
        leakedServerIds.insert(answer.toObject().value(QStringLiteral("pid")).toInteger());
        workers.insert(answer.toObject().value(QStringLiteral("worker")).toInteger());
    }
    QCOMPARE(workers.size(), 2);

    AppMonitor monitor(nullptr, folder.path());
    auto heldByLeaky = [&] {
        QSet<qint64> held;
        for (const AppProcess &process : monitor.processes()) {
            if (const ProbeMessage::Engine *engine = engineOf(process, QStringLiteral("leaky"))) {
                for (const ProbeMessage::Connection &connection : engine->connections) {
                    if (connection.checkedOut && connection.serverId)
                        held.insert(*connection.serverId);
                }
            }
        }
        return held;
    };
    QVERIFY2(
        waitUntil([&] { return monitor.allGreeted() && heldByLeaky() == leakedServerIds; }, 15000),
        "the probe never showed the leaked connections");
    QTest::qWait(1200); // past the threshold below

    const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    const double threshold = 1.0;
    QSet<qint64> flagged;
    QSet<qint64> processesWithPools;
    const QList<AppMonitor::App> apps = monitor.apps();
    QCOMPARE(apps.size(), 1); // master and both workers: one program
    for (const AppProcess &process : apps.first().processes) {
        const ProbeMessage::Engine *leaky = engineOf(process, QStringLiteral("leaky"));
        const ProbeMessage::Engine *fine = engineOf(process, QStringLiteral("default"));
        if (!leaky && !fine)
            continue; // gunicorn's master: the app runs in the workers
        QVERIFY(leaky && fine);
        processesWithPools.insert(process.pid());
        QCOMPARE(leaky->size, 5);
        QCOMPARE(leaky->maxOverflow, 10);
        QVERIFY2(!leaky->url.contains(url.password()), qPrintable(leaky->url));
        for (const ProbeMessage::Connection &connection : fine->connections)
            QVERIFY2(!AppProcess::isHeldTooLong(connection, now, threshold),
                     "a connection of the well-behaved bind is flagged");
        for (const ProbeMessage::Connection &connection : leaky->connections) {
            if (!AppProcess::isHeldTooLong(connection, now, threshold))
                continue;
            flagged.insert(connection.serverId.value_or(0));
            QVERIFY(!connection.stack.isEmpty());
            const ProbeMessage::Frame &innermost = connection.stack.first();
            QVERIFY2(innermost.file.endsWith(QLatin1String("leakyapp/app.py")),
                     qPrintable(innermost.file));
            QCOMPARE(innermost.line, leakLine);
        }
    }
    QCOMPARE(processesWithPools, workers);
    QCOMPARE(flagged, leakedServerIds);

    // The server's sessions of those connections name the app and the line.
    QProcessEnvironment cli = QProcessEnvironment::systemEnvironment();
    cli.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), folder.path());
    const ProgramRun sessions = runProgram(QStringLiteral(POOLSCOPE_BINARY),
                                           {QStringLiteral("sessions"), url.render(false),
                                            QStringLiteral("--format"), QStringLiteral("json")},
                                           cli);
    QCOMPARE(sessions.exit, 0);
    QVERIFY(!sessions.out.contains(url.password().toUtf8()));
    QSet<qint64> named;
    const QJsonArray listed = QJsonDocument::fromJson(sessions.out).array();
    for (const QJsonValue &value : listed) {
        const QJsonObject session = value.toObject();
        const QJsonObject origin = session.value(QStringLiteral("origin")).toObject();
        if (!leakedServerIds.contains(session.value(QStringLiteral("pid")).toInteger()))
            continue;
        QVERIFY2(origin.value(QStringLiteral("application"))
                     .toString()
                     .contains(QLatin1String("gunicorn")),
                 QJsonDocument(session).toJson().constData());
        QCOMPARE(origin.value(QStringLiteral("code")).toString(),
                 QStringLiteral("app.py:%1 in server_pid").arg(leakLine));
        QVERIFY(workers.contains(origin.value(QStringLiteral("pid")).toInteger()));
        named.insert(session.value(QStringLiteral("pid")).toInteger());
    }
    QCOMPARE(named, leakedServerIds);

    // The table says whether both workers' pools fit in max_connections.
    const ProgramRun listing = runProgram(QStringLiteral(POOLSCOPE_BINARY),
                                          {QStringLiteral("sessions"), url.render(false)}, cli);
    QVERIFY2(listing.out.contains("Capacity: max_connections "), listing.out.constData());
    QVERIFY2(listing.out.contains(" 2 × 15"), listing.out.constData()); // default bind and leaky

    // The app ends: gone from the picture within 2 s of its last process.
    gunicorn.terminate();
    QVERIFY(gunicorn.waitForFinished(15000));
    QElapsedTimer gone;
    gone.start();
    QVERIFY(waitUntil([&] { return monitor.processes().isEmpty(); }, 2000));
    QVERIFY(gone.elapsed() < 2000);
    QVERIFY(server.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

QTEST_GUILESS_MAIN(TestProbedApp)
#include "tst_probedapp.moc"

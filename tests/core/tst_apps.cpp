// Probed applications (core/apps/, docs/probe.md): the probe's JSON lines read
// into processes, engines and connections; hostile input dropped and counted;
// another user's socket refused; and the real probe in a real Python process,
// whose held connection shows the line of code that took it.
#include "core/apps/appmonitor.h"
#include "core/apps/apporigins.h"
#include "core/apps/appprocess.h"
#include "core/apps/probemessage.h"
#include "core/apps/probewatcher.h"
#include "core/apps/servercapacity.h"
#include "tests/core/probelines.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace testsupport;
using namespace probelines;

namespace {

// A probe's end of the socket, played by the test: it lets the test send
// exactly the bytes a broken or hostile probe could.
class FakeProbeSocket
{
public:
    explicit FakeProbeSocket(const QString &path)
    {
        m_listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(path);
        std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
        m_bound =
            ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
            ::listen(m_listener, 4) == 0;
    }
    ~FakeProbeSocket()
    {
        if (m_client >= 0)
            ::close(m_client);
        ::close(m_listener);
    }
    bool isListening() const { return m_bound; }
    // Waits for the watcher to connect (it scans every 500 ms).
    bool accept()
    {
        m_client = ::accept(m_listener, nullptr, nullptr);
        return m_client >= 0;
    }
    void send(const QByteArray &bytes)
    {
        qsizetype at = 0;
        while (at < bytes.size()) {
            const ssize_t sent =
                ::write(m_client, bytes.constData() + at, size_t(bytes.size() - at));
            if (sent <= 0)
                return;
            at += sent;
        }
    }
    void hangUp()
    {
        ::close(m_client);
        m_client = -1;
    }

private:
    int m_listener = -1;
    int m_client = -1;
    bool m_bound = false;
};

} // namespace

class TestApps final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryMessage();
    void refusesBadLines();
    void processFollowsEvents();
    void groupsWorkersOfOneApp();
    void originsNeedTheSameServer();
    void capacityAddsUpEveryPool();
    void watcherReadsAndDropsHostileInput();
    void refusesAnotherUsersSocket();
    void realProbeShowsTheHoldingLine();
    void appsCommandShowsTheHoldingLine();

private:
    QString startHolder(QProcess &holder, const QString &url, const QString &folder);
    int holdLine() const;
};

void TestApps::parsesEveryMessage()
{
    QString why;
    const auto greeting = ProbeMessage::parse(line(hello(4242)).trimmed(), &why);
    QVERIFY2(greeting, qPrintable(why));
    QCOMPARE(greeting->type, ProbeMessage::Type::Hello);
    QCOMPARE(greeting->hello.pid, 4242);
    QCOMPARE(greeting->hello.argv, (QStringList{QStringLiteral("shop"), QStringLiteral("-w")}));
    QJsonObject withUrl = hello(4242);
    withUrl.insert(QStringLiteral("argv"),
                   QJsonArray{QStringLiteral("app.py"),
                              QStringLiteral("postgresql://shop:Hunter-22@db/shop")});
    const auto hidden = ProbeMessage::parse(line(withUrl), &why);
    QVERIFY2(hidden, qPrintable(why));
    QCOMPARE(hidden->hello.argv.last(), QStringLiteral("postgresql://shop:***@db/shop"));

    const auto picture = ProbeMessage::parse(line(snapshot()), &why);
    QVERIFY2(picture, qPrintable(why));
    QCOMPARE(picture->engines.size(), 1);
    const ProbeMessage::Engine &engine = picture->engines.first();
    QCOMPARE(engine.bind, QStringLiteral("leaky"));
    QVERIFY(!engine.url.contains(QLatin1String("Hunter-22")));
    QCOMPARE(engine.size, 5);
    QCOMPARE(engine.connections.size(), 1);
    QCOMPARE(engine.connections.first().serverId, 777);
    QVERIFY(engine.connections.first().checkedOut);
    QCOMPARE(engine.connections.first().stack.first().location(),
             QStringLiteral("dao.py:42 in add"));

    const auto beat = ProbeMessage::parse(
        R"({"type": "heartbeat", "t": 5, "dropped": 12, "later_key": [1, {"x": null}]})", &why);
    QVERIFY2(beat, qPrintable(why)); // unknown keys are for later versions
    QCOMPARE(beat->dropped, 12);
}

void TestApps::refusesBadLines()
{
    const QList<QByteArray> bad{
        "",
        "not json",
        "[1, 2]",
        R"({"t": 1})",
        R"({"type": "teleport", "t": 1})",
        R"({"type": "heartbeat", "t": "soon"})",
        R"({"type": "hello", "t": 1, "protocol": 1, "pid": -5})",
        R"({"type": "hello", "t": 1, "protocol": 1, "pid": 1.5})",
        R"({"type": "pool", "t": 1, "event": "checkout"})",
        R"({"type": "snapshot", "t": 1, "engines": {}})",
        R"({"type": "snapshot", "t": 1, "engines": [{"id": "e", "connections": [{"id": "c", "state": "dancing"}]}]})",
        R"({"type": "pool", "t": 1, "engine": "e", "event": "checkout", "stack": "here"})",
        QByteArray(R"({"type": "bye", "t": 1, "pad": ")") + QByteArray(70000, 'x') + "\"}",
    };
    for (const QByteArray &text : bad) {
        QString why;
        QVERIFY2(!ProbeMessage::parse(text, &why), text.left(120).constData());
        QVERIFY2(!why.isEmpty(), text.left(120).constData());
    }
}

void TestApps::processFollowsEvents()
{
    AppProcess process;
    for (const QJsonObject &message :
         {hello(4242), snapshot(), poolEvent(QStringLiteral("connect"), QStringLiteral("c2"), 101),
          poolEvent(QStringLiteral("checkout"), QStringLiteral("c2"), 102),
          poolEvent(QStringLiteral("checkout"), QStringLiteral("nobody"), 102)})
        process.apply(*ProbeMessage::parse(line(message), nullptr));
    QVERIFY(process.greeted);
    const ProbeMessage::Engine *engine = process.engine(QStringLiteral("e1"));
    QVERIFY(engine);
    QCOMPARE(engine->connections.size(), 2);
    const ProbeMessage::Connection &fresh = engine->connections.at(1);
    QCOMPARE(fresh.serverId, 778);
    QVERIFY(fresh.checkedOut);
    QVERIFY(!AppProcess::isHeldTooLong(fresh, 110, 30));
    QVERIFY(AppProcess::isHeldTooLong(fresh, 140, 30));

    process.apply(*ProbeMessage::parse(
        line(poolEvent(QStringLiteral("gc"), QStringLiteral("c1"), 103)), nullptr));
    QCOMPARE(process.collected.size(), 1);
    QCOMPARE(process.collected.first().stack.first().line, 42); // the checkout's stack
    process.apply(*ProbeMessage::parse(
        line(poolEvent(QStringLiteral("checkin"), QStringLiteral("c2"), 104)), nullptr));
    QVERIFY(!process.engine(QStringLiteral("e1"))->connections.at(1).checkedOut);
    process.apply(*ProbeMessage::parse(
        line(poolEvent(QStringLiteral("close"), QStringLiteral("c2"), 105)), nullptr));
    QCOMPARE(process.engine(QStringLiteral("e1"))->connections.size(), 1);
    // An event for an engine the process never announced changes nothing.
    QJsonObject stray = poolEvent(QStringLiteral("connect"), QStringLiteral("c9"), 106);
    stray.insert(QStringLiteral("engine"), QStringLiteral("e7"));
    process.apply(*ProbeMessage::parse(line(stray), nullptr));
    QCOMPARE(process.engines.size(), 1);
}

void TestApps::groupsWorkersOfOneApp()
{
    QList<AppProcess> processes;
    for (const qint64 pid : {11, 12, 13}) {
        AppProcess process;
        QJsonObject greeting = hello(pid);
        if (pid == 13)
            greeting.insert(QStringLiteral("cwd"), QStringLiteral("/srv/other"));
        process.apply(*ProbeMessage::parse(line(greeting), nullptr));
        processes.append(process);
    }
    const QList<AppMonitor::App> apps = AppMonitor::group(processes);
    QCOMPARE(apps.size(), 2);
    QCOMPARE(apps.first().processes.size(), 2);
    QCOMPARE(apps.first().title(), QStringLiteral("shop -w"));
}

void TestApps::originsNeedTheSameServer()
{
    const Url server = *Url::parse(QStringLiteral("postgresql://me:pw@127.0.0.1:5432/shop"));
    QVERIFY(AppOrigins::sameServer(QStringLiteral("postgresql+psycopg2://shop:***@localhost/shop"),
                                   server));
    QVERIFY(AppOrigins::sameServer(QStringLiteral("postgresql://shop:***@/shop"), server));
    QVERIFY(!AppOrigins::sameServer(QStringLiteral("postgresql://shop:***@127.0.0.1:6432/shop"),
                                    server));
    QVERIFY(
        !AppOrigins::sameServer(QStringLiteral("mysql://shop:***@127.0.0.1:5432/shop"), server));
    QVERIFY(
        !AppOrigins::sameServer(QStringLiteral("postgresql://shop:***@db.example/shop"), server));

    AppProcess process;
    process.apply(*ProbeMessage::parse(line(hello(4242)), nullptr));
    QJsonObject picture = snapshot();
    QJsonArray engines = picture.value(QStringLiteral("engines")).toArray();
    QJsonObject engine = engines.first().toObject();
    engine.insert(QStringLiteral("url"), QStringLiteral("postgresql://shop:***@127.0.0.1/shop"));
    picture.insert(QStringLiteral("engines"), QJsonArray{engine});
    process.apply(*ProbeMessage::parse(line(picture), nullptr));
    ServerSessionSnapshot sessions;
    ServerSession held;
    held.pid = 777;
    held.database = QStringLiteral("shop");
    ServerSession elsewhere = held;
    elsewhere.database = QStringLiteral("other"); // same id, another database: not ours
    ServerSession stranger;
    stranger.pid = 778;
    sessions.sessions = {held, elsewhere, stranger};
    AppOrigins::attach(sessions, server, {process});
    QVERIFY(sessions.sessions.at(0).origin);
    QCOMPARE(sessions.sessions.at(0).origin->pid, 4242);
    QCOMPARE(sessions.sessions.at(0).origin->application, QStringLiteral("shop -w"));
    QCOMPARE(sessions.sessions.at(0).origin->code, QStringLiteral("dao.py:42 in add"));
    QVERIFY(!sessions.sessions.at(1).origin);
    QVERIFY(!sessions.sessions.at(2).origin);
}

void TestApps::capacityAddsUpEveryPool()
{
    const Url server = *Url::parse(QStringLiteral("postgresql://me:pw@127.0.0.1:5432/shop"));
    auto worker = [](qint64 pid, const QString &url, const QString &poolClass) {
        AppProcess process;
        process.apply(*ProbeMessage::parse(line(hello(pid)), nullptr));
        QJsonObject picture = snapshot();
        QJsonObject engine = picture.value(QStringLiteral("engines")).toArray().first().toObject();
        engine.insert(QStringLiteral("url"), url);
        QJsonObject pool = engine.value(QStringLiteral("pool")).toObject();
        pool.insert(QStringLiteral("class"), poolClass);
        engine.insert(QStringLiteral("pool"), pool);
        picture.insert(QStringLiteral("engines"), QJsonArray{engine});
        process.apply(*ProbeMessage::parse(line(picture), nullptr));
        return process;
    };
    const QString here = QStringLiteral("postgresql://shop:***@localhost/shop");
    const QList<AppProcess> workers{
        worker(11, here, QStringLiteral("QueuePool")),
        worker(12, here, QStringLiteral("QueuePool")),
        worker(13, QStringLiteral("postgresql://s:***@elsewhere/x"), QStringLiteral("NullPool"))};
    Bind ours;
    ours.name = QStringLiteral("reports");
    ours.url = server;
    ours.options.poolSize = 3;
    ours.options.maxOverflow = 2;

    ServerCapacity roomy(100, 3);
    roomy.addBinds({ours}, server);
    roomy.addApps(workers, server);
    QCOMPARE(roomy.claims().size(), 2); // the other server's worker does not count
    QCOMPARE(roomy.claims().at(1).processes, 2);
    QCOMPARE(roomy.available(), 97);
    QCOMPARE(roomy.demand(), 5 + 2 * 15);
    QVERIFY(!roomy.canExceed());
    QVERIFY2(roomy.describe().contains(QStringLiteral("shop -w (leaky) 2 × 15")),
             qPrintable(roomy.describe()));
    QVERIFY2(roomy.describe().endsWith(QLatin1String("(fits)")), qPrintable(roomy.describe()));

    ServerCapacity tight(30, 3);
    tight.addBinds({ours}, server);
    tight.addApps(workers, server);
    QVERIFY(tight.canExceed());
    QVERIFY(tight.describe().contains(QLatin1String("CAN EXCEED")));

    // A pool with no limit can always exceed it.
    ServerCapacity open(1000, 0);
    open.addApps({worker(14, here, QStringLiteral("NullPool"))}, server);
    QVERIFY(!open.demand());
    QVERIFY(open.canExceed());
}

void TestApps::watcherReadsAndDropsHostileInput()
{
    QTemporaryDir folder;
    const qint64 pid = ::getpid(); // a process that exists, so the socket is not stale
    FakeProbeSocket probe(folder.filePath(QStringLiteral("%1.sock").arg(pid)));
    QVERIFY(probe.isListening());
    AppMonitor monitor(nullptr, folder.path());
    QVERIFY(probe.accept());
    probe.send(line(hello(pid)) + line(snapshot()));
    // Split inside a line, an oversized line, garbage, then a good line.
    const QByteArray event = line(poolEvent(QStringLiteral("connect"), QStringLiteral("c2"), 101));
    probe.send(event.left(10));
    probe.send(event.mid(10) + "garbage\n" + QByteArray(200000, 'x') + "\n{\"type\": 7}\n");
    probe.send(line(poolEvent(QStringLiteral("checkout"), QStringLiteral("c2"), 102)));
    QVERIFY(waitUntil([&] {
        const auto processes = monitor.processes();
        return processes.size() == 1 && processes.first().engines.size() == 1 &&
               processes.first().engines.first().connections.size() == 2 &&
               processes.first().engines.first().connections.at(1).checkedOut;
    }));
    QCOMPARE(monitor.processes().first().malformed, 3);
    QVERIFY(monitor.allGreeted());

    // Gone within a publish once the probe hangs up, not after a timeout.
    probe.hangUp();
    QElapsedTimer gone;
    gone.start();
    QVERIFY(waitUntil([&] { return monitor.processes().isEmpty(); }, 2000));
    QVERIFY(gone.elapsed() < 2000);
}

void TestApps::refusesAnotherUsersSocket()
{
    QTemporaryDir folder;
    FakeProbeSocket probe(folder.filePath(QStringLiteral("%1.sock").arg(::getpid())));
    QVERIFY(probe.isListening());
    // The socket's process is this test, of this user; the watcher is told to
    // trust only another uid, as if the socket were a stranger's.
    ProbeWatcher watcher(folder.path());
    watcher.setTrustedUid(::getuid() + 1);
    QSignalSpy refused(&watcher, &ProbeWatcher::refused);
    QSignalSpy updated(&watcher, &ProbeWatcher::updated);
    watcher.start();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(1).toUInt(), ::getuid());
    QVERIFY(updated.size() >= 1);
    QVERIFY(updated.last().first().value<QList<AppProcess>>().isEmpty());
}

int TestApps::holdLine() const
{
    return lineOf(QFINDTESTDATA("../probeapp/holder.py"), "HOLD-LINE");
}

QString TestApps::startHolder(QProcess &holder, const QString &url, const QString &folder)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(POOLSCOPE_PROBE_PATH));
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), folder);
    holder.setProcessEnvironment(environment);
    holder.setProgram(QStringLiteral("/usr/bin/python3"));
    holder.setArguments({QFINDTESTDATA("../probeapp/holder.py"), url});
    holder.start();
    if (!holder.waitForStarted(10000))
        return holder.errorString();
    if (!waitUntil([&] { return holder.canReadLine() || holder.state() != QProcess::Running; },
                   30000) ||
        !holder.readLine().startsWith("ready"))
        return QString::fromUtf8(holder.readAllStandardError());
    return QString();
}

void TestApps::realProbeShowsTheHoldingLine()
{
    QTemporaryDir folder;
    const QString database = folder.filePath(QStringLiteral("held.db"));
    QProcess holder;
    holder.setProcessChannelMode(QProcess::SeparateChannels);
    const QString failed =
        startHolder(holder, QStringLiteral("sqlite:///") + database, folder.path());
    QVERIFY2(failed.isEmpty(), qPrintable(failed));

    AppMonitor monitor(nullptr, folder.path());
    const int expectedLine = holdLine();
    QVERIFY(expectedLine > 0);
    QVERIFY2(waitUntil([&] {
                 const auto processes = monitor.processes();
                 if (processes.size() != 1 || !processes.first().greeted ||
                     processes.first().engines.isEmpty())
                     return false;
                 for (const ProbeMessage::Connection &connection :
                      processes.first().engines.first().connections) {
                     if (connection.checkedOut && !connection.stack.isEmpty())
                         return true;
                 }
                 return false;
             }),
             "the probe's held connection never showed");
    const AppProcess process = monitor.processes().first();
    QCOMPARE(process.pid(), holder.processId());
    const ProbeMessage::Engine &engine = process.engines.first();
    QCOMPARE(engine.dialect, QStringLiteral("sqlite"));
    QCOMPARE(engine.size, 2);
    QCOMPARE(engine.maxOverflow, 1);
    const ProbeMessage::Connection *held = nullptr;
    for (const ProbeMessage::Connection &connection : engine.connections) {
        if (connection.checkedOut)
            held = &connection;
    }
    QVERIFY(held);
    const ProbeMessage::Frame &innermost = held->stack.first();
    QVERIFY2(innermost.file.endsWith(QLatin1String("holder.py")), qPrintable(innermost.file));
    QCOMPARE(innermost.line, expectedLine);
    QCOMPARE(innermost.function, QStringLiteral("take"));

    // The program ends: gone from the picture within 2 s.
    holder.write("\n");
    QVERIFY(holder.waitForFinished(10000));
    QCOMPARE(holder.exitCode(), 0);
    QElapsedTimer gone;
    gone.start();
    QVERIFY(waitUntil([&] { return monitor.processes().isEmpty(); }, 2000));
    QVERIFY(gone.elapsed() < 2000);
}

void TestApps::appsCommandShowsTheHoldingLine()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    QTemporaryDir folder;
    QString sqlalchemy = url.render(false);
    sqlalchemy.replace(0, sqlalchemy.indexOf(QLatin1String("://")),
                       QStringLiteral("postgresql+psycopg2"));
    QProcess holder;
    const QString failed = startHolder(holder, sqlalchemy, folder.path());
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    const qint64 holderPid = holder.processId();

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("POOLSCOPE_PROBE_DIR"), folder.path());
    const ProgramRun run =
        runProgram(QStringLiteral(POOLSCOPE_BINARY),
                   {QStringLiteral("apps"), QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--leak-threshold"), QStringLiteral("0")},
                   environment);
    holder.write("\n");
    holder.waitForFinished(10000);
    QCOMPARE(run.exit, 0);
    QVERIFY2(!run.out.contains(url.password().toUtf8()), run.out.constData());
    const QJsonObject document = QJsonDocument::fromJson(run.out).object();
    const QJsonArray apps = document.value(QStringLiteral("apps")).toArray();
    QCOMPARE(apps.size(), 1);
    const QJsonObject process =
        apps.first().toObject().value(QStringLiteral("processes")).toArray().first().toObject();
    QCOMPARE(process.value(QStringLiteral("pid")).toInteger(), holderPid);
    const QJsonObject engine =
        process.value(QStringLiteral("engines")).toArray().first().toObject();
    QCOMPARE(engine.value(QStringLiteral("dialect")).toString(), QStringLiteral("postgresql"));
    bool found = false;
    for (const QJsonValue &value : engine.value(QStringLiteral("connections")).toArray()) {
        const QJsonObject connection = value.toObject();
        if (connection.value(QStringLiteral("state")).toString() != QLatin1String("checked_out"))
            continue;
        found = true;
        QVERIFY(connection.value(QStringLiteral("leaked")).toBool()); // threshold 0
        QCOMPARE(connection.value(QStringLiteral("code")).toString(),
                 QStringLiteral("holder.py:%1 in take").arg(holdLine()));
        QVERIFY(connection.value(QStringLiteral("server_id")).toInteger() > 0);
    }
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestApps)
#include "tst_apps.moc"

// The acceptance test of leak diagnosis: a real Flask-SQLAlchemy app
// (tests/leakyapp/app.py) with one bind used correctly and one that leaks a
// session per request, left idle in transaction. poolscope, reading through
// its own Engine and Session, must flag exactly the leaked sessions with the
// ages the app saw, leave the well-behaved ones alone, and end the leaked ones
// so that the server no longer has them and the app gets its errors.
#include "core/connection/connection.h"
#include "core/diagnosis/serversessionactions.h"
#include "core/diagnosis/serversessiongroups.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/diagnosis/suspectrules.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using testsupport::run;

namespace {

// The app as a child process, talked to one JSON line per command.
class LeakyApp final
{
public:
    LeakyApp(const Url &url, const QString &table)
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        m_process.setArguments({QFINDTESTDATA("../leakyapp/app.py")});
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LEAKYAPP_URL"), url.render(false));
        environment.insert(QStringLiteral("LEAKYAPP_TABLE"), table);
        m_process.setProcessEnvironment(environment);
        m_process.start();
    }
    ~LeakyApp()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool isRunning() { return m_process.waitForStarted(10000); }
    qint64 processId() const { return m_process.processId(); }

    QJsonObject command(const QString &line)
    {
        m_process.write(line.toUtf8() + '\n');
        QElapsedTimer clock;
        clock.start();
        while (!m_process.canReadLine()) {
            if (clock.elapsed() > 30000 || !m_process.waitForReadyRead(30000 - clock.elapsed())) {
                qWarning("leakyapp did not answer '%s': %s", qPrintable(line),
                         m_process.readAllStandardError().constData());
                return {};
            }
        }
        const QJsonObject reply = QJsonDocument::fromJson(m_process.readLine()).object();
        if (reply.contains(QLatin1String("error")))
            qWarning("leakyapp: %s", qPrintable(reply.value(QLatin1String("error")).toString()));
        return reply;
    }

    bool quit()
    {
        command(QStringLiteral("quit"));
        return m_process.waitForFinished(10000);
    }

private:
    QProcess m_process;
};

QSet<qint64> pidSet(const QJsonArray &array)
{
    QSet<qint64> pids;
    for (const QJsonValue &value : array)
        pids.insert(value.toInteger());
    return pids;
}

template<typename T>
T runTask(Session *session, const WorkerTask &task)
{
    QSignalSpy done(session, &Session::taskFinished);
    if (!session->runTask(task) || !done.wait(30000))
        return T();
    return done.first().at(0).value<T>();
}

const ServerSession *find(const ServerSessionSnapshot &snapshot, qint64 pid)
{
    for (const ServerSession &session : snapshot.sessions) {
        if (session.pid == pid)
            return &session;
    }
    return nullptr;
}

double epochOf(const QDateTime &time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

} // namespace

class TestLeakyApp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void flagsExactlyTheLeakedSessions_data();
    void flagsExactlyTheLeakedSessions();

private:
    static void createTable(testsupport::ServerProbe &probe, const QString &table);
    void sqliteAppHoldsTheFile(const Url &url, const QString &table);
};

void TestLeakyApp::initTestCase()
{
    qRegisterMetaType<ServerSessionSnapshot>();
    qRegisterMetaType<ServerSessionActions::Result>();
    QVERIFY2(!QFINDTESTDATA("../leakyapp/app.py").isEmpty(), "tests/leakyapp/app.py not found");
}

void TestLeakyApp::flagsExactlyTheLeakedSessions_data()
{
    testsupport::addDialectRows();
}

void TestLeakyApp::createTable(testsupport::ServerProbe &probe, const QString &table)
{
    QVERIFY2(testsupport::createHitsTable(probe, table), qPrintable(probe.error()));
}

void TestLeakyApp::flagsExactlyTheLeakedSessions()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("leaky"));
    testsupport::ServerProbe probe(url);
    QVERIFY2(probe.isOpen(), qPrintable(probe.error()));
    createTable(probe, table);
    if (QTest::currentTestFailed())
        return;
    if (dialect == Dialect::SQLite) {
        sqliteAppHoldsTheFile(url, table);
        return;
    }

    LeakyApp app(url, table);
    QVERIFY(app.isRunning());
    QSet<qint64> servedBy =
        pidSet(app.command(QStringLiteral("good 4"))[QLatin1String("pids")].toArray());
    QVERIFY(!servedBy.isEmpty());
    const QJsonArray leaked =
        app.command(QStringLiteral("leak 3"))[QLatin1String("leaked")].toArray();
    QCOMPARE(leaked.size(), 3);
    QHash<qint64, QJsonObject> leaks;
    for (const QJsonValue &value : leaked)
        leaks.insert(value[QLatin1String("pid")].toInteger(), value.toObject());
    QCOMPARE(leaks.size(), 3); // three sessions, three connections
    const QJsonObject opened = app.command(QStringLiteral("pids"));
    const QSet<qint64> goodPids = pidSet(opened[QLatin1String("good")].toArray());
    const QSet<qint64> leakyPids = pidSet(opened[QLatin1String("leaky")].toArray());
    QCOMPARE(leakyPids, QSet<qint64>(leaks.keyBegin(), leaks.keyEnd()));
    QVERIFY(servedBy.subtract(goodPids).isEmpty());
    const QSet<qint64> appPids = goodPids + leakyPids;

    // poolscope: an engine on the same server, and one tab of its own that
    // was left inside a transaction (a leak of ours, marked as such).
    Engine engine(testsupport::makeBind(url, QStringLiteral("inspector")));
    Session forgotten(&engine, QStringLiteral("forgotten tab"));
    forgotten.setMode(Session::Mode::Transaction);
    QVERIFY(run(&forgotten, QStringLiteral("UPDATE %1 SET hits = 0 WHERE id = 5").arg(table)).ok);
    const qint64 forgottenPid = forgotten.connection()->serverId();

    QTest::qWait(2200); // the leaks age past the threshold
    Session tab(&engine, QStringLiteral("server sessions"));
    ServerSessionReader reader;
    reader.setOwnServerIds(engine.pool()->serverIds());
    ServerSessionSnapshot snapshot = runTask<ServerSessionSnapshot>(&tab, reader.task());
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    SuspectRules rules;
    rules.idleInTransactionOver = 1.0;
    rules.idleOver = 60.0; // the good bind's pooled connections are idle, but not for long
    rules.runningOver = 60.0;
    rules.apply(snapshot);

    // Exactly the leaked sessions of the app are suspect.
    ServerSessions appSessions;
    QSet<qint64> suspects;
    for (const ServerSession &session : std::as_const(snapshot.sessions)) {
        if (!appPids.contains(session.pid))
            continue;
        appSessions << session;
        if (session.isSuspect())
            suspects.insert(session.pid);
    }
    QCOMPARE(suspects, leakyPids);
    QCOMPARE(appSessions.size(), appPids.size());

    const double now = epochOf(snapshot.takenAt);
    for (qint64 pid : leakyPids) {
        const ServerSession *s = find(snapshot, pid);
        QVERIFY(s);
        QCOMPARE(s->state, ServerSession::State::IdleInTransaction);
        QVERIFY(!s->own);
        QVERIFY2(s->suspect.startsWith(QLatin1String("idle in transaction for ")) &&
                     s->suspect.endsWith(QLatin1String("(over 1 s)")),
                 qPrintable(s->suspect));
        const QJsonObject recorded = leaks.value(pid);
        const double started = recorded[QLatin1String("started")].toDouble();
        const double last = recorded[QLatin1String("last")].toDouble();
        QVERIFY(s->transactionAgeSeconds && s->idleSeconds);
        QVERIFY2(qAbs(*s->transactionAgeSeconds - (now - started)) <= 2.0,
                 qPrintable(QStringLiteral("transaction age %1, app says %2")
                                .arg(*s->transactionAgeSeconds)
                                .arg(now - started)));
        QVERIFY2(qAbs(*s->idleSeconds - (now - last)) <= 2.0,
                 qPrintable(
                     QStringLiteral("idle %1, app says %2").arg(*s->idleSeconds).arg(now - last)));
        QVERIFY(*s->idleSeconds > 1.0);
        if (dialect == Dialect::PostgreSQL) {
            QCOMPARE(s->application, QStringLiteral("leakyapp-leaky"));
            QVERIFY(
                s->query.startsWith(QStringLiteral("UPDATE %1 SET hits = hits + 1").arg(table)));
        }
    }
    for (qint64 pid : goodPids) {
        const ServerSession *s = find(snapshot, pid);
        QVERIFY(s);
        QCOMPARE(s->state, ServerSession::State::Idle);
        QVERIFY2(!s->isSuspect(), qPrintable(s->suspect));
        if (dialect == Dialect::PostgreSQL)
            QCOMPARE(s->application, QStringLiteral("leakyapp-good"));
    }

    // Ours: listed, marked, and suspect like any other.
    const ServerSession *ours = find(snapshot, forgottenPid);
    QVERIFY(ours);
    QVERIFY(ours->own);
    QCOMPARE(ours->state, ServerSession::State::IdleInTransaction);
    QVERIFY(ours->isSuspect());
    QVERIFY(!appPids.contains(forgottenPid));

    // The three leaks read as one finding.
    const QList<ServerSessionGroup> findings = ServerSessionGroups::findings(appSessions, dialect);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings[0].count(), 3);
    QCOMPARE(QSet<qint64>(findings[0].pids.cbegin(), findings[0].pids.cend()), leakyPids);
    QCOMPARE(findings[0].state, ServerSession::State::IdleInTransaction);
    QVERIFY(findings[0].oldestAgeSeconds && *findings[0].oldestAgeSeconds > 1.0);
    if (dialect == Dialect::PostgreSQL) {
        QCOMPARE(findings[0].statement,
                 QStringLiteral("UPDATE %1 SET hits = hits + ? WHERE id = ?").arg(table));
        QCOMPARE(findings[0].application, QStringLiteral("leakyapp-leaky"));
    }

    // End them from poolscope.
    for (qint64 pid : leakyPids) {
        const ServerSession *s = find(snapshot, pid);
        QVERIFY(
            ServerSessionActions::isOffered(ServerSessionActions::Action::EndSession, dialect, *s));
        const QString question = ServerSessionActions::confirmationText(
            ServerSessionActions::Action::EndSession, dialect, *s);
        QVERIFY2(question.startsWith(QStringLiteral("End session %1 of user %2 on %3 (idle in "
                                                    "transaction for ")
                                         .arg(pid)
                                         .arg(url.username(), url.database())),
                 qPrintable(question));
        const auto result = runTask<ServerSessionActions::Result>(
            &tab, ServerSessionActions::task(ServerSessionActions::Action::EndSession, pid));
        QVERIFY2(result.ok, qPrintable(result.error));
    }
    // The server says they are gone; the good ones stay.
    QCOMPARE(probe.liveSessions(leakyPids), 0);
    QCOMPARE(probe.liveSessions(goodPids), int(goodPids.size()));
    snapshot = runTask<ServerSessionSnapshot>(&tab, reader.task());
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    rules.apply(snapshot);
    for (const ServerSession &session : std::as_const(snapshot.sessions)) {
        QVERIFY(!leakyPids.contains(session.pid));
        QVERIFY(!(appPids.contains(session.pid) && session.isSuspect()));
    }
    // Their rows are no longer locked: the leaked updates were rolled back.
    QCOMPARE(probe.scalar(QStringLiteral("SELECT sum(hits) FROM %1 WHERE id > 1000").arg(table)),
             QStringLiteral("0"));

    // The app's leaked sessions learn it at their next statement; the app
    // itself goes on serving.
    const QJsonArray touched =
        app.command(QStringLiteral("touch"))[QLatin1String("results")].toArray();
    QCOMPARE(touched.size(), 3);
    for (const QJsonValue &value : touched) {
        QVERIFY(!value[QLatin1String("ok")].toBool());
        QVERIFY2(value[QLatin1String("error")].toString().contains(QLatin1String("Error")),
                 qPrintable(value[QLatin1String("error")].toString()));
    }
    QCOMPARE(app.command(QStringLiteral("good 2"))[QLatin1String("pids")].toArray().size(), 2);
    QVERIFY(app.quit());

    forgotten.close();
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestLeakyApp::sqliteAppHoldsTheFile(const Url &url, const QString &table)
{
    // No server: the app shows as the process that holds the file, and
    // poolscope does not offer to end it.
    LeakyApp app(url, table);
    QVERIFY(app.isRunning());
    QCOMPARE(app.command(QStringLiteral("good 2"))[QLatin1String("pids")].toArray().size(), 2);
    // One leak only: it holds SQLite's write lock, a second one would wait for it.
    const QJsonArray leaked =
        app.command(QStringLiteral("leak 1"))[QLatin1String("leaked")].toArray();
    QCOMPARE(leaked.size(), 1);
    QCOMPARE(leaked[0][QLatin1String("pid")].toInteger(), app.processId());

    Engine engine(testsupport::makeBind(url, QStringLiteral("inspector")));
    Session tab(&engine, QStringLiteral("server sessions"));
    QVERIFY(run(&tab, QStringLiteral("SELECT count(*) FROM %1").arg(table)).ok);
    ServerSessionReader reader;
    reader.setOwnConnectionCount(int(engine.pool()->connections().size()));
    ServerSessionSnapshot snapshot = runTask<ServerSessionSnapshot>(&tab, reader.task());
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    SuspectRules rules;
    rules.idleInTransactionOver = 1.0;
    rules.idleOver = 1.0;
    QCOMPARE(rules.apply(snapshot), 0); // nothing says what a process does with the file

    const ServerSession *holder = find(snapshot, app.processId());
    QVERIFY(holder);
    QCOMPARE(holder->program, QStringLiteral("python3"));
    QVERIFY(!holder->own);
    QCOMPARE(holder->state, ServerSession::State::Other);
    QString why;
    QVERIFY(!ServerSessionActions::isOffered(ServerSessionActions::Action::EndSession,
                                             Dialect::SQLite, *holder, &why));
    QVERIFY(why.contains(QStringLiteral("process %1 (python3)").arg(app.processId())));
    const ServerSession *self = find(snapshot, QCoreApplication::applicationPid());
    QVERIFY(self);
    QVERIFY(self->own);
    QCOMPARE(snapshot.ownConnections, 1);
    QCOMPARE(snapshot.sessions.size(), 2);

    QVERIFY(app.quit());
    snapshot = runTask<ServerSessionSnapshot>(&tab, reader.task());
    QCOMPARE(snapshot.sessions.size(), 1);
}

QTEST_GUILESS_MAIN(TestLeakyApp)
#include "tst_leakyapp.moc"

// PgBouncer's admin console as a bind, against the PgBouncer the test servers
// run in front of PostgreSQL, in session and in transaction mode: a psycopg2
// client that leaves a transaction open is flagged at the layer that can see
// it, the well-behaved client nowhere; the console's errors are one line with
// the password as ***; its databases, pools and limits are read, and its
// commands run for an admin and are refused to a stats user.
#include "core/diagnosis/pgbounceractions.h"
#include "core/diagnosis/pgbouncerclients.h"
#include "core/diagnosis/serversessionactions.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/diagnosis/suspectrules.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/sessionclient.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

namespace {

#define REQUIRE_BOUNCER(variable, var)                                                             \
    POOLSCOPE_REQUIRE_URL(var, testsupport::environmentUrl, variable)

// pooler, when given, names its server connections among the sessions
// before the rules judge them; idleOver adds that rule.
ServerSessionSnapshot readSessions(const Url &url, const PgBouncerState *pooler = nullptr,
                                   std::optional<double> idleOver = std::nullopt)
{
    Engine engine(testsupport::makeBind(url, QStringLiteral("pgbouncer")));
    Session session(&engine, QStringLiteral("reader"));
    QSignalSpy finished(&session, &Session::taskFinished);
    ServerSessionSnapshot snapshot;
    if (!session.runTask(ServerSessionReader().task()) || !finished.wait(20000)) {
        snapshot.error = QStringLiteral("no answer");
        return snapshot;
    }
    snapshot = finished.first().at(0).value<ServerSessionSnapshot>();
    if (snapshot.error.isEmpty() && !finished.first().at(1).toString().isEmpty())
        snapshot.error = finished.first().at(1).toString();
    if (pooler)
        pooler->linkBackends(snapshot.sessions, QStringLiteral("pooler"));
    SuspectRules rules;
    rules.idleInTransactionOver = 0.5;
    rules.idleOver = idleOver;
    rules.apply(snapshot);
    return snapshot;
}

std::optional<PgBouncerState> readState(const Url &console, QString *error)
{
    Engine engine(testsupport::makeBind(console, QStringLiteral("pgbouncer")));
    Session session(&engine, QStringLiteral("state"));
    QSignalSpy finished(&session, &Session::taskFinished);
    if (!session.runTask(PgBouncerState::task()) || !finished.wait(20000)) {
        *error = QStringLiteral("no answer");
        return std::nullopt;
    }
    session.close();
    const QVariant value = finished.first().at(0);
    *error = finished.first().at(1).toString();
    if (value.metaType() != QMetaType::fromType<PgBouncerState>()) {
        *error += value.toString();
        return std::nullopt;
    }
    return value.value<PgBouncerState>();
}

PgBouncerActions::Result runCommand(const Url &url, PgBouncerActions::Action action,
                                    const QString &database)
{
    Engine engine(testsupport::makeBind(url, QStringLiteral("pgbouncer")));
    Session session(&engine, QStringLiteral("commands"));
    QSignalSpy finished(&session, &Session::taskFinished);
    PgBouncerActions::Result result;
    if (!session.runTask(PgBouncerActions::task(action, database)) || !finished.wait(20000)) {
        result.error = QStringLiteral("no answer");
        return result;
    }
    result = finished.first().at(0).value<PgBouncerActions::Result>();
    if (!finished.first().at(1).toString().isEmpty())
        result.error = finished.first().at(1).toString();
    session.close();
    return result;
}

bool isPaused(const Url &console, const QString &database)
{
    const ServerSessionSnapshot snapshot = readSessions(console);
    const PgBouncerDatabase *found =
        snapshot.pgbouncer ? snapshot.pgbouncer->database(database) : nullptr;
    return found && found->paused;
}

const ServerSession *byOrigin(const ServerSessionSnapshot &snapshot, qint64 processId)
{
    for (const ServerSession &session : snapshot.sessions) {
        if (session.origin && session.origin->pid == processId)
            return &session;
    }
    return nullptr;
}

const ServerSession *byPid(const ServerSessionSnapshot &snapshot, qint64 pid)
{
    for (const ServerSession &session : snapshot.sessions) {
        if (session.pid == pid)
            return &session;
    }
    return nullptr;
}

} // namespace

class TestPgBouncer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ServerSessionSnapshot>(); }
    void timesInPgBouncersWords();
    void leakIsFlaggedAtItsLayer_data();
    void leakIsFlaggedAtItsLayer();
    void statsUserReadsToo();
    void consoleErrorsAreOneLine();
    void databasesPoolsAndLimits();
    void adminCommands();
    void statsUserMayOnlyLook();
    void backendsKnowTheirPooler();
    void sessionsWithPooler();
};

void TestPgBouncer::timesInPgBouncersWords()
{
    QCOMPARE(PgBouncerClients::parseTime(QStringLiteral("2026-12-05 12:38:19 UTC")),
             QDateTime(QDate(2026, 12, 5), QTime(12, 38, 19), QTimeZone::utc()));
    QVERIFY(!PgBouncerClients::parseTime(QString()).isValid());
    QVERIFY(!PgBouncerClients::parseTime(QStringLiteral("yesterday")).isValid());
}

void TestPgBouncer::leakIsFlaggedAtItsLayer_data()
{
    QTest::addColumn<QByteArray>("variable");
    QTest::addColumn<bool>("transactionMode");
    QTest::newRow("session") << QByteArray("POOLSCOPE_TEST_PGBOUNCER_SESSION_URL") << false;
    QTest::newRow("transaction") << QByteArray("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL") << true;
}

void TestPgBouncer::leakIsFlaggedAtItsLayer()
{
    QFETCH(QByteArray, variable);
    QFETCH(bool, transactionMode);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER(variable.constData(), pooled);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, server);

    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    SessionClient tidy(QFINDTESTDATA("../sessionclient/hold.py"));
    tidy.setCommits(true);
    QString error;
    QVERIFY2(leaky.start(pooled, QString(), &error), qPrintable(error));
    QVERIFY2(tidy.start(pooled, QString(), &error), qPrintable(error));
    QTest::qWait(1200); // past the 0.5 s the rules allow

    // The pooler's layer: its clients, each found as its local process.
    const ServerSessionSnapshot pooler = readSessions(console);
    QVERIFY2(pooler.isValid(), qPrintable(pooler.error));
    QCOMPARE(pooler.connectionLimitName, QStringLiteral("max_client_conn"));
    QCOMPARE(pooler.maxConnections, std::optional<int>(100));
    const ServerSession *leakClient = byOrigin(pooler, leaky.pid());
    const ServerSession *tidyClient = byOrigin(pooler, tidy.pid());
    QVERIFY(leakClient && tidyClient);
    // The server connection it holds is the backend the client itself reported.
    QCOMPARE(leakClient->pid, leaky.serverId());
    if (transactionMode) {
        // A link outlives the last request only inside a transaction.
        QCOMPARE(leakClient->state, ServerSession::State::IdleInTransaction);
        QVERIFY2(leakClient->isSuspect(), qPrintable(leakClient->query));
        QCOMPARE(tidyClient->state, ServerSession::State::Idle);
        QCOMPARE(tidyClient->pid, 0); // no server linked: it went back to the pool
    } else {
        // Session mode links every client: quiet clients are idle, not suspect.
        QCOMPARE(leakClient->state, ServerSession::State::Idle);
        QVERIFY(!leakClient->isSuspect());
        QCOMPARE(tidyClient->pid, tidy.serverId());
    }
    QVERIFY(!tidyClient->isSuspect());

    // The server's layer: the backend of the open transaction is suspect in
    // both modes, and belongs to the pooler's process.
    const ServerSessionSnapshot backends = readSessions(server);
    QVERIFY2(backends.isValid(), qPrintable(backends.error));
    const ServerSession *leakBackend = byPid(backends, leaky.serverId());
    QVERIFY(leakBackend);
    QCOMPARE(leakBackend->state, ServerSession::State::IdleInTransaction);
    QVERIFY(leakBackend->isSuspect());
    QVERIFY(leakBackend->origin);
    QCOMPARE(leakBackend->origin->programName(), QStringLiteral("pgbouncer"));
    if (const ServerSession *tidyBackend = byPid(backends, tidy.serverId()))
        QVERIFY(!tidyBackend->isSuspect());

    // Once the leaky client goes, the pooler drops its link.
    leaky.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!byOrigin(readSessions(console), leaky.pid()), 10000);
}

void TestPgBouncer::statsUserReadsToo()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_STATS_URL", stats);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL", pooled);
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(leaky.start(pooled, QString(), &error), qPrintable(error));
    const ServerSessionSnapshot snapshot = readSessions(stats);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    QVERIFY(byOrigin(snapshot, leaky.pid()));
    // The console's own clients, this reader among them, are not listed.
    for (const ServerSession &session : snapshot.sessions)
        QVERIFY(session.database != QLatin1String("pgbouncer"));
}

void TestPgBouncer::consoleErrorsAreOneLine()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL", pooled);
    struct Case
    {
        const char *name;
        Url url;
        QString secret;
    };
    Url wrongPassword = console;
    wrongPassword.setPassword(QStringLiteral("not-the-pw-4711"));
    // A user the pooler knows but that is neither admin nor stats user.
    Url notAdmin = pooled;
    notAdmin.setDatabase(QStringLiteral("pgbouncer"));
    const Url gone = *Url::parse(
        QStringLiteral("postgresql://poolscope_admin:gone-pw-4711@127.0.0.1:%1/pgbouncer")
            .arg(testsupport::freePort()));
    const QList<Case> cases = {{"wrong password", wrongPassword, wrongPassword.password()},
                               {"not an admin", notAdmin, notAdmin.password()},
                               {"pooler gone", gone, gone.password()}};
    for (const Case &c : cases) {
        const testsupport::ProgramRun run = testsupport::runProgram(
            QStringLiteral(POOLSCOPE_BINARY), {QStringLiteral("sessions"), c.url.render(false)});
        QVERIFY2(run.finished, c.name);
        QCOMPARE(run.exit, 2);
        QVERIFY2(run.out.isEmpty(), c.name);
        const QString err = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(!err.contains(c.secret) && err.contains(QLatin1String("***")), qPrintable(err));
        // One line of ours, whatever the driver said on the way in.
        QStringList ours = err.split(QLatin1Char('\n'));
        ours.removeIf(
            [](const QString &line) { return line.startsWith(QLatin1String("NOTICE:")); });
        QVERIFY2(ours.size() == 1, qPrintable(QLatin1String(c.name) + QStringLiteral(": ") + err));
    }
    // --fail-on-suspects sees a leak through the pooler.
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(leaky.start(pooled, QString(), &error), qPrintable(error));
    QTest::qWait(1200);
    const testsupport::ProgramRun run = testsupport::runProgram(
        QStringLiteral(POOLSCOPE_BINARY),
        {QStringLiteral("sessions"), console.render(false), QStringLiteral("--format"),
         QStringLiteral("json"), QStringLiteral("--idle-in-transaction-over"),
         QStringLiteral("0.5"), QStringLiteral("--fail-on-suspects")});
    QCOMPARE(run.exit, 3);
    QVERIFY2(run.out.contains("\"state\": \"idle_in_transaction\""), run.out.constData());
}

void TestPgBouncer::databasesPoolsAndLimits()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL", pooled);
    // One finished transaction for the traffic, and one left open.
    SessionClient tidy(QFINDTESTDATA("../sessionclient/hold.py"));
    tidy.setCommits(true);
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(tidy.start(pooled, QString(), &error), qPrintable(error));
    QVERIFY2(leaky.start(pooled, QString(), &error), qPrintable(error));
    const ServerSessionSnapshot snapshot = readSessions(console);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    QVERIFY(snapshot.pgbouncer);
    const PgBouncerState &state = *snapshot.pgbouncer;
    QVERIFY(state.admin);
    QCOMPARE(state.maxClientConn, 100);
    QCOMPARE(state.defaultPoolSize, 5);
    const PgBouncerDatabase *transaction = state.database(QStringLiteral("poolscope_transaction"));
    const PgBouncerDatabase *session = state.database(QStringLiteral("poolscope_session"));
    QVERIFY(transaction && session);
    QCOMPARE(transaction->poolMode, QStringLiteral("transaction"));
    QCOMPARE(session->poolMode, QStringLiteral("session"));
    QCOMPARE(transaction->poolSize, 5);
    QVERIFY(!transaction->paused);
    QVERIFY(state.database(QStringLiteral("pgbouncer"))->isConsole());
    // The leaked transaction holds a server connection of its pool.
    const auto pool = std::find_if(state.pools.cbegin(), state.pools.cend(), [](const auto &p) {
        return p.database == QLatin1String("poolscope_transaction");
    });
    QVERIFY(pool != state.pools.cend());
    QCOMPARE(pool->poolMode, QStringLiteral("transaction"));
    QVERIFY(pool->serversActive >= 1);
    QVERIFY(pool->clientsActive >= 1);
    QVERIFY(state.describePools()
                .join(QLatin1Char('\n'))
                .contains(QLatin1String("poolscope_transaction/poolscope (transaction mode)")));
    // SHOW STATS: its totals count the finished transaction.
    const PgBouncerStats *traffic = state.statsOf(QStringLiteral("poolscope_transaction"));
    QVERIFY(traffic);
    QVERIFY(traffic->transactions >= 1);
    QVERIFY(traffic->queries >= traffic->transactions);
    QVERIFY(state.describeStats()
                .join(QLatin1Char('\n'))
                .contains(QLatin1String("poolscope_transaction: ")));
    QVERIFY(!state.statsOf(QStringLiteral("pgbouncer")) ||
            !state.describeStats().join(QLatin1Char('\n')).contains(QLatin1String("pgbouncer:")));
    const testsupport::ProgramRun run = testsupport::runProgram(
        QStringLiteral(POOLSCOPE_BINARY), {QStringLiteral("sessions"), console.render(false)});
    QCOMPARE(run.exit, 0);
    QVERIFY2(run.out.contains("\nTraffic poolscope_transaction: "), run.out.constData());
    // English's plural forms, also on the command line.
    QVERIFY2(run.out.contains(" clients now)") && !run.out.contains("(s)"), run.out.constData());
    // Two databases of pool_size 5, one user pool each at least.
    QVERIFY(state.serverConnectionLimit() >= 10);
    const QString fits = state.describeCapacity(3, 1000);
    QVERIFY2(fits.startsWith(QLatin1String("max_client_conn 100 (3 client")), qPrintable(fits));
    QVERIFY2(fits.endsWith(QLatin1String("fits")), qPrintable(fits));
    QVERIFY(state.describeCapacity(3, 4).contains(QLatin1String("cannot all be met")));
    // One client cannot be cancelled or ended through the console.
    const ServerSession *client = byOrigin(snapshot, leaky.pid());
    QVERIFY(client);
    QCOMPARE(client->pooler, QStringLiteral("pgbouncer"));
    QString why;
    QVERIFY(!ServerSessionActions::isOffered(ServerSessionActions::Action::EndSession,
                                             Dialect::PostgreSQL, *client, &why));
    QVERIFY2(why.contains(QLatin1String("Pooler menu")), qPrintable(why));
}

void TestPgBouncer::adminCommands()
{
    using Action = PgBouncerActions::Action;
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_SESSION_URL", pooled);
    QCOMPARE(PgBouncerActions::command(Action::Pause, QStringLiteral("a\"b")),
             QByteArray("PAUSE \"a\"\"b\""));
    const QString transaction = QStringLiteral("poolscope_transaction");
    const QString session = QStringLiteral("poolscope_session");
    // Whatever fails below, the pooler serves the other tests afterwards.
    const auto resumeAll = qScopeGuard([&] {
        for (const QString &database : {transaction, session}) {
            if (isPaused(console, database))
                runCommand(console, Action::Resume, database);
        }
    });
    ServerSessionSnapshot snapshot = readSessions(console);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    QVERIFY(PgBouncerActions::isOffered(Action::Pause, *snapshot.pgbouncer, transaction));
    QVERIFY(!PgBouncerActions::isOffered(Action::Resume, *snapshot.pgbouncer, transaction));
    QVERIFY(!PgBouncerActions::isOffered(Action::Kill, *snapshot.pgbouncer,
                                         QStringLiteral("pgbouncer")));

    PgBouncerActions::Result result = runCommand(console, Action::Reconnect, transaction);
    QVERIFY2(result.ok, qPrintable(result.error));
    // Nothing holds a server connection of it: the pause returns at once.
    result = runCommand(console, Action::Pause, transaction);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(isPaused(console, transaction));
    snapshot = readSessions(console);
    QVERIFY(PgBouncerActions::isOffered(Action::Resume, *snapshot.pgbouncer, transaction));
    const QString question = PgBouncerActions::confirmationText(
        Action::Pause, *snapshot.pgbouncer->database(transaction), 2);
    QVERIFY2(question.contains(QLatin1String("(2 client")) &&
                 question.contains(QLatin1String("at the end of each transaction")),
             qPrintable(question));
    result = runCommand(console, Action::Resume, transaction);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!isPaused(console, transaction));

    // KILL drops the database's clients: the pooler lists the client no more.
    SessionClient client(QFINDTESTDATA("../sessionclient/hold.py"));
    client.setCommits(true);
    QString error;
    QVERIFY2(client.start(pooled, QString(), &error), qPrintable(error));
    QVERIFY(byOrigin(readSessions(console), client.pid()));
    result = runCommand(console, Action::Kill, session);
    QVERIFY2(result.ok, qPrintable(result.error));
    QTRY_VERIFY_WITH_TIMEOUT(!byOrigin(readSessions(console), client.pid()), 10000);
    // New clients of a killed database wait for RESUME.
    if (isPaused(console, session)) {
        result = runCommand(console, Action::Resume, session);
        QVERIFY2(result.ok, qPrintable(result.error));
    }
    QVERIFY(!isPaused(console, session));
}

void TestPgBouncer::statsUserMayOnlyLook()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_STATS_URL", stats);
    const ServerSessionSnapshot snapshot = readSessions(stats);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));
    QVERIFY(snapshot.pgbouncer);
    QVERIFY(!snapshot.pgbouncer->admin);
    const QString transaction = QStringLiteral("poolscope_transaction");
    for (const PgBouncerActions::Action action : PgBouncerActions::all()) {
        QString why;
        QVERIFY(!PgBouncerActions::isOffered(action, *snapshot.pgbouncer, transaction, &why));
        QVERIFY2(why.contains(QLatin1String("stats user")), qPrintable(why));
    }
    // Were it run anyway, the pooler refuses it in one line.
    const PgBouncerActions::Result result =
        runCommand(stats, PgBouncerActions::Action::Pause, transaction);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QLatin1String("admin access needed")) &&
                 !result.error.contains(QLatin1Char('\n')),
             qPrintable(result.error));
    QVERIFY(!isPaused(stats, transaction));
}

void TestPgBouncer::backendsKnowTheirPooler()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL", transaction);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_SESSION_URL", sessionMode);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, server);
    // A transaction left open in transaction mode; a tidy client in each mode.
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    SessionClient tidyTransaction(QFINDTESTDATA("../sessionclient/hold.py"));
    SessionClient tidySession(QFINDTESTDATA("../sessionclient/hold.py"));
    tidyTransaction.setCommits(true);
    tidySession.setCommits(true);
    QString error;
    QVERIFY2(leaky.start(transaction, QString(), &error), qPrintable(error));
    QVERIFY2(tidyTransaction.start(transaction, QString(), &error), qPrintable(error));
    QVERIFY2(tidySession.start(sessionMode, QString(), &error), qPrintable(error));
    QTest::qWait(1200);

    const std::optional<PgBouncerState> state = readState(console, &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(state->serves(server));
    const Url elsewhere =
        *Url::parse(QStringLiteral("postgresql://u@127.0.0.1:%1/d").arg(testsupport::freePort()));
    QVERIFY(!state->serves(elsewhere));
    const ServerSessionSnapshot snapshot = readSessions(server, &*state, 0.5);
    QVERIFY2(snapshot.isValid(), qPrintable(snapshot.error));

    // The leak: its backend is the pooler's server connection linked to it.
    const ServerSession *held = byPid(snapshot, leaky.serverId());
    QVERIFY(held && held->poolerLink);
    QCOMPARE(held->poolerLink->database, QStringLiteral("poolscope_transaction"));
    QCOMPARE(held->poolerLink->poolMode, QStringLiteral("transaction"));
    QCOMPARE(held->poolerLink->serverState, QStringLiteral("active"));
    QVERIFY(held->poolerLink->client.startsWith(QLatin1String("127.0.0.1:")));
    QCOMPARE(held->state, ServerSession::State::IdleInTransaction);
    QVERIFY(held->isSuspect());
    QVERIFY2(held->poolerLink->describe().contains(QLatin1String("(transaction mode), for client")),
             qPrintable(held->poolerLink->describe()));
    // In transaction mode a server connection idle in the pool is normal.
    const ServerSession *pooled = byPid(snapshot, tidyTransaction.serverId());
    QVERIFY(pooled && pooled->poolerLink);
    QVERIFY(pooled->poolerLink->client.isEmpty());
    QCOMPARE(pooled->state, ServerSession::State::Idle);
    QVERIFY2(!pooled->isSuspect(), qPrintable(pooled->suspect));
    // In session mode it is the quiet client's own, judged as any idle session.
    const ServerSession *quiet = byPid(snapshot, tidySession.serverId());
    QVERIFY(quiet && quiet->poolerLink);
    QCOMPARE(quiet->poolerLink->poolMode, QStringLiteral("session"));
    QVERIFY(!quiet->poolerLink->client.isEmpty());
    QCOMPARE(quiet->state, ServerSession::State::Idle);
    QVERIFY(quiet->isSuspect());
    // poolscope's own reading connection goes straight to the server.
    for (const ServerSession &session : snapshot.sessions)
        QVERIFY(!session.own || !session.poolerLink);
}

void TestPgBouncer::sessionsWithPooler()
{
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_URL", console);
    REQUIRE_BOUNCER("POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL", transaction);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, server);
    SessionClient leaky(QFINDTESTDATA("../sessionclient/hold.py"));
    QString error;
    QVERIFY2(leaky.start(transaction, QString(), &error), qPrintable(error));
    const QString binary = QStringLiteral(POOLSCOPE_BINARY);
    const testsupport::ProgramRun json = testsupport::runProgram(
        binary, {QStringLiteral("sessions"), server.render(false), QStringLiteral("--pooler"),
                 console.render(false), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exit, 0);
    const QJsonArray sessions = QJsonDocument::fromJson(json.out).array();
    QJsonObject link;
    for (const QJsonValue &value : sessions) {
        if (value.toObject().value(QLatin1String("pid")).toInteger() == leaky.serverId())
            link = value.toObject().value(QLatin1String("pooler")).toObject();
    }
    QCOMPARE(link.value(QLatin1String("pool_mode")).toString(), QStringLiteral("transaction"));
    QCOMPARE(link.value(QLatin1String("database")).toString(),
             QStringLiteral("poolscope_transaction"));
    QVERIFY(link.value(QLatin1String("client")).toString().startsWith(QLatin1String("127.0.0.1:")));
    // The console's password never reaches the output.
    QVERIFY(!json.out.contains(console.password().toUtf8()));

    const testsupport::ProgramRun table =
        testsupport::runProgram(binary, {QStringLiteral("sessions"), server.render(false),
                                         QStringLiteral("--pooler"), console.render(false)});
    QCOMPARE(table.exit, 0);
    const QString text = QString::fromUtf8(table.out);
    QVERIFY2(text.contains(QStringLiteral("\n  %1: PgBouncer "
                                          "poolscope_transaction/")
                               .arg(leaky.serverId())),
             qPrintable(text));
    QVERIFY(text.contains(QLatin1String("\nServer connections of a pooler:\n")));
    // Capacity: the pooler's server connections beside the server's limit.
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral(
                 "Capacity: max_connections \\d+ .*PgBouncer postgresql://\\S+ \\d+"))),
             qPrintable(text));
    // The pooler's own limits beside what the server admits.
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral(
                 "\\nCapacity of PgBouncer postgresql://\\S+: max_client_conn 100 \\(\\d+ "
                 "clients? now\\); .*; the server admits \\d+: fits\\n"))),
             qPrintable(text));
    // A console as the server, or the server as the pooler, is refused plainly.
    const testsupport::ProgramRun wrong =
        testsupport::runProgram(binary, {QStringLiteral("sessions"), console.render(false),
                                         QStringLiteral("--pooler"), console.render(false)});
    QCOMPARE(wrong.exit, 1);
    const testsupport::ProgramRun notConsole =
        testsupport::runProgram(binary, {QStringLiteral("sessions"), server.render(false),
                                         QStringLiteral("--pooler"), server.render(false)});
    QCOMPARE(notConsole.exit, 2);
    QVERIFY(!notConsole.err.contains(server.password().toUtf8()));
}

QTEST_GUILESS_MAIN(TestPgBouncer)
#include "tst_pgbouncer.moc"

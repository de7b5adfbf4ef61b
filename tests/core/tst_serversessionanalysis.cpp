// ServerSessionAnalysis does on the reading worker what the panel used to do
// on its own thread, in the same order: PgBouncer links before the rules (a
// pooled connection idling between transactions is no suspect), findings
// from the suspects, nothing for a console's own snapshot or a failed read.
#include "core/diagnosis/serversessionsnapshot.h"
#include "core/models/serversessionanalysis.h"

#include <QTest>

namespace {

ServerSession idleSession(qint64 pid, double seconds)
{
    ServerSession session;
    session.pid = pid;
    session.user = QStringLiteral("shop");
    session.database = QStringLiteral("shop");
    session.client = QStringLiteral("10.0.0.9:4000");
    session.state = ServerSession::State::Idle;
    session.idleSeconds = seconds;
    return session;
}

ServerSessionSnapshot snapshotOf(const ServerSessions &sessions)
{
    ServerSessionSnapshot snapshot;
    snapshot.dialect = Dialect::PostgreSQL;
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    snapshot.sessions = sessions;
    return snapshot;
}

// A pooler in transaction mode whose server connection is backend 1.
ServerSessionAnalysis analysisWithPooler()
{
    PgBouncerState state;
    PgBouncerServer server;
    server.database = QStringLiteral("shop");
    server.user = QStringLiteral("shop");
    server.poolMode = QStringLiteral("transaction");
    server.state = QStringLiteral("idle");
    server.backendPid = 1;
    state.servers << server;
    SuspectRules rules;
    rules.idleOver = 60;
    return ServerSessionAnalysis(
        Url(), {}, {PgBouncerMonitor::Pooler{QStringLiteral("bouncer"), state}}, rules);
}

} // namespace

class TestServerSessionAnalysis final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linksBeforeRulesThenFindings();
    void consoleSnapshotKeepsItsSessionsUnlinked();
    void failedReadIsLeftAlone();
};

void TestServerSessionAnalysis::linksBeforeRulesThenFindings()
{
    ServerSessionSnapshot snapshot =
        snapshotOf({idleSession(1, 120), idleSession(2, 120), idleSession(3, 30)});
    analysisWithPooler().apply(snapshot);
    QVERIFY(snapshot.sessions.at(0).poolerLink);
    QCOMPARE(snapshot.sessions.at(0).poolerLink->console, QStringLiteral("bouncer"));
    QVERIFY(!snapshot.sessions.at(0).isSuspect());
    QVERIFY(!snapshot.sessions.at(1).poolerLink);
    QVERIFY(snapshot.sessions.at(1).isSuspect());
    QVERIFY(!snapshot.sessions.at(2).isSuspect());
    QCOMPARE(snapshot.findings.size(), 1);
    QCOMPARE(snapshot.findings.at(0).pids, QList<qint64>{2});
}

void TestServerSessionAnalysis::consoleSnapshotKeepsItsSessionsUnlinked()
{
    ServerSessionSnapshot snapshot = snapshotOf({idleSession(1, 120)});
    snapshot.pgbouncer = PgBouncerState();
    analysisWithPooler().apply(snapshot);
    QVERIFY(!snapshot.sessions.at(0).poolerLink);
    QVERIFY(snapshot.sessions.at(0).isSuspect());
    QCOMPARE(snapshot.findings.size(), 1);
}

void TestServerSessionAnalysis::failedReadIsLeftAlone()
{
    ServerSessionSnapshot snapshot = snapshotOf({idleSession(2, 120)});
    snapshot.error = QStringLiteral("permission denied");
    analysisWithPooler().apply(snapshot);
    QVERIFY(!snapshot.sessions.at(0).isSuspect());
    QVERIFY(snapshot.findings.isEmpty());
}

QTEST_GUILESS_MAIN(TestServerSessionAnalysis)
#include "tst_serversessionanalysis.moc"

// The pure parts of leak diagnosis: statement shapes, suspect rules, groups,
// history and the `poolscope sessions` output formats.
#include "core/config/bind.h"
#include "core/diagnosis/localclientfinder.h"
#include "core/diagnosis/serversessionactions.h"
#include "core/diagnosis/serversessionformat.h"
#include "core/diagnosis/serversessiongroups.h"
#include "core/diagnosis/serversessionhistory.h"
#include "core/diagnosis/suspectrules.h"
#include "core/sql/statementnormalizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestSessionFindings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalize_data();
    void normalize();
    void durations();
    void clientAddress();
    void ageRules();
    void poolerServerConnections();
    void poolLimit();
    void poolLimitOfOptions();
    void groupsByBind();
    void findingsGroupSameStatement();
    void history();
    void jsonShape();
    void jsonEmpty();
    void table();
    void originCellsAndCommands();
    void confirmationTexts();
    void sqliteActionsNotOffered();

private:
    static ServerSession session(qint64 pid, ServerSession::State state, double idle = 0,
                                 const QString &query = QString());
    static QDateTime at(int second);
};

ServerSession TestSessionFindings::session(qint64 pid, ServerSession::State state, double idle,
                                           const QString &query)
{
    ServerSession s;
    s.pid = pid;
    s.user = "app";
    s.database = "shop";
    s.application = "flask";
    s.client = QStringLiteral("10.0.0.5:%1").arg(40000 + pid);
    s.state = state;
    s.query = query;
    if (state == ServerSession::State::Active)
        s.runningSeconds = idle;
    else
        s.idleSeconds = idle;
    if (state == ServerSession::State::IdleInTransaction)
        s.transactionAgeSeconds = idle + 1;
    return s;
}

QDateTime TestSessionFindings::at(int second)
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 0, second, 250), Qt::UTC);
}

void TestSessionFindings::normalize_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("shape");
    const int pg = int(Dialect::PostgreSQL);
    const int my = int(Dialect::MySQL);
    QTest::newRow("numbers") << "UPDATE items SET hits = hits + 1 WHERE id = 1001" << pg
                             << "UPDATE items SET hits = hits + ? WHERE id = ?";
    QTest::newRow("whitespace") << "  SELECT *\n\tFROM  t\r\n WHERE a=1 ;  " << pg
                                << "SELECT * FROM t WHERE a=?";
    QTest::newRow("strings") << "SELECT * FROM u WHERE name = 'O''Brien' AND x = E'a\\'b'" << pg
                             << "SELECT * FROM u WHERE name = ? AND x = ?";
    QTest::newRow("mysql backslash") << "SELECT 'it\\'s', \"x\"" << my << "SELECT ?, \"x\"";
    QTest::newRow("pg backslash is literal") << "SELECT 'C:\\' , 2" << pg << "SELECT ?";
    QTest::newRow("identifiers keep digits")
        << "SELECT t1.col2, \"Tab 3\".x FROM t1" << pg << "SELECT t1.col2, \"Tab 3\".x FROM t1";
    QTest::newRow("in list") << "SELECT * FROM t WHERE id IN (1, 2, 3,4)" << pg
                             << "SELECT * FROM t WHERE id IN (?)";
    QTest::newRow("values rows") << "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')" << pg
                                 << "INSERT INTO t (a, b) VALUES (?)";
    QTest::newRow("placeholders") << "SELECT * FROM t WHERE a = $1 AND b = $12" << pg
                                  << "SELECT * FROM t WHERE a = ? AND b = ?";
    QTest::newRow("dollar quoted") << "SELECT $fn$ body; 'q' $fn$, $$x$$" << pg << "SELECT ?";
    QTest::newRow("comments") << "/* request 42 */ SELECT 1 -- trailing 7\nFROM dual" << pg
                              << "SELECT ? FROM dual";
    QTest::newRow("hash comment mysql")
        << "SELECT 1 # note\nFROM dual" << my << "SELECT ? FROM dual";
    QTest::newRow("floats and hex") << "SELECT 1.5e-3, .5, 0xFF, x'0A'" << my << "SELECT ?";
    QTest::newRow("empty") << "" << pg << "";
}

void TestSessionFindings::normalize()
{
    QFETCH(QString, sql);
    QFETCH(int, dialect);
    QFETCH(QString, shape);
    QCOMPARE(StatementNormalizer::normalize(sql, Dialect(dialect)), shape);
}

void TestSessionFindings::durations()
{
    QCOMPARE(ServerSession::secondsText(3.47), QString("3.4 s"));
    QCOMPARE(ServerSession::secondsText(312.9), QString("312 s"));
    QCOMPARE(ServerSession::durationText(45), QString("45 s"));
    QCOMPARE(ServerSession::durationText(300), QString("5 min"));
    QCOMPARE(ServerSession::durationText(7500), QString("2 h 5 min"));
}

void TestSessionFindings::clientAddress()
{
    ServerSession s;
    s.client = "10.0.0.5:53412";
    QCOMPARE(s.clientAddress(), QString("10.0.0.5"));
    s.client = "[::1]:53412";
    QCOMPARE(s.clientAddress(), QString("::1"));
    s.client = "local";
    QCOMPARE(s.clientAddress(), QString("local"));
    s.client = "fe80::1";
    QCOMPARE(s.clientAddress(), QString("fe80::1"));
    s.client.clear();
    QCOMPARE(s.clientAddress(), QString());
}

void TestSessionFindings::poolerServerConnections()
{
    SuspectRules rules;
    rules.idleInTransactionOver = 60;
    rules.idleOver = 600;
    auto linked = [](ServerSession s, const QString &mode, const QString &client) {
        s.poolerLink = ServerSessionPoolerLink{"pooler", "shop", "app", mode, "idle", client, {}};
        return s;
    };
    ServerSessions sessions{
        linked(session(1, ServerSession::State::Idle, 1200), "transaction", {}),
        linked(session(2, ServerSession::State::Idle, 1200), "statement", {}),
        linked(session(3, ServerSession::State::Idle, 1200), "session", "10.0.0.5:1"),
        linked(session(4, ServerSession::State::IdleInTransaction, 312), "transaction",
               "10.0.0.5:2"),
        linked(session(5, ServerSession::State::Idle, 1200), "session", {})};
    QCOMPARE(rules.apply(sessions), 2);
    // No client holds it: waiting in the pool, whatever the mode.
    QCOMPARE(sessions[4].suspect, QString());
    // Waiting in the pool for the next transaction is how the pooler works.
    QCOMPARE(sessions[0].suspect, QString());
    QCOMPARE(sessions[1].suspect, QString());
    // In session mode it is one client's connection, judged like any other.
    QCOMPARE(sessions[2].suspect, QString("idle for 1200 s (over 600 s)"));
    QCOMPARE(sessions[3].suspect, QString("idle in transaction for 312 s (over 60 s)"));
    QCOMPARE(sessions[3].poolerLink->describe(),
             QString("PgBouncer shop/app (transaction mode), for client 10.0.0.5:2"));
    QCOMPARE(sessions[0].poolerLink->describe(),
             QString("PgBouncer shop/app (transaction mode), idle, no client"));
}

void TestSessionFindings::ageRules()
{
    SuspectRules rules;
    rules.idleInTransactionOver = 60;
    rules.idleOver = 600;
    rules.runningOver = 30;
    ServerSessions sessions{session(1, ServerSession::State::IdleInTransaction, 312.4),
                            session(2, ServerSession::State::IdleInTransaction, 60.0),
                            session(3, ServerSession::State::Idle, 1200),
                            session(4, ServerSession::State::Idle, 599),
                            session(5, ServerSession::State::Active, 45.2),
                            session(6, ServerSession::State::Active, 2),
                            session(7, ServerSession::State::Other, 9999)};
    sessions[1].own = true;
    sessions[0].own = true; // own sessions are judged too
    QCOMPARE(rules.apply(sessions), 3);
    QCOMPARE(sessions[0].suspect, QString("idle in transaction for 312 s (over 60 s)"));
    QVERIFY(sessions[0].own);
    QCOMPARE(sessions[1].suspect, QString()); // exactly at the threshold is not over it
    QCOMPARE(sessions[2].suspect, QString("idle for 1200 s (over 600 s)"));
    QCOMPARE(sessions[3].suspect, QString());
    QCOMPARE(sessions[4].suspect, QString("running for 45 s (over 30 s)"));
    QCOMPARE(sessions[5].suspect, QString());
    QCOMPARE(sessions[6].suspect, QString());

    // Without thresholds nothing is suspect, and old reasons are cleared.
    QVERIFY(SuspectRules().isEmpty());
    QCOMPARE(SuspectRules().apply(sessions), 0);
    QCOMPARE(sessions[0].suspect, QString());

    SuspectRules fractional;
    fractional.idleInTransactionOver = 1.5;
    ServerSession short_ = session(8, ServerSession::State::IdleInTransaction, 2.34);
    QCOMPARE(fractional.reasonFor(short_), QString("idle in transaction for 2.3 s (over 1.5 s)"));
}

void TestSessionFindings::poolLimit()
{
    SuspectRules rules;
    rules.poolLimit = 3;
    rules.idleInTransactionOver = 60;
    ServerSessions sessions;
    for (int i = 1; i <= 4; ++i)
        sessions << session(i, ServerSession::State::Idle, i);
    sessions << session(5, ServerSession::State::IdleInTransaction, 100);
    ServerSession other = session(6, ServerSession::State::Idle, 1);
    other.application = "worker"; // another bind
    sessions << other;
    ServerSession ours = session(7, ServerSession::State::Idle, 1);
    ours.own = true; // never counts toward the program's pool
    sessions << ours;

    const QList<ServerSessionGroup> over = rules.groupsOverLimit(sessions);
    QCOMPARE(over.size(), 1);
    QCOMPARE(over[0].count(), 5);
    QCOMPARE(over[0].reason, QString("5 sessions of one bind, over pool_size + max_overflow = 3"));
    QCOMPARE(rules.apply(sessions), 5);
    QCOMPARE(sessions[0].suspect,
             QString("one of 5 sessions of user app, database shop, client 10.0.0.5, "
                     "application flask (over pool_size + max_overflow = 3)"));
    // The age rule says more about this one than the count.
    QCOMPARE(sessions[4].suspect, QString("idle in transaction for 100 s (over 60 s)"));
    QCOMPARE(sessions[5].suspect, QString());
    QCOMPARE(sessions[6].suspect, QString());

    // Limited to the bind's user: another user's crowd is not this bind's.
    rules.poolUser = "someone-else";
    QCOMPARE(rules.groupsOverLimit(sessions).size(), 0);
}

void TestSessionFindings::poolLimitOfOptions()
{
    PoolOptions options;
    QCOMPARE(SuspectRules::poolLimitOf(options), std::optional<int>(15));
    options.maxOverflow = -1;
    QVERIFY(!SuspectRules::poolLimitOf(options));

    Bind bind{"default", *Url::parse("postgresql://app:secret@db/shop"), PoolOptions()};
    bind.options.poolSize = 2;
    bind.options.maxOverflow = 1;
    const SuspectRules rules = SuspectRules::forBind(bind);
    QCOMPARE(rules.poolLimit, std::optional<int>(3));
    QCOMPARE(rules.poolUser, QString("app"));
    QCOMPARE(rules.poolDatabase, QString("shop"));
    QVERIFY(
        !SuspectRules::forBind(Bind{"s", *Url::parse("sqlite:///x.db"), PoolOptions()}).poolLimit);
}

void TestSessionFindings::groupsByBind()
{
    ServerSessions sessions{session(1, ServerSession::State::Idle, 5),
                            session(2, ServerSession::State::IdleInTransaction, 50),
                            session(3, ServerSession::State::Active, 1)};
    ServerSession other = session(4, ServerSession::State::Idle, 9);
    other.user = "report";
    other.own = true;
    sessions << other;
    const QList<ServerSessionGroup> groups = ServerSessionGroups::byBind(sessions);
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups[0].count(), 3); // largest first
    QCOMPARE(groups[0].kind, ServerSessionGroup::Kind::Bind);
    QCOMPARE(groups[0].pids, (QList<qint64>{2, 1, 3})); // oldest first (transaction age 51)
    QCOMPARE(groups[0].stateCounts[size_t(ServerSession::State::Idle)], 1);
    QCOMPARE(groups[0].stateCounts[size_t(ServerSession::State::IdleInTransaction)], 1);
    QCOMPARE(groups[0].stateCounts[size_t(ServerSession::State::Active)], 1);
    QCOMPARE(groups[0].clientAddress, QString("10.0.0.5")); // ports differ, the address groups
    QCOMPARE(groups[0].oldestAgeSeconds, std::optional<double>(51));
    QCOMPARE(groups[1].user, QString("report"));
    QCOMPARE(groups[1].ownCount, 1);
    QCOMPARE(groups[0].bindLabel(),
             QString("user app, database shop, client 10.0.0.5, application flask"));
    QCOMPARE(ServerSessionGroups::bindKey(sessions[0]), groups[0].key);
}

void TestSessionFindings::findingsGroupSameStatement()
{
    // Fifteen connections stuck after the same UPDATE with different ids, as
    // a leaking request handler leaves them; two unrelated suspects; healthy ones.
    ServerSessions sessions;
    for (int i = 0; i < 15; ++i)
        sessions << session(
            100 + i, ServerSession::State::IdleInTransaction, 10 + i,
            QStringLiteral("UPDATE items SET hits = hits + 1 WHERE id = %1").arg(i));
    sessions << session(200, ServerSession::State::IdleInTransaction, 90, "SELECT * FROM cart");
    sessions << session(201, ServerSession::State::Active, 500, "SELECT pg_sleep(1000)");
    sessions << session(300, ServerSession::State::Idle, 1, "SELECT 1");
    SuspectRules rules;
    rules.idleInTransactionOver = 5;
    rules.runningOver = 60;
    QCOMPARE(rules.apply(sessions), 17);

    const QList<ServerSessionGroup> findings =
        ServerSessionGroups::findings(sessions, Dialect::PostgreSQL);
    QCOMPARE(findings.size(), 3);
    const ServerSessionGroup &stuck = findings[0];
    QCOMPARE(stuck.kind, ServerSessionGroup::Kind::Finding);
    QCOMPARE(stuck.count(), 15);
    QCOMPARE(stuck.statement, QString("UPDATE items SET hits = hits + ? WHERE id = ?"));
    QCOMPARE(stuck.state, ServerSession::State::IdleInTransaction);
    QCOMPARE(stuck.pids.first(), qint64(114)); // the oldest
    QCOMPARE(stuck.pids.last(), qint64(100));
    QCOMPARE(stuck.oldestAgeSeconds, std::optional<double>(25)); // transaction age 24 + 1
    QCOMPARE(stuck.suspectCount, 15);
    QVERIFY2(stuck.describe().startsWith(
                 "15 sessions idle in transaction after `UPDATE items SET hits = hits + ? WHERE "
                 "id = ?` (user app, database shop, client 10.0.0.5, application flask): oldest "
                 "25 s; pids 114, 113,"),
             qPrintable(stuck.describe()));

    const QList<ServerSessionGroup> statements =
        ServerSessionGroups::byStatement(sessions, Dialect::PostgreSQL);
    QCOMPARE(statements.size(), 4);
    QCOMPARE(statements[0].count(), 15);
    QVERIFY(statements[0].user.isEmpty());
}

void TestSessionFindings::history()
{
    ServerSessionHistory history(4);
    auto snapshotWith = [](int second, int leaked) {
        ServerSessionSnapshot snapshot;
        snapshot.dialect = Dialect::PostgreSQL;
        snapshot.takenAt = at(second);
        for (int i = 0; i < leaked; ++i)
            snapshot.sessions << session(i + 1, ServerSession::State::IdleInTransaction, 1,
                                         QStringLiteral("SELECT %1").arg(i));
        ServerSession steady = session(99, ServerSession::State::Idle, 1, "SELECT 1");
        steady.user = "steady";
        snapshot.sessions << steady;
        return snapshot;
    };
    const QString leakyKey = ServerSessionGroups::bindKey(session(1, ServerSession::State::Idle));
    ServerSession steady = session(99, ServerSession::State::Idle);
    steady.user = "steady";
    const QString steadyKey = ServerSessionGroups::bindKey(steady);

    history.add(snapshotWith(0, 1));
    history.add(snapshotWith(1, 2));
    history.add(snapshotWith(2, 3));
    QVERIFY(!history.isGrowing(leakyKey)); // three snapshots show two rises only
    QVERIFY(history.isGrowing(leakyKey, 2));
    history.add(snapshotWith(3, 5));
    QVERIFY(history.isGrowing(leakyKey));
    QVERIFY(!history.isGrowing(steadyKey));
    QCOMPARE(history.countsOf(leakyKey), (QList<int>{1, 2, 3, 5}));
    const QString statementKey = ServerSessionGroups::statementKey(
        session(1, ServerSession::State::IdleInTransaction, 1, "SELECT 7"), Dialect::PostgreSQL);
    QVERIFY(history.isGrowing(statementKey));
    QCOMPARE(history.growingGroups(), (QStringList{leakyKey, statementKey}));

    const ServerSessionHistory::Entry &last = history.entries().last();
    QCOMPARE(last.total, 6);
    QCOMPARE(last.stateCounts[size_t(ServerSession::State::IdleInTransaction)], 5);
    QCOMPARE(last.stateCounts[size_t(ServerSession::State::Idle)], 1);
    QCOMPARE(last.takenAt, at(3));

    // Capacity keeps the last four; a flat step stops the growth.
    history.add(snapshotWith(4, 5));
    QCOMPARE(history.entries().size(), 4);
    QCOMPARE(history.entries().first().takenAt, at(1));
    QVERIFY(!history.isGrowing(leakyKey));
    QVERIFY(history.growingGroups().isEmpty());

    // A failed read is not a snapshot of zero sessions.
    ServerSessionSnapshot failed;
    failed.error = "connection refused";
    history.add(failed);
    QCOMPARE(history.entries().size(), 4);
}

void TestSessionFindings::jsonShape()
{
    ServerSession full = session(4711, ServerSession::State::IdleInTransaction, 312.4567,
                                 "UPDATE t SET \"x\" = 'a\\b'\n\tWHERE id = 1");
    full.backendStart = at(1);
    full.xactStart = at(2);
    full.stateChange = at(3);
    full.suspect = "idle in transaction for 312 s (over 60 s)";
    full.user = QString::fromUtf8("m\xc3\xbcller");
    full.origin = ServerSessionOrigin{4242, "/usr/bin/python3 leak.py --db \"x\"", {}, {}};
    full.poolerLink = ServerSessionPoolerLink{"pooler", "shop",           "app", "transaction",
                                              "active", "10.0.0.5:53412", {}};
    ServerSession bare;
    bare.pid = 12;
    bare.own = true;
    const QByteArray json = ServerSessionFormat::toJson({full, bare});
    QVERIFY(json.endsWith("]\n"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isArray());
    const QJsonArray array = document.array();
    QCOMPARE(array.size(), 2);

    QStringList keys = ServerSessionFormat::jsonKeys();
    QCOMPARE(keys, (QStringList{"pid", "user", "database", "application", "client", "state",
                                "backend_start", "xact_start", "state_change", "query", "idle_s",
                                "transaction_age_s", "own", "suspect", "origin", "pooler"}));
    keys.sort();
    for (const QJsonValue &value : array) {
        QStringList present = value.toObject().keys();
        present.sort();
        QCOMPARE(present, keys);
    }
    // Keys are written in the contract's order.
    QVERIFY(json.indexOf("\"pid\"") < json.indexOf("\"user\""));
    QVERIFY(json.indexOf("\"own\"") < json.indexOf("\"suspect\""));

    const QJsonObject a = array[0].toObject();
    QVERIFY(a["pid"].isDouble());
    QCOMPARE(a["pid"].toInteger(), 4711);
    QCOMPARE(a["user"].toString(), QString::fromUtf8("m\xc3\xbcller"));
    QCOMPARE(a["state"].toString(), QString("idle_in_transaction"));
    QCOMPARE(a["backend_start"].toString(), QString("2024-05-01T12:00:01.250Z"));
    QCOMPARE(a["xact_start"].toString(), QString("2024-05-01T12:00:02.250Z"));
    QCOMPARE(a["state_change"].toString(), QString("2024-05-01T12:00:03.250Z"));
    QCOMPARE(a["query"].toString(), full.query);
    QVERIFY(a["idle_s"].isDouble());
    QCOMPARE(a["idle_s"].toDouble(), 312.457);
    QCOMPARE(a["transaction_age_s"].toDouble(), 313.457);
    QCOMPARE(a["own"], QJsonValue(false));
    QCOMPARE(a["suspect"].toString(), full.suspect);
    QCOMPARE(a["client"].toString(), QString("10.0.0.5:44711"));
    const QJsonObject origin = a["origin"].toObject();
    QCOMPARE(origin.keys(), (QStringList{"application", "code", "command", "pid"}));
    QCOMPARE(origin["pid"].toInteger(), 4242);
    QCOMPARE(origin["command"].toString(), full.origin->command);
    QVERIFY(origin["application"].isNull());
    QVERIFY(origin["code"].isNull());
    const QJsonObject pooler = a["pooler"].toObject();
    QCOMPARE(pooler.keys(), (QStringList{"client", "client_application", "console", "database",
                                         "pool_mode", "server_state", "user"}));
    QCOMPARE(pooler["pool_mode"].toString(), QString("transaction"));
    QCOMPARE(pooler["client"].toString(), QString("10.0.0.5:53412"));
    QVERIFY(pooler["client_application"].isNull());

    const QJsonObject b = array[1].toObject();
    QCOMPARE(b["state"].toString(), QString("other"));
    QCOMPARE(b["own"], QJsonValue(true));
    for (const char *key :
         {"user", "database", "application", "client", "backend_start", "xact_start",
          "state_change", "query", "idle_s", "transaction_age_s", "suspect", "origin", "pooler"})
        QVERIFY2(b[QLatin1String(key)].isNull(), key);
}

void TestSessionFindings::jsonEmpty()
{
    QCOMPARE(ServerSessionFormat::toJson({}), QByteArray("[]\n"));
    QVERIFY(QJsonDocument::fromJson(ServerSessionFormat::toJson({})).isArray());
}

void TestSessionFindings::table()
{
    ServerSessionSnapshot snapshot;
    snapshot.dialect = Dialect::PostgreSQL;
    snapshot.takenAt = at(0);
    snapshot.sessions << session(7, ServerSession::State::IdleInTransaction, 312,
                                 "UPDATE items SET hits = hits + 1 WHERE id = 3")
                      << session(12345, ServerSession::State::Idle, 4, "SELECT 1");
    snapshot.sessions[1].own = true;
    snapshot.sessions[1].application = "poolscope:default";
    SuspectRules rules;
    rules.idleInTransactionOver = 60;
    rules.apply(snapshot);
    const QString table = ServerSessionFormat::toTable(snapshot, rules);
    const QStringList lines = table.split('\n');
    QVERIFY(lines[0].startsWith("      PID  USER"));
    // Columns line up: the state column starts at the same offset in every row.
    const qsizetype stateAt = lines[0].indexOf("STATE");
    QCOMPARE(lines[1].indexOf("idle in transaction"), stateAt);
    QCOMPARE(lines[2].indexOf("idle "), stateAt);
    QVERIFY(lines[1].startsWith("!       7  app"));
    QVERIFY(lines[2].startsWith(" *  12345  app"));
    QVERIFY(lines[1].endsWith("idle in transaction for 312 s (over 60 s)"));
    QVERIFY(table.contains(
        "2 sessions (0 active, 1 idle, 1 idle in transaction, 0 other), 1 suspect."));
    QVERIFY(table.contains("Findings:\n  1 session idle in transaction after `UPDATE items SET "
                           "hits = hits + ? WHERE id = ?`"));
}

void TestSessionFindings::originCellsAndCommands()
{
    ServerSessionSnapshot snapshot;
    snapshot.dialect = Dialect::PostgreSQL;
    snapshot.takenAt = at(0);
    snapshot.sessions << session(7, ServerSession::State::Idle, 3, "SELECT 1")
                      << session(8, ServerSession::State::Idle, 3, "SELECT 1");
    snapshot.sessions[0].origin =
        ServerSessionOrigin{4242, "/usr/local/bin/gunicorn app:app -w 4", {}, {}};
    const QStringList lines = ServerSessionFormat::toTable(snapshot).split('\n');
    const qsizetype originAt = lines[0].indexOf("ORIGIN");
    QVERIFY(originAt > lines[0].indexOf("CLIENT"));
    QCOMPARE(lines[1].indexOf("4242 gunicorn"), originAt);
    QCOMPARE(lines[2].indexOf("- "), originAt);

    QCOMPARE(snapshot.sessions[0].origin->programName(), QString("gunicorn"));
    QCOMPARE(snapshot.sessions[0].origin->shortCommand(), QString("gunicorn app:app -w 4"));
    const ServerSessionOrigin probed{0, {}, "shop", {}};
    QCOMPARE(probed.programName(), QString("shop"));

    QCOMPARE(LocalClientFinder::scrubbedCommand(
                 "python3 leak.py postgresql://app:S3cret@127.0.0.1:5432/shop"),
             QString("python3 leak.py postgresql://app:***@127.0.0.1:5432/shop"));
    QCOMPARE(LocalClientFinder::scrubbedCommand("psql host=db password='a b' dbname=x"),
             QString("psql host=db password=*** dbname=x"));
    QCOMPARE(LocalClientFinder::scrubbedCommand("tool --password hunter22 --db-password=x1"),
             QString("tool --password *** --db-password=***"));
    QCOMPARE(LocalClientFinder::scrubbedCommand("python3 app.py --port 5432"),
             QString("python3 app.py --port 5432"));
}

void TestSessionFindings::confirmationTexts()
{
    ServerSession s = session(4711, ServerSession::State::IdleInTransaction, 300);
    s.xactStart = at(0);
    QCOMPARE(ServerSessionActions::confirmationText(ServerSessionActions::Action::EndSession,
                                                    Dialect::PostgreSQL, s),
             QString("End session 4711 of user app on shop (idle in transaction for 5 min, "
                     "application 'flask')? The client's open transaction is rolled back and its "
                     "next statement fails with a lost-connection error."));
    QString why;
    QVERIFY(!ServerSessionActions::isOffered(ServerSessionActions::Action::CancelStatement,
                                             Dialect::PostgreSQL, s, &why));
    QCOMPARE(why, QString("Session 4711 is not running a statement."));
    QVERIFY(ServerSessionActions::isOffered(ServerSessionActions::Action::EndSession,
                                            Dialect::MySQL, s, &why));
    QVERIFY(why.isEmpty());

    ServerSession running = session(99, ServerSession::State::Active, 3, "SELECT pg_sleep(60)");
    QVERIFY(ServerSessionActions::isOffered(ServerSessionActions::Action::CancelStatement,
                                            Dialect::PostgreSQL, running));
    const QString cancel = ServerSessionActions::confirmationText(
        ServerSessionActions::Action::CancelStatement, Dialect::PostgreSQL, running);
    QVERIFY2(cancel.startsWith("Cancel the statement that session 99 is running? `SELECT "
                               "pg_sleep(60)` (running for 3 s). The statement fails"),
             qPrintable(cancel));
    QVERIFY(cancel.contains("stays connected"));
    QVERIFY(ServerSessionActions::confirmationText(ServerSessionActions::Action::CancelStatement,
                                                   Dialect::MySQL, running)
                .contains("Query execution was interrupted"));

    ServerSession idle = session(5, ServerSession::State::Idle, 20);
    idle.application.clear();
    idle.own = true;
    const QString end = ServerSessionActions::confirmationText(
        ServerSessionActions::Action::EndSession, Dialect::MySQL, idle);
    QVERIFY2(end.startsWith("End session 5 of user app on shop (idle for 20 s)? The client's next "
                            "statement fails with a lost-connection error"),
             qPrintable(end));
    QVERIFY(end.contains("one of poolscope's own connections"));
}

void TestSessionFindings::sqliteActionsNotOffered()
{
    ServerSession holder;
    holder.pid = 4242;
    holder.program = "python3";
    for (auto action : {ServerSessionActions::Action::CancelStatement,
                        ServerSessionActions::Action::EndSession}) {
        QString why;
        QVERIFY(!ServerSessionActions::isOffered(action, Dialect::SQLite, holder, &why));
        QVERIFY2(why.contains("process 4242 (python3)"), qPrintable(why));
    }
}

QTEST_GUILESS_MAIN(TestSessionFindings)
#include "tst_sessionfindings.moc"

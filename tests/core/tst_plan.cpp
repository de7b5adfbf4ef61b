// Query plans from the three real servers: Explain and Explain Analyze through
// a session, on the demo shop, as a tree the plan view and `poolscope explain`
// show; Analyze of a write changes nothing, as the server confirms.
#include "core/models/plantreemodel.h"
#include "core/plan/explaintask.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/demoshop.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <memory>

namespace {

struct Explained
{
    QueryPlan plan;
    QString taskError; // the session's: "Cancelled", a lost connection
};

Explained explain(Session &session, const QString &sql, bool analyze,
                  const std::function<void()> &whileRunning = {})
{
    Explained out;
    bool done = false;
    QObject context;
    QObject::connect(&session, &Session::taskFinished, &context,
                     [&](const QVariant &value, const QString &error) {
                         out.plan = value.value<QueryPlan>();
                         out.taskError = error;
                         done = true;
                     });
    if (!session.runTask(ExplainTask::task(sql, analyze))) {
        out.taskError = QStringLiteral("the session is busy");
        return out;
    }
    if (whileRunning)
        whileRunning();
    if (!testsupport::waitUntil([&] { return done; }, 60000))
        out.taskError = QStringLiteral("no plan in time");
    return out;
}

QList<const PlanNode *> nodesOn(const QueryPlan &plan, const QString &table)
{
    QList<const PlanNode *> out;
    for (const auto &[node, depth] : plan.flatten()) {
        if (node->relation.split(QLatin1Char(' ')).contains(table))
            out << node;
    }
    return out;
}

int hottestCount(const QueryPlan &plan)
{
    int count = 0;
    for (const auto &[node, depth] : plan.flatten())
        count += node->hottest ? 1 : 0;
    return count;
}

} // namespace

class TestPlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase();
    void explainShowsTheSteps_data() { testsupport::addDialectRows(); }
    void explainShowsTheSteps();
    void analyzeGivesWhatHappened_data() { testsupport::addDialectRows(); }
    void analyzeGivesWhatHappened();
    void analyzeOfAWriteChangesNothing_data() { testsupport::addDialectRows(); }
    void analyzeOfAWriteChangesNothing();
    void analyzeInAnOpenTransactionKeepsItsWork_data() { testsupport::addDialectRows(); }
    void analyzeInAnOpenTransactionKeepsItsWork();
    void cancelledAnalyzeRollsBack_data() { testsupport::addDialectRows(); }
    void cancelledAnalyzeRollsBack();
    void errorsPointIntoTheStatement_data() { testsupport::addDialectRows(); }
    void errorsPointIntoTheStatement();
    void commandLine_data() { testsupport::addDialectRows(); }
    void commandLine();

private:
    const DemoShop &shop(Dialect dialect);
    QString table(Dialect dialect, const QString &name);

    std::map<Dialect, DemoShop> m_shops;
};

const DemoShop &TestPlan::shop(Dialect dialect)
{
    auto found = m_shops.find(dialect);
    if (found == m_shops.end()) {
        QString why;
        const std::optional<Url> url = testsupport::databaseUrl(dialect, &why);
        DemoShop created;
        if (url)
            created = DemoShop::create(dialect, *url);
        else
            created.error = why;
        found = m_shops.emplace(dialect, created).first;
    }
    return found->second;
}

QString TestPlan::table(Dialect dialect, const QString &name)
{
    return dialects::qualifiedName(dialect, shop(dialect).schemaName, name);
}

void TestPlan::cleanupTestCase()
{
    for (auto &entry : m_shops) {
        QString error;
        if (entry.second.error.isEmpty())
            QVERIFY2(entry.second.drop(&error), qPrintable(error));
    }
}

#define SHOP_OR_SKIP(dialect)                                                                      \
    if (!shop(dialect).error.isEmpty()) {                                                          \
        if (testsupport::serversRequired() || dialect == Dialect::SQLite)                          \
            QFAIL(qPrintable(shop(dialect).error));                                                \
        QSKIP(qPrintable(shop(dialect).error));                                                    \
    }

void TestPlan::explainShowsTheSteps()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    Engine engine(testsupport::makeBind(shop(dialect).url, QStringLiteral("plan")));
    Session session(&engine, QStringLiteral("plan"));
    const QString sql = QStringLiteral("SELECT c.name, count(*) FROM %1 o JOIN %2 c ON c.id = "
                                       "o.customer_id WHERE c.country = 'DE' GROUP BY c.name;")
                            .arg(table(dialect, QStringLiteral("orders")),
                                 table(dialect, QStringLiteral("customers")));
    const Explained explained = explain(session, sql, false);
    QVERIFY2(explained.taskError.isEmpty(), qPrintable(explained.taskError));
    const QueryPlan &plan = explained.plan;
    QVERIFY2(plan.isValid(), qPrintable(plan.error));
    QVERIFY(!plan.analyzed);
    QVERIFY(!plan.sql.endsWith(QLatin1Char(';')));
    QVERIFY(!nodesOn(plan, QStringLiteral("o")).isEmpty() ||
            !nodesOn(plan, QStringLiteral("orders")).isEmpty());
    QVERIFY(!nodesOn(plan, QStringLiteral("c")).isEmpty() ||
            !nodesOn(plan, QStringLiteral("customers")).isEmpty());
    QVERIFY(plan.flatten().size() >= 3);
    for (const auto &[node, depth] : plan.flatten()) {
        QVERIFY(!node->actualRows);
        QVERIFY(!node->selfMs);
    }
    if (dialect == Dialect::SQLite) {
        QVERIFY(!plan.serverText.isEmpty());
        QCOMPARE(hottestCount(plan), 0); // SQLite gives no numbers to rank by
    } else {
        bool estimated = false;
        for (const auto &[node, depth] : plan.flatten())
            estimated = estimated || node->estimatedRows.has_value();
        QVERIFY(estimated);
        QVERIFY(!QJsonDocument::fromJson(plan.serverText.toUtf8()).isNull());
    }
    if (dialect == Dialect::PostgreSQL)
        QCOMPARE(hottestCount(plan), 1); // by cost
    // The statement was not run: the session holds no transaction, no connection.
    QVERIFY(!session.inTransaction());

    PlanTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(plan);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, PlanTreeModel::Step).data().toString(), plan.root.operation);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestPlan::analyzeGivesWhatHappened()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    Engine engine(testsupport::makeBind(shop(dialect).url, QStringLiteral("plan")));
    Session session(&engine, QStringLiteral("plan"));
    const QString orders = table(dialect, QStringLiteral("orders"));
    const QString count = testsupport::ServerProbe(shop(dialect).url)
                              .scalar(QStringLiteral("SELECT count(*) FROM %1").arg(orders));
    QVERIFY(count.toInt() > 1000);
    const QString sql =
        QStringLiteral("SELECT o.status, count(*) FROM %1 o GROUP BY o.status").arg(orders);
    const Explained explained = explain(session, sql, true);
    QVERIFY2(explained.taskError.isEmpty(), qPrintable(explained.taskError));
    const QueryPlan &plan = explained.plan;
    QVERIFY2(plan.isValid(), qPrintable(plan.error));
    QVERIFY(plan.analyzed);
    QVERIFY(!plan.rolledBack); // a SELECT: nothing to say about rolling back
    QVERIFY(plan.executionMs.value_or(0) > 0);
    if (dialect == Dialect::SQLite) {
        // The whole statement measured: one row per status.
        const QString statuses =
            testsupport::ServerProbe(shop(dialect).url)
                .scalar(QStringLiteral("SELECT count(DISTINCT status) FROM %1").arg(orders));
        QCOMPARE(plan.root.actualRows.value_or(-1), statuses.toDouble());
        QVERIFY(plan.root.totalMs.value_or(0) > 0);
        QVERIFY(!plan.notes.isEmpty());
        return;
    }
    // The step that reads orders read every order, over all its loops.
    double ordersRead = 0;
    for (const PlanNode *node : nodesOn(plan, QStringLiteral("o")))
        ordersRead += node->actualRows.value_or(0) * node->loops.value_or(1);
    // Rows are per loop and rounded: parallel workers make three loops.
    QVERIFY2(qAbs(ordersRead - count.toDouble()) <= count.toDouble() / 100,
             qPrintable(QStringLiteral("%1 of %2 orders").arg(ordersRead).arg(count)));
    QCOMPARE(hottestCount(plan), 1);
    double selfSum = 0;
    for (const auto &[node, depth] : plan.flatten())
        selfSum += node->selfMs.value_or(0);
    QVERIFY(selfSum > 0);
    PlanTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(plan);
    const QModelIndex hottest = model.hottestIndex();
    QVERIFY(hottest.isValid());
    QVERIFY(hottest.data(PlanTreeModel::HottestRole).toBool());
    QVERIFY(!hottest.data(Qt::ToolTipRole).toString().isEmpty());
}

void TestPlan::analyzeOfAWriteChangesNothing()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    Engine engine(testsupport::makeBind(shop(dialect).url, QStringLiteral("plan")));
    Session session(&engine, QStringLiteral("plan"));
    const QString customers = table(dialect, QStringLiteral("customers"));
    testsupport::ServerProbe probe(shop(dialect).url);
    const QString before =
        probe.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE country = 'ZZ'").arg(customers));
    const Explained explained =
        explain(session,
                QStringLiteral("UPDATE %1 SET country = 'ZZ' WHERE id <= 50").arg(customers), true);
    QVERIFY2(explained.taskError.isEmpty(), qPrintable(explained.taskError));
    QVERIFY2(explained.plan.isValid(), qPrintable(explained.plan.error));
    QVERIFY(explained.plan.rolledBack);
    QVERIFY(explained.plan.notes.join(QLatin1Char(' ')).contains(QLatin1String("rolled back")));
    QCOMPARE(
        probe.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE country = 'ZZ'").arg(customers)),
        before);
    QVERIFY(!session.inTransaction());
    QVERIFY(session.connection() == nullptr); // returned to the pool
}

void TestPlan::analyzeInAnOpenTransactionKeepsItsWork()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    Engine engine(testsupport::makeBind(shop(dialect).url, QStringLiteral("plan")));
    Session session(&engine, QStringLiteral("plan"));
    session.setMode(Session::Mode::Transaction);
    const QString customers = table(dialect, QStringLiteral("customers"));
    QVERIFY(
        testsupport::run(&session,
                         QStringLiteral("UPDATE %1 SET country = 'YY' WHERE id = 1").arg(customers))
            .ok);
    QVERIFY(session.inTransaction());
    const Explained explained = explain(
        session, QStringLiteral("UPDATE %1 SET country = 'XX' WHERE country = 'YY'").arg(customers),
        true);
    QVERIFY2(explained.plan.isValid(), qPrintable(explained.plan.error));
    QVERIFY(explained.plan.notes.join(QLatin1Char(' ')).contains(QLatin1String("savepoint")));
    // The transaction is still open and still holds its own change.
    QVERIFY(session.inTransaction());
    QList<QStringList> rows;
    QVERIFY(testsupport::run(&session,
                             QStringLiteral("SELECT country FROM %1 WHERE id = 1").arg(customers),
                             &rows)
                .ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("YY"));
    QVERIFY(session.rollback());
    QVERIFY(testsupport::waitUntil([&] { return !session.inTransaction(); }));
}

void TestPlan::cancelledAnalyzeRollsBack()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    Engine engine(testsupport::makeBind(shop(dialect).url, QStringLiteral("plan")));
    Session session(&engine, QStringLiteral("plan"));
    const Explained explained = explain(session, testsupport::endlessStatement(dialect), true, [&] {
        QTest::qWait(500);
        session.cancel();
    });
    QVERIFY(explained.taskError == QLatin1String("Cancelled") ||
            explained.plan.error == QLatin1String("Cancelled"));
    QVERIFY(!explained.plan.isValid());
    QVERIFY(!session.inTransaction());
    // The connection is still good for the next statement.
    QList<QStringList> rows;
    QVERIFY(testsupport::run(&session, QStringLiteral("SELECT 7"), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("7"));
}

void TestPlan::errorsPointIntoTheStatement()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    Engine engine(testsupport::makeBind(shop(dialect).url, QStringLiteral("plan")));
    Session session(&engine, QStringLiteral("plan"));
    const QString sql = QStringLiteral("SELECT * FROM no_such_table_here");
    for (bool analyze : {false, true}) {
        const Explained explained = explain(session, sql, analyze);
        QVERIFY(!explained.plan.isValid());
        QVERIFY2(explained.plan.error.contains(QLatin1String("no_such_table_here")),
                 qPrintable(explained.plan.error));
        QVERIFY(explained.plan.errorPosition < int(sql.size()));
        if (dialect == Dialect::PostgreSQL)
            QCOMPARE(explained.plan.errorPosition, int(sql.indexOf(QLatin1String("no_such"))));
        QVERIFY(!session.inTransaction());
    }
    const Explained twice = explain(session, QStringLiteral("EXPLAIN SELECT 1"), false);
    QVERIFY(twice.plan.error.contains(QLatin1String("EXPLAIN already")));
    // A second statement in the text would run for real after the EXPLAIN of the first.
    const QString victim = testsupport::uniqueIdentifier(QStringLiteral("victim"));
    testsupport::ServerProbe probe(shop(dialect).url);
    QVERIFY(probe.exec(QStringLiteral("CREATE TABLE %1 (x INTEGER)").arg(victim)));
    for (bool analyze : {false, true}) {
        const Explained two =
            explain(session, QStringLiteral("SELECT 1; DROP TABLE %1;").arg(victim), analyze);
        QVERIFY2(two.plan.error.contains(QLatin1String("one statement")),
                 qPrintable(two.plan.error));
    }
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(victim)));
}

void TestPlan::commandLine()
{
    QFETCH(Dialect, dialect);
    SHOP_OR_SKIP(dialect)
    const QString url = shop(dialect).url.render(false);
    const QString customers = table(dialect, QStringLiteral("customers"));
    auto poolscope = [](const QStringList &arguments) {
        return testsupport::runProgram(QStringLiteral(POOLSCOPE_BINARY), arguments);
    };
    const auto text = poolscope({QStringLiteral("explain"), url,
                                 QStringLiteral("SELECT * FROM %1 WHERE id = 3").arg(customers)});
    QCOMPARE(text.exit, 0);
    QVERIFY2(text.out.startsWith("step"), text.out.constData());
    QVERIFY(text.out.contains("customers"));

    const auto json =
        poolscope({QStringLiteral("explain"), url, QStringLiteral("--analyze"),
                   QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("UPDATE %1 SET name = 'gone' WHERE id <= 5").arg(customers)});
    QCOMPARE(json.exit, 0);
    QVERIFY(json.err.contains("rolled back"));
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value(QLatin1String("analyzed")).toBool(), true);
    QCOMPARE(object.value(QLatin1String("rolled_back")).toBool(), true);
    QVERIFY(object.value(QLatin1String("plan")).toObject().contains(QLatin1String("children")));
    QCOMPARE(
        testsupport::ServerProbe(shop(dialect).url)
            .scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE name = 'gone'").arg(customers)),
        QStringLiteral("0"));

    const auto bad = poolscope({QStringLiteral("explain"), url, QStringLiteral("SELEC 1")});
    QCOMPARE(bad.exit, 2);
    QVERIFY(bad.err.startsWith("poolscope explain: "));
    QVERIFY(!bad.err.contains(shop(dialect).url.password().toUtf8()) ||
            shop(dialect).url.password().isEmpty());
    const auto usage = poolscope({QStringLiteral("explain"), url});
    QCOMPARE(usage.exit, 1);
}

QTEST_GUILESS_MAIN(TestPlan)
#include "tst_plan.moc"

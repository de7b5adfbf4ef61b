// The parts of query plans that need no server: what counts as a write, the
// readers on the servers' documented shapes and on garbage, the hottest-step
// rule, the text form and the tree model.
#include "core/models/plantreemodel.h"
#include "core/plan/mysqlplanreader.h"
#include "core/plan/planformat.h"
#include "core/plan/postgresplanreader.h"
#include "core/plan/sqliteplanreader.h"
#include "core/sql/statementkind.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestPlanReaders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mayWrite_data();
    void mayWrite();
    void postgresNestedPlan();
    void garbageIsOneClearError_data();
    void garbageIsOneClearError();
    void mysqlJsonShape();
    void sqliteRowsMakeATree();
    void hottestRule();
    void textAndJson();
    void modelOverADeepTree();
};

void TestPlanReaders::mayWrite_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("writes");
    const int pg = int(Dialect::PostgreSQL);
    const int my = int(Dialect::MySQL);
    QTest::newRow("select") << pg << "SELECT * FROM t" << false;
    QTest::newRow("comment first") << pg << "/* UPDATE */ -- DELETE\n select 1" << false;
    QTest::newRow("for update") << pg << "SELECT * FROM t FOR UPDATE" << false;
    QTest::newRow("for no key update") << pg << "SELECT * FROM t FOR NO KEY UPDATE" << false;
    QTest::newRow("words in strings") << pg << "SELECT 'DELETE FROM t', \"insert\" FROM t" << false;
    QTest::newRow("column named like a verb") << pg << "SELECT t.update, deleted FROM t" << false;
    QTest::newRow("update") << pg << "update t set a = 1" << true;
    QTest::newRow("writing cte") << pg << "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"
                                 << true;
    QTest::newRow("select into") << pg << "SELECT * INTO copy FROM t" << true;
    QTest::newRow("ddl") << pg << "CREATE TABLE x (a int)" << true;
    QTest::newRow("parenthesised select") << pg << "(SELECT 1) UNION (SELECT 2)" << false;
    QTest::newRow("explain analyze delete") << pg << "EXPLAIN ANALYZE DELETE FROM t" << true;
    QTest::newRow("explain create") << pg << "EXPLAIN CREATE TABLE x AS SELECT 1" << false;
    QTest::newRow("mysql replace") << my << "REPLACE INTO t VALUES (1)" << true;
    QTest::newRow("mysql comment") << my << "# UPDATE t\nSHOW TABLES" << false;
    QTest::newRow("empty") << pg << "  ;" << false;
}

void TestPlanReaders::mayWrite()
{
    QFETCH(int, dialect);
    QFETCH(QString, sql);
    QFETCH(bool, writes);
    QCOMPARE(StatementKind::mayWrite(sql, Dialect(dialect)), writes);
}

void TestPlanReaders::postgresNestedPlan()
{
    const QString json = QString::fromUtf8(R"json([{"Plan": {"Node Type": "Nested Loop",
        "Total Cost": 100, "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1,
        "Actual Total Time": 5.0, "Join Type": "Inner", "Plans": [
          {"Node Type": "Seq Scan", "Relation Name": "a", "Alias": "x", "Total Cost": 20,
           "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 1.0,
           "Filter": "(k > 1)"},
          {"Node Type": "Index Scan", "Relation Name": "b", "Alias": "b", "Index Name": "b_pkey",
           "Total Cost": 70, "Plan Rows": 1, "Actual Rows": 1, "Actual Loops": 10,
           "Actual Total Time": 0.3, "Index Cond": "(id = x.b_id)"}]},
      "Planning Time": 0.5, "Execution Time": 5.2,
      "Triggers": [{"Trigger Name": "audit", "Relation": "a", "Time": 0.1, "Calls": 2}]}])json");
    QueryPlan plan;
    plan.analyzed = true;
    QVERIFY(PostgresPlanReader::read(json, plan));
    plan.finish();
    QCOMPARE(plan.root.operation, QStringLiteral("Nested Loop"));
    QCOMPARE(plan.root.children.size(), size_t(2));
    const PlanNode &scan = plan.root.children.at(0);
    QCOMPARE(scan.relation, QStringLiteral("a x"));
    QVERIFY(scan.fullScan);
    QCOMPARE(scan.detail, QStringLiteral("Filter: (k > 1)"));
    const PlanNode &index = plan.root.children.at(1);
    // 0.3 ms per loop over ten loops.
    QCOMPARE(*index.totalMs, 3.0);
    QCOMPARE(*plan.root.selfMs, 1.0);
    QVERIFY(index.hottest);
    QVERIFY(!index.fullScan);
    QCOMPARE(*plan.planningMs, 0.5);
    QCOMPARE(plan.notes.size(), 1);
    QVERIFY(plan.notes.first().contains(QLatin1String("audit")));
}

void TestPlanReaders::garbageIsOneClearError_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("not json") << QStringLiteral("Seq Scan on t");
    QTest::newRow("empty array") << QStringLiteral("[]");
    QTest::newRow("no plan") << QStringLiteral("[{\"Planning Time\": 1}]");
    QTest::newRow("wrong types") << QStringLiteral("{\"query_block\": 7, \"Plan\": \"x\"}");
    QTest::newRow("truncated") << QStringLiteral("[{\"Plan\": {\"Node Type\": \"Sort\"");
}

void TestPlanReaders::garbageIsOneClearError()
{
    QFETCH(QString, text);
    QueryPlan postgres;
    QVERIFY(!PostgresPlanReader::read(text, postgres));
    QVERIFY(postgres.error.startsWith(QLatin1String("The server's plan could not be read")));
    QVERIFY(!postgres.isValid());
    QueryPlan mysql;
    QVERIFY(!MysqlPlanReader::read(text, mysql));
    QVERIFY(!mysql.error.isEmpty());
    QVERIFY(!SqlitePlanReader::read({}, mysql));
}

void TestPlanReaders::mysqlJsonShape()
{
    // MySQL 8's EXPLAIN FORMAT=JSON: costs as text, rows_examined_per_scan.
    const QString json = QString::fromUtf8(R"json({"query_block": {"select_id": 1,
        "cost_info": {"query_cost": "1.20"}, "nested_loop": [
          {"table": {"table_name": "t1", "access_type": "ALL", "rows_examined_per_scan": 9,
                     "cost_info": {"read_cost": "0.25"}}},
          {"table": {"table_name": "t2", "access_type": "ref", "key": "k",
                     "rows_examined_per_scan": 1, "attached_condition": "(t2.a = 1)"}}]}})json");
    QueryPlan plan;
    QVERIFY(MysqlPlanReader::read(json, plan));
    QCOMPARE(plan.root.operation, QStringLiteral("query_block"));
    QCOMPARE(plan.root.children.size(), size_t(2));
    QCOMPARE(plan.root.children.at(0).operation, QStringLiteral("ALL"));
    QCOMPARE(*plan.root.children.at(0).estimatedRows, 9.0);
    QVERIFY(plan.root.children.at(0).fullScan);
    QCOMPARE(plan.root.children.at(1).detail,
             QStringLiteral("attached_condition: (t2.a = 1); key: k"));
    bool costShown = false;
    for (const auto &property : plan.root.properties)
        costShown = costShown || property == qMakePair(QStringLiteral("cost_info.query_cost"),
                                                       QStringLiteral("1.20"));
    QVERIFY(costShown);
}

void TestPlanReaders::sqliteRowsMakeATree()
{
    QueryPlan plan;
    QVERIFY(SqlitePlanReader::read(
        {{2, 0, QStringLiteral("SCAN o")},
         {5, 0, QStringLiteral("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)")},
         {9, 0, QStringLiteral("CORRELATED SCALAR SUBQUERY 1")},
         {12, 9, QStringLiteral("SCAN i USING COVERING INDEX idx")},
         {20, 0, QStringLiteral("USE TEMP B-TREE FOR ORDER BY")},
         {30, 77, QStringLiteral("SCAN orphan")}},
        plan));
    QCOMPARE(plan.root.operation, QStringLiteral("QUERY PLAN"));
    QCOMPARE(plan.root.children.size(), size_t(5)); // four at the top, the orphan added
    QVERIFY(plan.root.children.at(0).fullScan);
    QCOMPARE(plan.root.children.at(1).relation, QStringLiteral("c"));
    QVERIFY(!plan.root.children.at(1).fullScan);
    QCOMPARE(plan.root.children.at(2).children.size(), size_t(1));
    QVERIFY(!plan.root.children.at(2).children.at(0).fullScan);
    QCOMPARE(plan.root.children.at(4).relation, QStringLiteral("orphan"));
    plan.finish();
    QCOMPARE(plan.flatten().size(), 7);
}

void TestPlanReaders::hottestRule()
{
    QueryPlan plan;
    plan.root.operation = QStringLiteral("Sort");
    plan.root.totalMs = 10;
    PlanNode child;
    child.operation = QStringLiteral("filesort");
    child.totalMs = 1; // reads less than its child: it accounts for the child's 8
    PlanNode leaf;
    leaf.operation = QStringLiteral("ALL");
    leaf.totalMs = 8;
    child.children.push_back(leaf);
    plan.root.children.push_back(child);
    plan.finish();
    QCOMPARE(*plan.root.selfMs, 2.0);
    QCOMPARE(*plan.root.children.at(0).selfMs, 0.0);
    QVERIFY(plan.root.children.at(0).children.at(0).hottest);
    QVERIFY(!plan.root.hottest);

    QueryPlan alone; // one measured step is not a ranking
    alone.root.operation = QStringLiteral("QUERY PLAN");
    alone.root.totalMs = 4;
    PlanNode scan;
    scan.operation = QStringLiteral("SCAN t");
    alone.root.children.push_back(scan);
    alone.finish();
    QVERIFY(!alone.root.hottest);
}

void TestPlanReaders::textAndJson()
{
    QueryPlan plan;
    plan.dialect = Dialect::PostgreSQL;
    plan.analyzed = true;
    plan.rolledBack = true;
    plan.serverText = QStringLiteral("[{\"Plan\": {}}]");
    plan.root.operation = QStringLiteral("Update");
    plan.root.relation = QStringLiteral("t");
    plan.root.totalMs = 2;
    plan.root.actualRows = 0;
    PlanNode scan;
    scan.operation = QStringLiteral("Seq Scan");
    scan.relation = QStringLiteral("t");
    scan.fullScan = true;
    scan.totalMs = 1.5;
    scan.estimatedRows = 3;
    scan.actualRows = 2.5;
    scan.detail = QStringLiteral("Filter: (a = 1)");
    plan.root.children.push_back(scan);
    plan.notes << QStringLiteral("It ran inside a transaction that was rolled back.");
    plan.finish();
    const QStringList lines = PlanFormat::text(plan).split(QLatin1Char('\n'));
    QVERIFY(lines.at(0).startsWith(QLatin1String("step")));
    QVERIFY(!lines.at(0).contains(QLatin1String("loops"))); // no step has loops
    QVERIFY(lines.at(1).startsWith(QLatin1String("Update")));
    QVERIFY(lines.at(2).startsWith(QLatin1String("  Seq Scan *")));
    QVERIFY(lines.at(2).contains(QLatin1String("2.50")));
    QVERIFY(lines.at(2).contains(QLatin1String("full scan; Filter: (a = 1)")));
    QVERIFY(lines.contains(QStringLiteral("* took the most time of its own")));
    QVERIFY(lines.contains(plan.notes.first()));
    const QJsonObject json = QJsonDocument::fromJson(PlanFormat::json(plan)).object();
    QCOMPARE(json.value(QLatin1String("dialect")).toString(), QStringLiteral("postgresql"));
    QVERIFY(json.value(QLatin1String("server_plan")).isArray());
    const QJsonObject root = json.value(QLatin1String("plan")).toObject();
    QCOMPARE(root.value(QLatin1String("self_ms")).toDouble(), 0.5);
    QVERIFY(root.value(QLatin1String("estimated_rows")).isNull());
}

void TestPlanReaders::modelOverADeepTree()
{
    QueryPlan plan;
    plan.root.operation = QStringLiteral("root");
    plan.root.cost = 100;
    PlanNode *at = &plan.root;
    for (int depth = 1; depth <= 4; ++depth) {
        for (int i = 0; i < 3; ++i) {
            PlanNode node;
            node.operation = QStringLiteral("step %1.%2").arg(depth).arg(i);
            node.cost = 100.0 / (depth + 1) / (i + 1);
            at->children.push_back(node);
        }
        at = &at->children.back();
    }
    plan.finish();
    PlanTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(plan);
    QModelIndex index = model.index(0, 0);
    for (int depth = 1; depth <= 4; ++depth) {
        QCOMPARE(model.rowCount(index), 3);
        index = model.index(2, 0, index);
        QCOMPARE(index.data().toString(), QStringLiteral("step %1.2").arg(depth));
        QCOMPARE(model.parent(index).isValid(), true);
    }
    const QModelIndex hottest = model.hottestIndex();
    QVERIFY(hottest.isValid());
    QCOMPARE(hottest.data(PlanTreeModel::HottestRole).toBool(), true);
    QVERIFY(!model.index(0, PlanTreeModel::Share).data().toString().isEmpty());
    model.setPlan(QueryPlan());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestPlanReaders)
#include "tst_planreaders.moc"

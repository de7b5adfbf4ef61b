// Table tabs without widgets, on the three real databases: the filter row's
// syntax, filters and server-side order as parameterised SELECTs, values that
// go through parameters unharmed, and edits, new rows and deletes applied in
// one transaction keyed by the primary key (or SQLite's rowid), read back
// through the server; a row changed under the tab rolls everything back.
#include "core/browse/applytask.h"
#include "core/browse/changestatements.h"
#include "core/browse/tablequery.h"
#include "core/models/resultmodel.h"
#include "core/models/tabledatamodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/schema/schemareader.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

using Rows = QList<QStringList>;

// Runs statement in session and collects its rows as text ("NULL" for NULL).
bool read(Session &session, const BoundStatement &statement, Rows *rows, QString *error)
{
    rows->clear();
    bool done = false;
    bool ok = false;
    QObject context;
    QObject::connect(&session, &Session::rowsReady, &context, [&](const RowBatch &batch) {
        for (int r = 0; r < batch.rowCount(); ++r) {
            QStringList row;
            for (int c = 0; c < batch.columnCount(); ++c) {
                const CellView cell = batch.cell(r, c);
                row << (cell.isNull() ? QStringLiteral("NULL") : cell.text());
            }
            *rows << row;
        }
    });
    QObject::connect(&session, &Session::finished, &context, [&](const StatementResult &result) {
        ok = result.ok;
        *error = result.error;
        done = true;
    });
    if (!session.execute(statement.sql, statement.params)) {
        *error = QStringLiteral("busy");
        return false;
    }
    return testsupport::waitUntil([&] { return done; }, 30000) && ok;
}

// Reads table into model the way a table tab does.
bool load(Session &session, TableDataModel &model, const BoundStatement &statement, QString *error)
{
    bool done = false;
    bool ok = false;
    QObject context;
    QObject::connect(&session, &Session::resultStarted, &context,
                     [&](const Columns &columns) { model.setColumns(columns); });
    QObject::connect(&session, &Session::rowsReady, &context,
                     [&](const RowBatch &batch) { model.appendRows(batch); });
    QObject::connect(&session, &Session::finished, &context, [&](const StatementResult &result) {
        ok = result.ok;
        *error = result.error;
        done = true;
    });
    if (!session.execute(statement.sql, statement.params))
        return false;
    return testsupport::waitUntil([&] { return done; }, 30000) && ok;
}

ApplyResult apply(Session &session, const TableDataModel &model)
{
    QVector<int> rows;
    const QVector<BoundStatement> statements =
        ChangeStatements::build(model.shape(), model.changes(), &rows);
    ApplyResult result;
    bool done = false;
    QObject context;
    QObject::connect(&session, &Session::taskFinished, &context,
                     [&](const QVariant &value, const QString &error) {
                         result = value.value<ApplyResult>();
                         if (!error.isEmpty())
                             result.error = error;
                         done = true;
                     });
    if (!session.runTask(ApplyTask::task(statements, rows)))
        result.error = QStringLiteral("busy");
    else if (!testsupport::waitUntil([&] { return done; }, 30000))
        result.error = QStringLiteral("the apply did not end");
    return result;
}

std::optional<SchemaTable> describe(Session &session, const QString &table, QString *error)
{
    QSignalSpy finished(&session, &Session::taskFinished);
    if (!session.runTask(SchemaReader::task()) || !finished.wait(60000)) {
        *error = QStringLiteral("no schema");
        return std::nullopt;
    }
    const Schema schema = finished.first().at(0).value<Schema>();
    const SchemaTable *found = schema.table(table);
    if (!found) {
        *error = finished.first().at(1).toString();
        return std::nullopt;
    }
    return *found;
}

QString textType(Dialect dialect)
{
    return dialect == Dialect::MySQL ? QStringLiteral("VARCHAR(200)") : QStringLiteral("TEXT");
}

// items: id, name, qty (integer), note (nullable); six rows.
bool createItems(Session &session, Dialect dialect, const QString &table, bool withKey)
{
    const QString create =
        QStringLiteral("CREATE TABLE %1 (id INTEGER%2, name %3 NOT NULL, qty INTEGER, note %3)")
            .arg(table, withKey ? QStringLiteral(" PRIMARY KEY") : QString(), textType(dialect));
    if (!testsupport::run(&session, create).ok)
        return false;
    return testsupport::run(
               &session, QStringLiteral("INSERT INTO %1 (id, name, qty, note) VALUES "
                                        "(1, 'apple', 5, NULL), (2, 'banana', 12, 'ripe'), "
                                        "(3, '50% off', 7, 'sale'), (4, 'it''s_here', 30, NULL), "
                                        "(5, 'Éclair', 0, 'fr'), (6, 'Apple pie', 12, 'x')")
                             .arg(table))
        .ok;
}

QStringList ids(const Rows &rows, int column = 0)
{
    QStringList out;
    for (const QStringList &row : rows)
        out << row.value(column);
    return out;
}

// An items table of the test's own, as the catalog describes it; dropped
// again at the end.
class Items
{
public:
    Items(const Url &url, bool withKey = true)
        : engine(testsupport::makeBind(url, QStringLiteral("browse")))
        , session(&engine, QStringLiteral("browse"))
        , table(testsupport::uniqueIdentifier(QStringLiteral("items")))
        , m_withKey(withKey)
    {
    }
    ~Items()
    {
        if (m_created)
            testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table));
    }

    // Creates and describes the table; false with *error.
    bool create(QString *error)
    {
        m_created = createItems(session, engine.dialect(), table, m_withKey);
        if (!m_created) {
            *error = QStringLiteral("the table could not be made");
            return false;
        }
        described = describe(session, table, error);
        return described.has_value();
    }
    TableShape shape() const { return TableShape::of(engine.dialect(), *described, false); }
    // Reads the table into model, as a table tab does.
    bool show(TableDataModel &model, QString *error)
    {
        model.setShape(shape());
        return load(session, model, TableQuery(model.shape()).statement(error), error);
    }

    Engine engine;
    Session session;
    const QString table;
    std::optional<SchemaTable> described;

private:
    bool m_withKey;
    bool m_created = false;
};

} // namespace

class TestBrowse final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ApplyResult>(); }
    void filterSyntax_data();
    void filterSyntax();
    void valuesThroughParameters_data() { testsupport::addDialectRows(); }
    void valuesThroughParameters();
    void filtersAndOrderAreTheServers_data() { testsupport::addDialectRows(); }
    void filtersAndOrderAreTheServers();
    void editsApplyInOneTransaction_data() { testsupport::addDialectRows(); }
    void editsApplyInOneTransaction();
    void conflictRollsEverythingBack_data() { testsupport::addDialectRows(); }
    void conflictRollsEverythingBack();
    void typesAreCheckedBeforeSending_data() { testsupport::addDialectRows(); }
    void typesAreCheckedBeforeSending();
    void readOnlyWhereRowsCannotBeNamed_data() { testsupport::addDialectRows(); }
    void readOnlyWhereRowsCannotBeNamed();
    void showSqlIsWhatRuns();
};

void TestBrowse::filterSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("op");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("upTo");
    QTest::addColumn<bool>("refused");
    using Op = ColumnFilter::Op;
    QTest::newRow("empty") << "  " << int(Op::None) << ""
                           << "" << false;
    QTest::newRow("contains") << " app " << int(Op::Contains) << "app"
                              << "" << false;
    QTest::newRow("equals") << "= 5" << int(Op::Equals) << "5"
                            << "" << false;
    QTest::newRow("not equals") << "<>x" << int(Op::NotEquals) << "x"
                                << "" << false;
    QTest::newRow("bang equals") << "!=x" << int(Op::NotEquals) << "x"
                                 << "" << false;
    QTest::newRow("less or equal") << "<=10" << int(Op::LessOrEqual) << "10"
                                   << "" << false;
    QTest::newRow("greater") << ">10" << int(Op::Greater) << "10"
                             << "" << false;
    QTest::newRow("range") << "3 .. 9" << int(Op::Between) << "3"
                           << "9" << false;
    QTest::newRow("null") << "null" << int(Op::IsNull) << ""
                          << "" << false;
    QTest::newRow("not null") << "is not null" << int(Op::IsNotNull) << ""
                              << "" << false;
    QTest::newRow("bang null") << "!NULL" << int(Op::IsNotNull) << ""
                               << "" << false;
    QTest::newRow("literal") << "~a..b" << int(Op::Contains) << "a..b"
                             << "" << false;
    QTest::newRow("operator alone") << ">=" << int(Op::None) << ""
                                    << "" << true;
    QTest::newRow("open range") << "3.." << int(Op::None) << ""
                                << "" << true;
}

void TestBrowse::filterSyntax()
{
    QFETCH(QString, text);
    QFETCH(int, op);
    QFETCH(QString, value);
    QFETCH(QString, upTo);
    QFETCH(bool, refused);
    const ColumnFilter filter = ColumnFilter::parse(text);
    QCOMPARE(int(filter.op), op);
    QCOMPARE(filter.value, value);
    QCOMPARE(filter.upTo, upTo);
    QCOMPARE(!filter.error.isEmpty(), refused);
}

void TestBrowse::valuesThroughParameters()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("browse")));
    Session session(&engine, QStringLiteral("browse"));
    const QString tricky =
        QStringLiteral("it's a \"?\" \\ back\\'slash -- $1 ?1 /* x */ Ünï 🙂");
    const QString p1 = dialects::placeholder(dialect, 1);
    const QString p2 = dialects::placeholder(dialect, 2);
    const QString p3 = dialects::placeholder(dialect, 3);
    // A ? inside quotes is no placeholder on MySQL; $1 inside quotes is none on PostgreSQL.
    const QString sql = QStringLiteral("SELECT %1, '?$1', %2, %3").arg(p1, p2, p3);
    const BoundStatement statement{sql,
                                   {tricky, QVariant(), QVariant(qlonglong(9007199254740993))}};
    Rows rows;
    QString error;
    QVERIFY2(read(session, statement, &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).at(0), tricky);
    QCOMPARE(rows.at(0).at(1), QStringLiteral("?$1"));
    QCOMPARE(rows.at(0).at(2), QStringLiteral("NULL"));
    QCOMPARE(rows.at(0).at(3), QStringLiteral("9007199254740993"));
    // Too few values is one clear error, not a crash or a statement sent half-filled.
    QVERIFY(!read(session, BoundStatement{sql, {tricky}}, &rows, &error));
    QVERIFY(!error.isEmpty());
}

void TestBrowse::filtersAndOrderAreTheServers()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Items items(url);
    QString error;
    QVERIFY2(items.create(&error), qPrintable(error));
    Session &session = items.session;
    TableShape shape = items.shape();
    QVERIFY(shape.isEditable());
    QCOMPARE(shape.keyColumns(), QVector<int>{0});
    Rows rows;
    QVERIFY(read(session, TableQuery(shape).statement(&error), &rows, &error));
    QCOMPARE(ids(rows), QStringList({"1", "2", "3", "4", "5", "6"})); // by key
    Columns columns;
    for (int i = 0; i < 4; ++i)
        columns << Column{QString(), QString(),
                          i == 0 || i == 2 ? ColumnKind::Integer : ColumnKind::Text};
    shape.setKinds(columns);

    const auto filtered = [&](const QMap<int, QString> &texts, int sortColumn = -1,
                              Qt::SortOrder order = Qt::AscendingOrder) {
        QMap<int, ColumnFilter> filters;
        for (auto it = texts.cbegin(); it != texts.cend(); ++it)
            filters.insert(it.key(), ColumnFilter::parse(it.value()));
        TableQuery query(shape);
        query.setFilters(filters);
        query.setOrder(sortColumn, order);
        QString why;
        const BoundStatement statement = query.statement(&why);
        Rows got;
        if (statement.sql.isEmpty() || !read(session, statement, &got, &why))
            return QStringList{QStringLiteral("error: ") + why};
        return ids(got);
    };
    // Contains is case-insensitive for ASCII, and % and _ are themselves.
    QCOMPARE(filtered({{1, "APPLE"}}), QStringList({"1", "6"}));
    QCOMPARE(filtered({{1, "%"}}), QStringList({"3"}));
    QCOMPARE(filtered({{1, "s_h"}}), QStringList({"4"}));
    QCOMPARE(filtered({{1, "'"}}), QStringList({"4"}));
    QCOMPARE(filtered({{2, "=12"}}), QStringList({"2", "6"}));
    QCOMPARE(filtered({{2, "<7"}}), QStringList({"1", "5"}));
    QCOMPARE(filtered({{2, ">=12"}}), QStringList({"2", "4", "6"}));
    QCOMPARE(filtered({{2, "5..12"}}), QStringList({"1", "2", "3", "6"}));
    QCOMPARE(filtered({{3, "NULL"}}), QStringList({"1", "4"}));
    QCOMPARE(filtered({{3, "not null"}, {2, "12"}}), QStringList({"2", "6"}));
    QCOMPARE(filtered({{0, "!=3"}, {2, "<10"}}), QStringList({"1", "5"}));
    // The server sorts: by qty descending, ties by key.
    QCOMPARE(filtered({}, 2, Qt::DescendingOrder), QStringList({"4", "2", "6", "3", "1", "5"}));
    QCOMPARE(filtered({{2, ">0"}}, 1, Qt::AscendingOrder).size(), 5);
    // A value that does not fit the column's type is refused before sending.
    const QStringList refused = filtered({{2, "=abc"}});
    QVERIFY2(refused.value(0).contains(QLatin1String("qty")) &&
                 refused.value(0).contains(QLatin1String("not an integer")),
             qPrintable(refused.join(QLatin1Char(' '))));
}

void TestBrowse::editsApplyInOneTransaction()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    for (const bool withKey : {true, false}) {
        if (!withKey && dialect != Dialect::SQLite)
            continue; // only SQLite names rows without a key (rowid)
        Items items(url, withKey);
        Session &session = items.session;
        QString error;
        QVERIFY2(items.create(&error), qPrintable(error));
        TableDataModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(items.show(model, &error), qPrintable(error));
        QCOMPARE(model.shape().hiddenColumns(), withKey ? 0 : 1);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("apple"));

        QSignalSpy pending(&model, &TableDataModel::pendingChanged);
        QVERIFY(model.setData(model.index(0, 1), QStringLiteral("green 'apple'")));
        QVERIFY(model.setData(model.index(0, 2), QStringLiteral("6")));
        QVERIFY(model.setNull(model.index(1, 3)));
        QCOMPARE(model.data(model.index(1, 3), TableDataModel::PendingRole).toInt(),
                 int(TableDataModel::Pending::Edited));
        // Typing the value back undoes the edit.
        QVERIFY(model.setData(model.index(4, 2), QStringLiteral("3")));
        QVERIFY(model.setData(model.index(4, 2), QStringLiteral("0")));
        model.removeGridRows({2});
        const int added = model.addRow();
        QCOMPARE(model.data(model.index(added, 0)).toString(), QStringLiteral("DEFAULT"));
        QVERIFY(model.setData(model.index(added, 0), QStringLiteral("7")));
        QVERIFY(model.setData(model.index(added, 1), QStringLiteral("new\nline")));
        QCOMPARE(model.pendingCount(), 4); // rows 1 and 2 edited, row 3 deleted, one new
        QCOMPARE(pending.last().at(0).toInt(), 4);

        const ApplyResult result = apply(session, model);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.statements, 4);
        Rows rows;
        const BoundStatement select{
            QStringLiteral("SELECT id, name, qty, note FROM %1 ORDER BY id").arg(items.table), {}};
        QVERIFY2(read(session, select, &rows, &error), qPrintable(error));
        QCOMPARE(ids(rows), QStringList({"1", "2", "4", "5", "6", "7"}));
        QCOMPARE(rows.at(0), QStringList({"1", "green 'apple'", "6", "NULL"}));
        QCOMPARE(rows.at(1), QStringList({"2", "banana", "12", "NULL"}));
        QCOMPARE(rows.at(3), QStringList({"5", "Éclair", "0", "fr"}));
        QCOMPARE(rows.at(5), QStringList({"7", "new\nline", "NULL", "NULL"}));
        QVERIFY(!session.inTransaction());
    }
}

void TestBrowse::conflictRollsEverythingBack()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Items items(url);
    Session &session = items.session;
    Session other(&items.engine, QStringLiteral("someone else"));
    const QString &table = items.table;
    QString error;
    QVERIFY2(items.create(&error), qPrintable(error));
    TableDataModel model;
    QVERIFY2(items.show(model, &error), qPrintable(error));
    const QString select = QStringLiteral("SELECT id, name, qty FROM %1 ORDER BY id").arg(table);
    Rows before;
    QVERIFY(testsupport::run(&session, select, &before).ok);

    // Edits on rows 1 and 4; meanwhile someone else renames row 4.
    QVERIFY(model.setData(model.index(0, 1), QStringLiteral("mine")));
    QVERIFY(model.setData(model.index(3, 1), QStringLiteral("mine too")));
    model.removeGridRows({1});
    QVERIFY(testsupport::run(
                &other, QStringLiteral("UPDATE %1 SET name = 'theirs' WHERE id = 4").arg(table))
                .ok);
    ApplyResult result = apply(session, model);
    QVERIFY(!result.ok);
    QVERIFY(result.conflict);
    QCOMPARE(result.failedRow, 3);
    QVERIFY2(result.error.contains(QLatin1String("Row 4")) &&
                 result.error.contains(QLatin1String("Nothing was applied")),
             qPrintable(result.error));
    Rows after;
    QVERIFY(testsupport::run(&session, select, &after).ok);
    before[3][1] = QStringLiteral("theirs");
    QCOMPARE(after, before);            // row 1 not renamed, row 2 not deleted
    QVERIFY(model.hasPendingChanges()); // kept, to be looked at again

    // A row deleted under the tab is a conflict too.
    model.discard();
    QVERIFY2(load(session, model, TableQuery(model.shape()).statement(&error), &error),
             qPrintable(error));
    QVERIFY(model.setData(model.index(4, 2), QStringLiteral("99")));
    QVERIFY(testsupport::run(&other, QStringLiteral("DELETE FROM %1 WHERE id = 5").arg(table)).ok);
    result = apply(session, model);
    QVERIFY(result.conflict);
    QCOMPARE(result.failedRow, 4);
    QVERIFY(!session.inTransaction());
}

void TestBrowse::typesAreCheckedBeforeSending()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Items items(url);
    QString error;
    QVERIFY2(items.create(&error), qPrintable(error));
    TableDataModel model;
    QVERIFY2(items.show(model, &error), qPrintable(error));
    QSignalSpy refused(&model, &TableDataModel::refused);
    QVERIFY(!model.setData(model.index(0, 2), QStringLiteral("abc")));
    QCOMPARE(refused.size(), 1);
    const QString message = refused.first().at(0).toString();
    QVERIFY2(message.contains(QLatin1String("qty")) &&
                 message.contains(QLatin1String("int"), Qt::CaseInsensitive) &&
                 message.contains(QLatin1String("'abc' is not an integer")),
             qPrintable(message));
    QVERIFY(!model.setNull(model.index(0, 1))); // name is NOT NULL
    QVERIFY(refused.last().at(0).toString().contains(QLatin1String("NOT NULL")));
    QVERIFY(!model.hasPendingChanges());
}

void TestBrowse::readOnlyWhereRowsCannotBeNamed()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("browse")));
    Session session(&engine, QStringLiteral("browse"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("items"));
    const QString view = testsupport::uniqueIdentifier(QStringLiteral("items_view"));
    QVERIFY(createItems(session, dialect, table, dialect == Dialect::SQLite));
    QVERIFY(testsupport::run(&session,
                             QStringLiteral("CREATE VIEW %1 AS SELECT * FROM %2").arg(view, table))
                .ok);
    QString error;
    const std::optional<SchemaTable> keyless = describe(session, table, &error);
    const std::optional<SchemaTable> viewed = describe(session, view, &error);
    QVERIFY(keyless && viewed);
    QVERIFY(!TableShape::of(dialect, *viewed, false).isEditable());
    QVERIFY(!TableShape::of(dialect, *keyless, true).isEditable());
    QVERIFY(TableShape::of(dialect, *keyless, true)
                .readOnlyReason()
                .contains(QLatin1String("read-only")));
    // Without a key only SQLite can still name a row (its rowid).
    QCOMPARE(TableShape::of(dialect, *keyless, false).isEditable(), dialect == Dialect::SQLite);

    TableDataModel model;
    model.setShape(TableShape::of(dialect, *viewed, false));
    QVERIFY(load(session, model, TableQuery(model.shape()).statement(&error), &error));
    QCOMPARE(model.rowCount(), 6);
    QVERIFY(!(model.flags(model.index(0, 1)) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(model.index(0, 1), QStringLiteral("x")));
    model.removeGridRows({0});
    QVERIFY(!model.hasPendingChanges());
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP VIEW %1").arg(view)).ok);
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
}

void TestBrowse::showSqlIsWhatRuns()
{
    SchemaTable table;
    table.schema = QStringLiteral("public");
    table.name = QStringLiteral("t");
    SchemaColumn id;
    id.name = QStringLiteral("id");
    id.type = QStringLiteral("integer");
    id.primaryKeyPosition = 1;
    SchemaColumn name;
    name.name = QStringLiteral("name");
    name.type = QStringLiteral("text");
    table.columns = {id, name};
    TableShape shape = TableShape::of(Dialect::PostgreSQL, table, false);
    shape.setKinds(
        {Column{"id", "int4", ColumnKind::Integer}, Column{"name", "text", ColumnKind::Text}});
    RowChange update;
    update.row = 0;
    update.columns = {1};
    update.values = {QStringLiteral("it's")};
    update.key = {QStringLiteral("1")};
    update.checkedColumns = {1};
    update.checkedValues = {QVariant()};
    RowChange removal;
    removal.kind = RowChange::Kind::Delete;
    removal.row = 1;
    removal.key = {QStringLiteral("2")};
    const QVector<BoundStatement> statements = ChangeStatements::build(shape, {update, removal});
    QCOMPARE(statements.size(), 2);
    QCOMPARE(statements.at(0).sql, QStringLiteral("DELETE FROM \"t\" WHERE \"id\" = $1"));
    QCOMPARE(statements.at(0).params, SqlParams({qlonglong(2)}));
    QCOMPARE(statements.at(1).sql,
             QStringLiteral("UPDATE \"t\" SET \"name\" = $1 WHERE \"id\" = $2 AND \"name\" IS NOT "
                            "DISTINCT FROM $3"));
    QCOMPARE(ChangeStatements::render(Dialect::PostgreSQL, statements),
             QStringLiteral("BEGIN;\n"
                            "DELETE FROM \"t\" WHERE \"id\" = $1;\n"
                            "  -- $1 = 2\n"
                            "UPDATE \"t\" SET \"name\" = $1 WHERE \"id\" = $2 AND \"name\" IS NOT "
                            "DISTINCT FROM $3;\n"
                            "  -- $1 = 'it''s', $2 = 1, $3 = NULL\n"
                            "COMMIT;"));
}

QTEST_GUILESS_MAIN(TestBrowse)
#include "tst_browse.moc"

// The schema reader against the demo shop loaded into a fresh SQLite file,
// PostgreSQL schema or MariaDB database, read through an engine's pool, plus
// the awkward things real databases hold: odd names, no primary key, composite
// keys, expression indexes and a view whose table is gone.
#include "core/models/schemaloader.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/schema/schemareader.h"
#include "core/schema/sqlitecatalogreader.h"
#include "tests/core/demoshop.h"
#include "tests/support/testsupport.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <map>

namespace {

struct Fixture
{
    DemoShop shop;
    QString error;
    Schema schema; // as read through SchemaLoader
};

struct Outcome
{
    bool done = false;
    Schema schema;
    QString error;
};

// Runs loader.load(schemas) and waits for its answer.
Outcome loadWith(SchemaLoader &loader, const QStringList &schemas)
{
    Outcome outcome;
    QObject context;
    QObject::connect(&loader, &SchemaLoader::loaded, &context, [&](const Schema &schema) {
        outcome.schema = schema;
        outcome.done = true;
    });
    QObject::connect(&loader, &SchemaLoader::failed, &context, [&](const QString &error) {
        outcome.error = error;
        outcome.done = true;
    });
    if (!loader.load(schemas)) {
        outcome.error = QStringLiteral("the loader is busy");
        return outcome;
    }
    if (!testsupport::waitUntil([&] { return outcome.done; }, 60000))
        outcome.error = QStringLiteral("the schema did not arrive in time");
    return outcome;
}

const SchemaIndex *indexOn(const SchemaTable *table, const QStringList &columns)
{
    for (const SchemaIndex &index : table->indexes) {
        if (index.columns == columns)
            return &index;
    }
    return nullptr;
}

const SchemaForeignKey *foreignKeyOn(const SchemaTable *table, const QStringList &columns)
{
    for (const SchemaForeignKey &key : table->foreignKeys) {
        if (key.columns == columns)
            return &key;
    }
    return nullptr;
}

} // namespace

class TestSchema final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase();
    void sqliteIndexParts_data();
    void sqliteIndexParts();
    void tablesAndView_data() { testsupport::addDialectRows(); }
    void tablesAndView();
    void columns_data() { testsupport::addDialectRows(); }
    void columns();
    void indexes_data() { testsupport::addDialectRows(); }
    void indexes();
    void foreignKeys_data() { testsupport::addDialectRows(); }
    void foreignKeys();
    void foreignKeysWithoutProcessPrivilege();
    void oddObjects_data() { testsupport::addDialectRows(); }
    void oddObjects();
    void taskReadsUserSchemasByDefault_data() { testsupport::addDialectRows(); }
    void taskReadsUserSchemasByDefault();
    void cancelAndDestroyLoader_data() { testsupport::addDialectRows(); }
    void cancelAndDestroyLoader();

private:
    const Fixture &fixture(Dialect dialect, const Url &serverUrl);
    static Fixture prepare(Dialect dialect, const Url &serverUrl);

    std::map<Dialect, Fixture> m_fixtures;
};

const Fixture &TestSchema::fixture(Dialect dialect, const Url &serverUrl)
{
    auto found = m_fixtures.find(dialect);
    if (found == m_fixtures.end())
        found = m_fixtures.emplace(dialect, prepare(dialect, serverUrl)).first;
    return found->second;
}

Fixture TestSchema::prepare(Dialect dialect, const Url &serverUrl)
{
    Fixture fixture;
    fixture.shop = DemoShop::create(dialect, serverUrl);
    fixture.error = fixture.shop.error;
    if (!fixture.error.isEmpty())
        return fixture;
    Engine engine(testsupport::makeBind(fixture.shop.url, QStringLiteral("schema")));
    SchemaLoader loader(&engine);
    // PostgreSQL: only our schema, the server's database is shared with other tests.
    const Outcome outcome =
        loadWith(loader, dialect == Dialect::PostgreSQL ? QStringList{fixture.shop.schemaName}
                                                        : QStringList());
    fixture.error = outcome.error;
    fixture.schema = outcome.schema;
    return fixture;
}

void TestSchema::cleanupTestCase()
{
    for (auto &entry : m_fixtures) {
        QString error;
        QVERIFY2(entry.second.shop.drop(&error), qPrintable(error));
    }
}

void TestSchema::sqliteIndexParts_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("parts");
    QTest::newRow("plain") << QStringLiteral("CREATE INDEX i ON t (a, b)")
                           << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("expressions and order")
        << QStringLiteral("CREATE INDEX i ON t(lower(email), coalesce(a, 'x,)') DESC, b ASC)")
        << QStringList{QStringLiteral("lower(email)"), QStringLiteral("coalesce(a, 'x,)')"),
                       QStringLiteral("b")};
    QTest::newRow("quoted names") << QStringLiteral(
                                         "CREATE UNIQUE INDEX \"i (1\" ON \"t(\"\"x\"\")\" "
                                         "([a,b], `c)`, \"d\"\"(\")")
                                  << QStringList{QStringLiteral("[a,b]"), QStringLiteral("`c)`"),
                                                 QStringLiteral("\"d\"\"(\"")};
    QTest::newRow("comments and a predicate")
        << QStringLiteral("CREATE INDEX i /* ( */ ON t -- (x\n (a /* , */, b) WHERE f(a, b)")
        << QStringList{QStringLiteral("a"), QStringLiteral("b")};
}

void TestSchema::sqliteIndexParts()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, parts);
    QCOMPARE(SqliteCatalogReader::indexParts(sql), parts);
}

#define SCHEMA_FIXTURE(var)                                                                        \
    QFETCH(Dialect, dialect);                                                                      \
    POOLSCOPE_REQUIRE_DATABASE(dialect, serverUrl);                                                \
    const Fixture &var = fixture(dialect, serverUrl);                                              \
    QVERIFY2(var.error.isEmpty(), qPrintable(var.error))

void TestSchema::tablesAndView()
{
    SCHEMA_FIXTURE(f);
    const Schema &schema = f.schema;
    QCOMPARE(schema.dialect, dialect);
    QVERIFY(schema.schemaNames.contains(f.shop.schemaName));
    if (dialect != Dialect::PostgreSQL)
        QCOMPARE(schema.defaultSchema, f.shop.schemaName);

    QStringList expected = {QStringLiteral("customers"),   DemoShop::oddTable,
                            QStringLiteral("order_items"), QStringLiteral("order_totals"),
                            QStringLiteral("orders"),      QStringLiteral("products"),
                            QStringLiteral("shipments")};
    if (dialect != Dialect::PostgreSQL)
        expected.prepend(QStringLiteral("broken_view"));
    QStringList names;
    for (const SchemaTable *table : schema.tablesIn(f.shop.schemaName))
        names << table->name;
    QCOMPARE(names, expected); // sorted, case-insensitively

    const SchemaTable *view = schema.table(QStringLiteral("order_totals"), f.shop.schemaName);
    QVERIFY(view);
    QVERIFY(view->isView());
    QCOMPARE(view->schema, f.shop.schemaName);
    QVERIFY2(view->definition.contains(QLatin1String("order_items"), Qt::CaseInsensitive),
             qPrintable(view->definition));
    QStringList viewColumns;
    for (const SchemaColumn &column : view->columns)
        viewColumns << column.name;
    QCOMPARE(viewColumns, QStringList({QStringLiteral("order_id"), QStringLiteral("customer_name"),
                                       QStringLiteral("ordered_at"), QStringLiteral("item_count"),
                                       QStringLiteral("total")}));
    QVERIFY(view->indexes.isEmpty());
    for (const QString &name : {QStringLiteral("customers"), QStringLiteral("orders")}) {
        const SchemaTable *table = schema.table(name, f.shop.schemaName);
        QVERIFY(table);
        QVERIFY(!table->isView());
        QVERIFY(table->definition.isEmpty());
    }
}

void TestSchema::columns()
{
    SCHEMA_FIXTURE(f);
    const SchemaTable *customers = f.schema.table(QStringLiteral("customers"), f.shop.schemaName);
    QVERIFY(customers);
    QStringList names;
    for (const SchemaColumn &column : customers->columns) {
        names << column.name;
        QCOMPARE(column.ordinal, int(names.size()));
    }
    QCOMPARE(names, QStringList({QStringLiteral("id"), QStringLiteral("name"),
                                 QStringLiteral("email"), QStringLiteral("country"),
                                 QStringLiteral("created_at"), QStringLiteral("phone")}));

    struct Expected
    {
        const char *table;
        const char *column;
        const char *types[3]; // SQLite, PostgreSQL, MySQL
        bool nullable;
    };
    const Expected expected[] = {
        {"customers", "id", {"INTEGER", "integer", "int(11)"}, false},
        {"customers", "name", {"TEXT", "text", "varchar(100)"}, false},
        {"customers", "phone", {"TEXT", "text", "varchar(32)"}, true},
        {"customers", "created_at", {"TEXT", "timestamp without time zone", "datetime"}, false},
        {"products", "price", {"NUMERIC(10,2)", "numeric(10,2)", "decimal(10,2)"}, false},
        {"products", "in_stock", {"INTEGER", "boolean", "tinyint(1)"}, false},
        {"products", "description", {"TEXT", "text", "text"}, true},
        {"orders", "note", {"TEXT", "text", "varchar(255)"}, true},
        {"order_items", "quantity", {"INTEGER", "integer", "int(11)"}, false},
    };
    for (const Expected &e : expected) {
        const SchemaTable *table = f.schema.table(QString::fromLatin1(e.table), f.shop.schemaName);
        QVERIFY(table);
        const SchemaColumn *column = table->column(QString::fromLatin1(e.column));
        QVERIFY2(column, e.column);
        QCOMPARE(column->type, QString::fromLatin1(e.types[int(dialect)]));
        QVERIFY2(column->nullable == e.nullable, e.column);
    }

    // The demo declares no defaults; every table's key is an auto-numbered id.
    for (const QString &name : {QStringLiteral("customers"), QStringLiteral("products"),
                                QStringLiteral("orders"), QStringLiteral("order_items")}) {
        const SchemaTable *table = f.schema.table(name, f.shop.schemaName);
        QVERIFY(table);
        QCOMPARE(table->primaryKey(), QStringList{QStringLiteral("id")});
        const SchemaColumn *id = table->column(QStringLiteral("id"));
        QCOMPARE(id->primaryKeyPosition, 1);
        QVERIFY(id->autoIncrement);
        QVERIFY(!id->nullable);
        for (const SchemaColumn &column : table->columns) {
            QVERIFY2(column.defaultValue.isNull(), qPrintable(column.defaultValue));
            QCOMPARE(column.isPrimaryKey(), column.name == QLatin1String("id"));
            QVERIFY(!column.computed);
        }
    }

    // A composite key listed in another order than the columns.
    const SchemaTable *shipments = f.schema.table(QStringLiteral("shipments"), f.shop.schemaName);
    QVERIFY(shipments);
    QCOMPARE(shipments->primaryKey(),
             QStringList({QStringLiteral("line"), QStringLiteral("order_id")}));
    QCOMPARE(shipments->column(QStringLiteral("order_id"))->ordinal, 1);
    QCOMPARE(shipments->column(QStringLiteral("order_id"))->primaryKeyPosition, 2);
    QCOMPARE(shipments->column(QStringLiteral("line"))->primaryKeyPosition, 1);
    QVERIFY(!shipments->column(QStringLiteral("line"))->autoIncrement);
    QVERIFY(!shipments->column(QStringLiteral("product_id"))->isPrimaryKey());
    QVERIFY(shipments->column(QStringLiteral("product_id"))->nullable);
}

void TestSchema::indexes()
{
    SCHEMA_FIXTURE(f);
    const SchemaTable *customers = f.schema.table(QStringLiteral("customers"), f.shop.schemaName);
    QVERIFY(customers);
    const SchemaIndex *email = indexOn(customers, {QStringLiteral("email")});
    QVERIFY(email);
    QVERIFY(email->unique);
    QVERIFY(!email->primary);
    const SchemaIndex *country = customers->index(QStringLiteral("idx_customers_country"));
    QVERIFY(country);
    QCOMPARE(country->columns, QStringList{QStringLiteral("country")});
    QVERIFY(!country->unique);
    const SchemaIndex *primary = indexOn(customers, {QStringLiteral("id")});
    if (dialect == Dialect::SQLite) {
        QVERIFY(!primary); // INTEGER PRIMARY KEY is the rowid, no index of its own
    } else {
        QVERIFY(primary);
        QVERIFY(primary->primary);
        QVERIFY(primary->unique);
    }

    const SchemaTable *items = f.schema.table(QStringLiteral("order_items"), f.shop.schemaName);
    QVERIFY(items);
    const SchemaIndex *pair = items->index(QStringLiteral("uq_order_items_order_product"));
    QVERIFY(pair);
    QCOMPARE(pair->columns,
             QStringList({QStringLiteral("order_id"), QStringLiteral("product_id")}));
    QVERIFY(pair->unique);
    QVERIFY(!pair->primary);
    QVERIFY(items->index(QStringLiteral("idx_order_items_order_id")));
    QVERIFY(items->index(QStringLiteral("idx_order_items_product_id")));

    const SchemaTable *orders = f.schema.table(QStringLiteral("orders"), f.shop.schemaName);
    QVERIFY(orders);
    const SchemaIndex *status = orders->index(QStringLiteral("idx_orders_status_ordered_at"));
    QVERIFY(status);
    QCOMPARE(status->columns,
             QStringList({QStringLiteral("status"), QStringLiteral("ordered_at")}));
    QVERIFY(!status->unique);
    QVERIFY(orders->index(QStringLiteral("idx_orders_customer_id")));
    QVERIFY(orders->index(QStringLiteral("idx_orders_ordered_at")));

    // The composite primary key is an index everywhere, in key order.
    const SchemaTable *shipments = f.schema.table(QStringLiteral("shipments"), f.shop.schemaName);
    const SchemaIndex *shipmentsKey =
        indexOn(shipments, {QStringLiteral("line"), QStringLiteral("order_id")});
    QVERIFY(shipmentsKey);
    QVERIFY(shipmentsKey->primary);

    if (dialect != Dialect::MySQL) {
        const SchemaIndex *lower = customers->index(QStringLiteral("idx_customers_lower_email"));
        QVERIFY(lower);
        QCOMPARE(lower->columns, QStringList{QStringLiteral("lower(email)")});
        QVERIFY(lower->definition.contains(QLatin1String("lower(email)")));
    }
    // Indexes come sorted by name.
    for (int i = 1; i < customers->indexes.size(); ++i)
        QVERIFY(customers->indexes.at(i - 1).name.compare(customers->indexes.at(i).name,
                                                          Qt::CaseInsensitive) <= 0);
}

void TestSchema::foreignKeys()
{
    SCHEMA_FIXTURE(f);
    const SchemaTable *items = f.schema.table(QStringLiteral("order_items"), f.shop.schemaName);
    QVERIFY(items);
    QCOMPARE(items->foreignKeys.size(), 2);
    const SchemaForeignKey *toOrders = foreignKeyOn(items, {QStringLiteral("order_id")});
    QVERIFY(toOrders);
    QCOMPARE(toOrders->referencedSchema, f.shop.schemaName);
    QCOMPARE(toOrders->referencedTable, QStringLiteral("orders"));
    QCOMPARE(toOrders->referencedColumns, QStringList{QStringLiteral("id")});
    QCOMPARE(toOrders->onDelete, QStringLiteral("CASCADE"));
    const QStringList defaults = {QStringLiteral("NO ACTION"), QStringLiteral("RESTRICT")};
    QVERIFY2(defaults.contains(toOrders->onUpdate), qPrintable(toOrders->onUpdate));
    const SchemaForeignKey *toProducts = foreignKeyOn(items, {QStringLiteral("product_id")});
    QVERIFY(toProducts);
    QCOMPARE(toProducts->referencedTable, QStringLiteral("products"));
    QVERIFY2(defaults.contains(toProducts->onDelete), qPrintable(toProducts->onDelete));
    if (dialect != Dialect::SQLite) { // SQLite's catalog forgets constraint names
        QCOMPARE(toOrders->name, QStringLiteral("order_items_order_id_fkey"));
        QCOMPARE(toProducts->name, QStringLiteral("order_items_product_id_fkey"));
    }

    const SchemaTable *orders = f.schema.table(QStringLiteral("orders"), f.shop.schemaName);
    const SchemaForeignKey *toCustomers = foreignKeyOn(orders, {QStringLiteral("customer_id")});
    QVERIFY(toCustomers);
    QCOMPARE(toCustomers->referencedTable, QStringLiteral("customers"));
    QCOMPARE(toCustomers->referencedColumns, QStringList{QStringLiteral("id")});
    QVERIFY(f.schema.table(QStringLiteral("customers"), f.shop.schemaName)->foreignKeys.isEmpty());

    // Composite, with columns paired position by position.
    const SchemaTable *shipments = f.schema.table(QStringLiteral("shipments"), f.shop.schemaName);
    QCOMPARE(shipments->foreignKeys.size(), 1);
    const SchemaForeignKey &composite = shipments->foreignKeys.first();
    QCOMPARE(composite.columns,
             QStringList({QStringLiteral("item_order_id"), QStringLiteral("product_id")}));
    QCOMPARE(composite.referencedTable, QStringLiteral("order_items"));
    QCOMPARE(composite.referencedColumns,
             QStringList({QStringLiteral("order_id"), QStringLiteral("product_id")}));
    QCOMPARE(composite.onDelete, QStringLiteral("SET NULL"));
    QCOMPARE(composite.onUpdate, QStringLiteral("CASCADE"));
    if (dialect != Dialect::SQLite)
        QCOMPARE(composite.name, QStringLiteral("shipments_item_fkey"));
}

void TestSchema::foreignKeysWithoutProcessPrivilege()
{
    // MariaDB's foreign keys come from InnoDB's dictionary, which only users
    // with PROCESS may read; anyone else gets them from information_schema.
    const Dialect dialect = Dialect::MySQL;
    POOLSCOPE_REQUIRE_DATABASE(dialect, serverUrl);
    const Fixture &f = fixture(dialect, serverUrl);
    QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
    const QString user = QStringLiteral("schema_plain_%1").arg(QCoreApplication::applicationPid());
    const QString password = QStringLiteral("plain-pw");
    Engine admin(testsupport::makeBind(f.shop.url, QStringLiteral("schema-admin")));
    Session session(&admin, QStringLiteral("grants"));
    QVERIFY(testsupport::run(&session, QStringLiteral("CREATE USER '%1'@'127.0.0.1' "
                                                      "IDENTIFIED BY '%2'")
                                           .arg(user, password))
                .ok);
    const auto dropUser = qScopeGuard([&] {
        testsupport::run(&session, QStringLiteral("DROP USER '%1'@'127.0.0.1'").arg(user));
    });
    QVERIFY(testsupport::run(&session, QStringLiteral("GRANT SELECT ON `%1`.* TO '%2'@'127.0.0.1'")
                                           .arg(f.shop.schemaName, user))
                .ok);
    const auto plainUrl =
        Url::parse(QStringLiteral("mysql://%1:%2@%3:%4/%5")
                       .arg(user, password, f.shop.url.host(), QString::number(f.shop.url.port()),
                            f.shop.url.database()));
    QVERIFY(plainUrl);
    Engine engine(testsupport::makeBind(*plainUrl, QStringLiteral("schema-plain")));
    SchemaLoader loader(&engine);
    const Outcome outcome = loadWith(loader, QStringList());
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.schema.tables.size(), f.schema.tables.size());
    int keys = 0;
    for (int t = 0; t < f.schema.tables.size(); ++t) {
        const SchemaTable &expected = f.schema.tables.at(t);
        const SchemaTable &plain = outcome.schema.tables.at(t);
        QCOMPARE(plain.name, expected.name);
        QCOMPARE(plain.foreignKeys.size(), expected.foreignKeys.size());
        for (int k = 0; k < expected.foreignKeys.size(); ++k, ++keys) {
            const SchemaForeignKey &a = plain.foreignKeys.at(k);
            const SchemaForeignKey &b = expected.foreignKeys.at(k);
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.columns, b.columns);
            QCOMPARE(a.referencedSchema, b.referencedSchema);
            QCOMPARE(a.referencedTable, b.referencedTable);
            QCOMPARE(a.referencedColumns, b.referencedColumns);
            // Not the ON DELETE / ON UPDATE rules: MariaDB's REFERENTIAL_CONSTRAINTS
            // lists nothing to a user who may only SELECT, so that path reads
            // them as RESTRICT (as before the dictionary was read at all).
        }
    }
    QVERIFY(keys >= 4);
}

void TestSchema::oddObjects()
{
    SCHEMA_FIXTURE(f);
    const SchemaTable *odd = f.schema.table(DemoShop::oddTable, f.shop.schemaName);
    QVERIFY(odd);
    QVERIFY(odd->primaryKey().isEmpty());
    QCOMPARE(odd->columns.size(), 3);
    QCOMPARE(odd->columns.at(0).name, QStringLiteral("select"));
    QVERIFY(!odd->columns.at(0).nullable);
    QCOMPARE(odd->columns.at(1).name, QStringLiteral("two words"));
    QVERIFY(odd->columns.at(1).nullable);
    QVERIFY2(odd->columns.at(1).defaultValue.contains(QLatin1String("'x''y'")),
             qPrintable(odd->columns.at(1).defaultValue));
    QCOMPARE(odd->columns.at(2).name, DemoShop::unicodeColumn);
    QVERIFY(odd->columns.at(2).defaultValue.isNull());
    const SchemaIndex *index = odd->index(DemoShop::oddIndex);
    QVERIFY(index);
    QCOMPARE(index->columns, QStringList({QStringLiteral("two words"), QStringLiteral("select")}));
    QVERIFY(!index->primary);

    if (dialect != Dialect::PostgreSQL) {
        // Its table is gone; the view is still listed and nothing else suffers.
        const SchemaTable *broken =
            f.schema.table(QStringLiteral("broken_view"), f.shop.schemaName);
        QVERIFY(broken);
        QVERIFY(broken->isView());
        QVERIFY(broken->columns.isEmpty());
    }
}

void TestSchema::taskReadsUserSchemasByDefault()
{
    SCHEMA_FIXTURE(f);
    Engine engine(testsupport::makeBind(f.shop.url, QStringLiteral("schema-task")));
    Session session(&engine, QStringLiteral("schema task"));
    QSignalSpy finished(&session, &Session::taskFinished);
    QSignalSpy progress(&session, &Session::taskProgress);
    if (dialect == Dialect::PostgreSQL) // the reader turns JIT off while it runs
        QVERIFY(testsupport::run(&session, QStringLiteral("SET jit = on")).ok);
    QVERIFY(session.runTask(SchemaReader::task()));
    QVERIFY(finished.wait(60000));
    const QList<QVariant> arguments = finished.takeFirst();
    QCOMPARE(arguments.at(1).toString(), QString());
    const QVariant value = arguments.at(0);
    QCOMPARE(value.metaType(), QMetaType::fromType<Schema>());
    const Schema schema = value.value<Schema>();
    QVERIFY(schema.schemaNames.contains(f.shop.schemaName));
    QVERIFY(schema.table(QStringLiteral("order_items"), f.shop.schemaName));
    switch (dialect) {
    case Dialect::SQLite:
        QCOMPARE(schema.schemaNames, QStringList{QStringLiteral("main")});
        QCOMPARE(schema.table(QStringLiteral("customers"))->schema, QStringLiteral("main"));
        break;
    case Dialect::MySQL:
        QCOMPARE(schema.schemaNames, QStringList{f.shop.schemaName});
        break;
    case Dialect::PostgreSQL:
        QVERIFY(schema.schemaNames.contains(QStringLiteral("public")));
        for (const QString &name : schema.schemaNames) {
            QVERIFY2(!name.startsWith(QLatin1String("pg_")), qPrintable(name));
            QVERIFY(name != QLatin1String("information_schema"));
        }
        break;
    }
    for (const SchemaTable &table : schema.tables)
        QVERIFY(schema.schemaNames.contains(table.schema));
    if (dialect == Dialect::PostgreSQL) { // ... and gives the session its setting back
        QList<QStringList> rows;
        QVERIFY(testsupport::run(&session, QStringLiteral("SHOW jit"), &rows).ok);
        QCOMPARE(engine.pool()->connections().size(), 1);
        QCOMPARE(rows.value(0).value(0), QStringLiteral("on"));
    }
    QCOMPARE(progress.size(), 1);
    QCOMPARE(progress.first().at(0).toLongLong(), qint64(schema.tables.size()));
    QTRY_COMPARE(engine.pool()->checkedout(), 0);

    // A namespace that does not exist reads as nothing, not as an error.
    QVERIFY(session.runTask(SchemaReader::task({QStringLiteral("no_such_schema_here")})));
    QVERIFY(finished.wait(60000));
    const Schema nothing = finished.takeFirst().at(0).value<Schema>();
    QVERIFY(nothing.tables.isEmpty());
    QVERIFY(nothing.schemaNames.isEmpty());
}

void TestSchema::cancelAndDestroyLoader()
{
    SCHEMA_FIXTURE(f);
    EventLog log;
    Engine engine(testsupport::makeBind(f.shop.url, QStringLiteral("schema-cancel")), &log);
    SchemaLoader loader(&engine);
    QSignalSpy failed(&loader, &SchemaLoader::failed);
    QVERIFY(!loader.isLoading());
    // The first connection is still opening: the cancel withdraws the checkout.
    QVERIFY(loader.load());
    QVERIFY(loader.isLoading());
    QVERIFY(!loader.load()); // one at a time
    loader.cancel();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("Cancelled"));
    QVERIFY(!loader.isLoading());

    // Usable again afterwards.
    const Outcome outcome = loadWith(loader, {f.shop.schemaName});
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(outcome.schema.table(QStringLiteral("customers"), f.shop.schemaName));
    QTRY_COMPARE(engine.pool()->checkedout(), 0);

    // Destroyed while it reads: the connection goes back without a leak report.
    auto doomed = std::make_unique<SchemaLoader>(&engine);
    QVERIFY(doomed->load());
    QTRY_VERIFY(engine.pool()->checkedout() == 1 || !doomed->isLoading());
    doomed.reset();
    QTRY_COMPARE(engine.pool()->checkedout(), 0);
    // And destroyed while it still waits for a connection.
    engine.dispose();
    QTRY_COMPARE(engine.pool()->openCount(), 0);
    doomed = std::make_unique<SchemaLoader>(&engine);
    QVERIFY(doomed->load());
    doomed.reset();
    QTRY_COMPARE(engine.pool()->checkedout(), 0);
    QCOMPARE(engine.pool()->waiting(), 0);
    for (const PoolEvent &event : log.events())
        QVERIFY2(event.type != PoolEvent::Type::LeakReclaimed, qPrintable(event.message));
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"

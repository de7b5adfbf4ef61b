// The schema tree over a schema read from a real SQLite demo database, under
// QAbstractItemModelTester.
#include "core/models/schemaloader.h"
#include "core/models/schematreemodel.h"
#include "core/pool/engine.h"
#include "core/settings/demodatabase.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using NodeKind = SchemaTreeModel::NodeKind;

class TestSchemaTreeModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeOfTheDemo();
    void rolesAndTooltips();
    void resetTwiceStaysValid();

private:
    static QModelIndex child(const SchemaTreeModel &model, const QModelIndex &parent,
                             const QString &name);

    QTemporaryDir m_folder;
    Schema m_schema;
};

void TestSchemaTreeModel::initTestCase()
{
    QVERIFY(m_folder.isValid());
    const QString path = m_folder.filePath(QStringLiteral("demo.sqlite"));
    QString error;
    QVERIFY2(DemoDatabase::ensure(path, &error), qPrintable(error));
    Engine engine(testsupport::makeBind(*Url::parse(QStringLiteral("sqlite:///") + path),
                                        QStringLiteral("tree")));
    SchemaLoader loader(&engine);
    bool done = false;
    connect(&loader, &SchemaLoader::loaded, this, [&](const Schema &schema) {
        m_schema = schema;
        done = true;
    });
    connect(&loader, &SchemaLoader::failed, this, [&](const QString &message) {
        error = message;
        done = true;
    });
    QVERIFY(loader.load());
    QVERIFY(testsupport::waitUntil([&] { return done; }, 30000));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_schema.tables.size(), 5);
}

QModelIndex TestSchemaTreeModel::child(const SchemaTreeModel &model, const QModelIndex &parent,
                                       const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return QModelIndex();
}

void TestSchemaTreeModel::treeOfTheDemo()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setSchema(m_schema);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex main = model.index(0, 0);
    QCOMPARE(main.data().toString(), QStringLiteral("main"));
    QCOMPARE(model.kindOf(main), NodeKind::Schema);
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("4 tables, 1 view"));
    QCOMPARE(model.rowCount(main), 2);

    const QModelIndex tables = child(model, main, QStringLiteral("Tables (4)"));
    QVERIFY(tables.isValid());
    QCOMPARE(model.kindOf(tables), NodeKind::TablesGroup);
    QStringList names;
    for (int row = 0; row < model.rowCount(tables); ++row)
        names << model.index(row, 0, tables).data().toString();
    QCOMPARE(names, QStringList({QStringLiteral("customers"), QStringLiteral("order_items"),
                                 QStringLiteral("orders"), QStringLiteral("products")}));
    const QModelIndex views = child(model, main, QStringLiteral("Views (1)"));
    QVERIFY(views.isValid());
    QCOMPARE(model.rowCount(views), 1);
    const QModelIndex view = model.index(0, 0, views);
    QCOMPARE(view.data().toString(), QStringLiteral("order_totals"));
    QCOMPARE(model.kindOf(view), NodeKind::View);
    QCOMPARE(model.rowCount(view), 1); // a view has columns only
    QCOMPARE(model.index(0, 0, view).data().toString(), QStringLiteral("Columns (5)"));

    const QModelIndex items = child(model, tables, QStringLiteral("order_items"));
    QCOMPARE(model.kindOf(items), NodeKind::Table);
    QCOMPARE(model.rowCount(items), 3);
    const QModelIndex columns = child(model, items, QStringLiteral("Columns (5)"));
    const QModelIndex indexes = child(model, items, QStringLiteral("Indexes (3)"));
    const QModelIndex keys = child(model, items, QStringLiteral("Foreign keys (2)"));
    QVERIFY(columns.isValid());
    QVERIFY(indexes.isValid());
    QVERIFY(keys.isValid());
    QCOMPARE(model.kindOf(keys), NodeKind::ForeignKeysGroup);

    const QModelIndex id = child(model, columns, QStringLiteral("id"));
    QCOMPARE(model.kindOf(id), NodeKind::Column);
    QCOMPARE(id.siblingAtColumn(1).data().toString(),
             QStringLiteral("INTEGER · NOT NULL · auto-increment · PK"));
    const QModelIndex unique =
        child(model, indexes, QStringLiteral("uq_order_items_order_product"));
    QCOMPARE(unique.siblingAtColumn(1).data().toString(),
             QStringLiteral("UNIQUE (order_id, product_id)"));
    // SQLite keeps no constraint names; the node is named after its target.
    const QModelIndex toOrders = child(model, keys, QStringLiteral("→ orders"));
    QVERIFY(toOrders.isValid());
    QCOMPARE(toOrders.siblingAtColumn(1).data().toString(),
             QStringLiteral("(order_id) → orders (id) ON DELETE CASCADE"));
    QCOMPARE(model.tableAt(toOrders), m_schema.table(QStringLiteral("order_items")));
    QCOMPARE(model.indexOfTable(QStringLiteral("main"), QStringLiteral("order_items")), items);
    QVERIFY(!model.indexOfTable(QStringLiteral("main"), QStringLiteral("nothing")).isValid());
}

void TestSchemaTreeModel::rolesAndTooltips()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(m_schema);
    const QModelIndex customers =
        model.indexOfTable(QStringLiteral("main"), QStringLiteral("customers"));
    QVERIFY(customers.isValid());
    // What a double-click needs to open a browse tab.
    QCOMPARE(customers.data(SchemaTreeModel::NodeKindRole).toInt(), int(NodeKind::Table));
    QCOMPARE(customers.data(SchemaTreeModel::TableNameRole).toString(),
             QStringLiteral("customers"));
    QCOMPARE(customers.data(SchemaTreeModel::SchemaNameRole).toString(), QStringLiteral("main"));
    QCOMPARE(customers.siblingAtColumn(1).data(SchemaTreeModel::TableNameRole).toString(),
             QStringLiteral("customers"));
    const QString ddl = customers.data(Qt::ToolTipRole).toString();
    QVERIFY2(ddl.startsWith(QLatin1String("CREATE TABLE customers (")), qPrintable(ddl));
    QVERIFY2(ddl.contains(QLatin1String("email TEXT NOT NULL")), qPrintable(ddl));
    QVERIFY2(ddl.contains(QLatin1String("PRIMARY KEY (id)")), qPrintable(ddl));

    // Everything under a table knows its table; groups do not carry object names.
    const QModelIndex columns = model.index(0, 0, customers);
    QCOMPARE(columns.data(SchemaTreeModel::TableNameRole).toString(), QStringLiteral("customers"));
    QVERIFY(!columns.data(SchemaTreeModel::ObjectNameRole).isValid());
    const QModelIndex email = child(model, columns, QStringLiteral("email"));
    QCOMPARE(email.data(SchemaTreeModel::ObjectNameRole).toString(), QStringLiteral("email"));
    QCOMPARE(email.data(SchemaTreeModel::TableNameRole).toString(), QStringLiteral("customers"));
    QCOMPARE(email.data(Qt::ToolTipRole).toString(), QStringLiteral("email TEXT NOT NULL"));
    const QModelIndex idTip = child(model, columns, QStringLiteral("id"));
    QVERIFY(idTip.data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Primary key column 1 of 1")));

    const QModelIndex indexes = model.index(1, 0, customers);
    const QModelIndex country = child(model, indexes, QStringLiteral("idx_customers_country"));
    QCOMPARE(country.data(Qt::ToolTipRole).toString(),
             QStringLiteral("CREATE INDEX idx_customers_country ON customers (country)"));

    const QModelIndex view =
        model.indexOfTable(QStringLiteral("main"), QStringLiteral("order_totals"));
    QCOMPARE(view.data(SchemaTreeModel::NodeKindRole).toInt(), int(NodeKind::View));
    QVERIFY(view.data(Qt::ToolTipRole)
                .toString()
                .startsWith(QLatin1String("CREATE VIEW order_totals")));

    const QModelIndex main = model.index(0, 0);
    QCOMPARE(main.data(SchemaTreeModel::SchemaNameRole).toString(), QStringLiteral("main"));
    QVERIFY(!main.data(SchemaTreeModel::TableNameRole).isValid());
    QVERIFY(!model.tableAt(main));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QVERIFY(model.roleNames().contains(SchemaTreeModel::TableNameRole));
}

void TestSchemaTreeModel::resetTwiceStaysValid()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(m_schema);
    const QModelIndex before = model.indexOfTable(QStringLiteral("main"), QStringLiteral("orders"));
    QVERIFY(before.isValid());

    // A second namespace and one table fewer: the tree follows.
    Schema changed = m_schema;
    changed.tables.removeIf(
        [](const SchemaTable &table) { return table.name == QLatin1String("orders"); });
    SchemaTable other = *m_schema.table(QStringLiteral("products"));
    other.schema = QStringLiteral("archive");
    changed.schemaNames << QStringLiteral("archive");
    changed.tables << other;
    model.setSchema(changed);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.indexOfTable(QStringLiteral("main"), QStringLiteral("orders")).isValid());
    const QModelIndex archived =
        model.indexOfTable(QStringLiteral("archive"), QStringLiteral("products"));
    QVERIFY(archived.isValid());
    QCOMPARE(archived.data(SchemaTreeModel::SchemaNameRole).toString(), QStringLiteral("archive"));
    QCOMPARE(archived.parent().parent(), model.index(1, 0));

    model.setSchema(Schema());
    QCOMPARE(model.rowCount(), 0);
    model.setSchema(m_schema);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.indexOfTable(QStringLiteral("main"), QStringLiteral("orders")).isValid());
}

QTEST_GUILESS_MAIN(TestSchemaTreeModel)
#include "tst_schematreemodel.moc"

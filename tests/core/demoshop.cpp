#include "tests/core/demoshop.h"

#include "core/settings/demodatabase.h"
#include "tests/support/testsupport.h"

#include <QProcess>
#include <QTest>

const QString DemoShop::oddTable = QStringLiteral("odd 'q' \"n\" é 表");
const QString DemoShop::oddIndex = QStringLiteral("idx \"odd\"");
const QString DemoShop::unicodeColumn = QStringLiteral("Ünï ✓");

namespace {

QString q(Dialect dialect, const QString &name)
{
    return dialects::quoteIdentifier(dialect, name);
}

// Runs the dialect's own command-line client on the demo script, as
// resources/README.md says to load it.
bool loadScript(Dialect dialect, const Url &url, const QString &schemaName, QString *error)
{
    const QString script =
        QFINDTESTDATA(dialect == Dialect::PostgreSQL ? "../../resources/demo-postgresql.sql"
                                                     : "../../resources/demo-mariadb.sql");
    if (script.isEmpty()) {
        *error = QStringLiteral("demo script not found");
        return false;
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QStringList arguments;
    if (dialect == Dialect::PostgreSQL) {
        environment.insert(QStringLiteral("PGPASSWORD"), url.password());
        environment.insert(QStringLiteral("PGOPTIONS"),
                           QStringLiteral("-c search_path=%1").arg(schemaName));
        arguments << QStringLiteral("-X") << QStringLiteral("-q") << QStringLiteral("-v")
                  << QStringLiteral("ON_ERROR_STOP=1") << QStringLiteral("-h") << url.host()
                  << QStringLiteral("-p") << QString::number(url.port()) << QStringLiteral("-U")
                  << url.username() << QStringLiteral("-d") << url.database()
                  << QStringLiteral("-f") << script;
        process.setProgram(QStringLiteral("psql"));
    } else {
        environment.insert(QStringLiteral("MYSQL_PWD"), url.password());
        arguments << QStringLiteral("--no-defaults") << QStringLiteral("--batch")
                  << QStringLiteral("--host=") + url.host()
                  << QStringLiteral("--port=") + QString::number(url.port())
                  << QStringLiteral("--user=") + url.username()
                  << QStringLiteral("--default-character-set=utf8mb4") << schemaName;
        process.setStandardInputFile(script);
        process.setProgram(QStringLiteral("mariadb"));
    }
    process.setProcessEnvironment(environment);
    process.setArguments(arguments);
    process.start();
    if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed: %2 %3")
                     .arg(process.program(), process.errorString(),
                          QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    return true;
}

// Things the demo lacks: odd names, no primary key, a composite primary key
// listed out of column order, a composite foreign key, an expression index and
// a view left without its table.
QStringList extraStatements(Dialect dialect, const QString &schemaName)
{
    const QString prefix =
        dialect == Dialect::PostgreSQL ? q(dialect, schemaName) + QLatin1Char('.') : QString();
    QStringList statements;
    statements << QStringLiteral("CREATE TABLE %1%2 (%3 INTEGER NOT NULL, "
                                 "%4 VARCHAR(20) DEFAULT 'x''y', %5 INTEGER)")
                      .arg(prefix, q(dialect, DemoShop::oddTable),
                           q(dialect, QStringLiteral("select")),
                           q(dialect, QStringLiteral("two words")),
                           q(dialect, DemoShop::unicodeColumn));
    statements << QStringLiteral("CREATE INDEX %1 ON %2%3 (%4, %5)")
                      .arg(q(dialect, DemoShop::oddIndex), prefix, q(dialect, DemoShop::oddTable),
                           q(dialect, QStringLiteral("two words")),
                           q(dialect, QStringLiteral("select")));
    statements << QStringLiteral(
                      "CREATE TABLE %1shipments (order_id INTEGER NOT NULL, line INTEGER NOT NULL, "
                      "product_id INTEGER, item_order_id INTEGER, PRIMARY KEY (line, order_id), "
                      "CONSTRAINT shipments_item_fkey FOREIGN KEY (item_order_id, product_id) "
                      "REFERENCES %1order_items (order_id, product_id) "
                      "ON DELETE SET NULL ON UPDATE CASCADE)")
                      .arg(prefix);
    if (dialect != Dialect::MySQL) // MariaDB has no expression indexes
        statements << QStringLiteral(
                          "CREATE INDEX idx_customers_lower_email ON %1customers (lower(email))")
                          .arg(prefix);
    if (dialect != Dialect::PostgreSQL) { // PostgreSQL refuses to orphan a view
        statements << QStringLiteral("CREATE TABLE gone (x INTEGER)")
                   << QStringLiteral("CREATE VIEW broken_view AS SELECT x FROM gone")
                   << QStringLiteral("DROP TABLE gone");
    }
    return statements;
}

} // namespace

DemoShop DemoShop::create(Dialect dialect, const Url &serverUrl)
{
    DemoShop shop;
    shop.dialect = dialect;
    shop.url = serverUrl;
    switch (dialect) {
    case Dialect::SQLite:
        shop.schemaName = QStringLiteral("main");
        if (!DemoDatabase::ensure(serverUrl.database(), &shop.error))
            return shop;
        break;
    case Dialect::PostgreSQL:
    case Dialect::MySQL: {
        shop.schemaName = testsupport::uniqueIdentifier(QStringLiteral("demo_shop"));
        testsupport::ServerProbe probe(serverUrl);
        const QString create = dialect == Dialect::PostgreSQL
                                   ? QStringLiteral("CREATE SCHEMA %1")
                                   : QStringLiteral("CREATE DATABASE %1 CHARACTER SET utf8mb4");
        if (!probe.exec(create.arg(q(dialect, shop.schemaName)))) {
            shop.error = probe.error();
            shop.schemaName.clear(); // nothing to drop
            return shop;
        }
        if (dialect == Dialect::MySQL)
            shop.url.setDatabase(shop.schemaName);
        if (!loadScript(dialect, serverUrl, shop.schemaName, &shop.error))
            return shop;
        break;
    }
    }
    testsupport::ServerProbe probe(shop.url);
    for (const QString &sql : extraStatements(dialect, shop.schemaName)) {
        if (!probe.exec(sql)) {
            shop.error = sql + QStringLiteral(": ") + probe.error();
            return shop;
        }
    }
    return shop;
}

bool DemoShop::drop(QString *message) const
{
    if (dialect == Dialect::SQLite || schemaName.isEmpty())
        return true;
    testsupport::ServerProbe probe(url);
    const QString sql = dialect == Dialect::PostgreSQL ? QStringLiteral("DROP SCHEMA %1 CASCADE")
                                                       : QStringLiteral("DROP DATABASE %1");
    if (probe.exec(sql.arg(q(dialect, schemaName))))
        return true;
    *message = probe.error();
    return false;
}

// MariaDB's InnoDB dictionary as the schema reader's source of base tables and
// indexes: it speaks only for what it keeps as the server shows it, and a read
// through it gives the same tables and indexes as information_schema gives a
// user who may not read it. A session's read, which streams the columns
// through the native client, gives the same columns as Qt's driver.
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/schema/innodbdictionary.h"
#include "core/schema/schemareader.h"
#include "core/sql/dialect.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

const char *const kObjects[] = {
    "CREATE TABLE plain (id INT PRIMARY KEY, code CHAR(8), a INT, b INT, "
    "UNIQUE KEY code_u (code), KEY ab (a, b))",
    "CREATE TABLE `p 表` (id INT, `two words` INT, PRIMARY KEY (`two words`, id))",
    "CREATE TABLE keyless (a INT, b INT)",
    "CREATE TABLE keyless_indexed (a INT, b INT, KEY ba (b, a))",
    "CREATE TABLE child (id INT PRIMARY KEY, plain_id INT, "
    "FOREIGN KEY (plain_id) REFERENCES plain (id))",
    "CREATE TABLE virt (id INT PRIMARY KEY, a INT, v INT AS (a + 1) VIRTUAL, KEY kv (v))",
    "CREATE SEQUENCE seq",
    "CREATE TABLE fulltext_t (id INT PRIMARY KEY, t TEXT, FULLTEXT KEY ft (t))",
    "CREATE TABLE long_unique (id INT PRIMARY KEY, b BLOB, UNIQUE KEY bu (b))",
    "CREATE TABLE parted (id INT PRIMARY KEY, x INT, KEY kx (x)) "
    "PARTITION BY HASH (id) PARTITIONS 2",
    "CREATE TABLE mine (id INT PRIMARY KEY, x INT, KEY kx (x)) ENGINE=MyISAM",
    "CREATE VIEW seen AS SELECT id, code FROM plain",
    "CREATE TABLE defaults_t (id INT PRIMARY KEY AUTO_INCREMENT, s VARCHAR(10) DEFAULT 'a''b', "
    "n INT DEFAULT NULL, t TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
    "e ENUM('x', 'y') NOT NULL DEFAULT 'y', d DECIMAL(9, 2) DEFAULT 1.50)",
};

// A connection of the test's own thread; closed and removed by the guard.
QString openDatabase(const Url &url, const QString &database, const QString &user,
                     const QString &password, QString *error)
{
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(dialects::qtDriver(Dialect::MySQL), name);
    db.setHostName(url.host());
    db.setPort(url.port());
    db.setDatabaseName(database);
    db.setUserName(user);
    db.setPassword(password);
    if (!db.open())
        *error = db.lastError().text();
    return name;
}

void closeDatabase(const QString &name)
{
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

QString run(const QString &connection, const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    return query.exec(sql) ? QString() : sql + QLatin1String(": ") + query.lastError().text();
}

QString describeColumns(const SchemaTable &table)
{
    QStringList parts;
    for (const SchemaColumn &column : table.columns)
        parts << QStringLiteral("%1 %2 %3 %4 %5%6%7")
                     .arg(column.name, column.type)
                     .arg(column.ordinal)
                     .arg(column.nullable ? QStringLiteral("null") : QStringLiteral("not null"),
                          column.defaultValue.isNull() ? QStringLiteral("(none)")
                                                       : column.defaultValue,
                          column.computed ? QStringLiteral(" computed") : QString(),
                          column.autoIncrement ? QStringLiteral(" auto") : QString());
    return table.name + QLatin1String(": ") + parts.join(QLatin1String(", "));
}

QString describe(const SchemaTable &table)
{
    QStringList parts{table.name, table.isView() ? QStringLiteral("view") : QStringLiteral("table"),
                      table.primaryKey().join(QLatin1Char(','))};
    for (const SchemaIndex &index : table.indexes)
        parts << QStringLiteral("%1(%2)%3%4")
                     .arg(index.name, index.columns.join(QLatin1Char(',')),
                          index.unique ? QStringLiteral(" unique") : QString(),
                          index.primary ? QStringLiteral(" primary") : QString());
    return parts.join(QLatin1String(" | "));
}

} // namespace

class TestInnodbDictionary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void speaksOnlyForWhatItKeepsAsShown();
};

void TestInnodbDictionary::speaksOnlyForWhatItKeepsAsShown()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, serverUrl);
    const QString database = testsupport::uniqueIdentifier(QStringLiteral("innodb_dict"));
    const QString plainUser = testsupport::uniqueIdentifier(QStringLiteral("dict_plain"));
    const QString plainPassword = QStringLiteral("plain-pw");
    QString error;
    const QString admin = openDatabase(serverUrl, serverUrl.database(), serverUrl.username(),
                                       serverUrl.password(), &error);
    const QString other = database + QStringLiteral("_other");
    const auto cleanUp = qScopeGuard([&] {
        run(admin, QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(database));
        run(admin, QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(other));
        run(admin, QStringLiteral("DROP USER IF EXISTS '%1'@'127.0.0.1'").arg(plainUser));
        closeDatabase(admin);
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(run(admin, QStringLiteral("CREATE DATABASE `%1`").arg(database)), QString());
    QCOMPARE(run(admin, QStringLiteral("USE `%1`").arg(database)), QString());
    for (const char *sql : kObjects)
        QCOMPARE(run(admin, QString::fromUtf8(sql)), QString());
    QCOMPARE(run(admin, QStringLiteral("CREATE DATABASE `%1`").arg(other)), QString());
    QCOMPARE(
        run(admin, QStringLiteral("CREATE TABLE `%1`.elsewhere (id INT PRIMARY KEY)").arg(other)),
        QString());
    QCOMPARE(run(admin, QStringLiteral("CREATE USER '%1'@'127.0.0.1' IDENTIFIED BY '%2'")
                            .arg(plainUser, plainPassword)),
             QString());
    QCOMPARE(run(admin, QStringLiteral("GRANT SELECT, SHOW VIEW ON `%1`.* TO '%2'@'127.0.0.1'")
                            .arg(database, plainUser)),
             QString());

    QSqlDatabase adminDb = QSqlDatabase::database(admin, false);
    InnodbDictionary dictionary;
    const QString inList = QStringLiteral("'%1'").arg(database);
    QVERIFY(dictionary.read(adminDb, inList));
    const QVector<SchemaIndex> *plain = dictionary.indexesOf(database, QStringLiteral("plain"));
    QVERIFY(plain);
    QCOMPARE(plain->size(), 3);
    QVERIFY(dictionary.indexesOf(database, QStringLiteral("p 表")));
    QVERIFY(dictionary.indexesOf(database, QStringLiteral("keyless_indexed")));
    QVERIFY(dictionary.indexesOf(database, QStringLiteral("child")));
    QVERIFY(dictionary.indexesOf(database, QStringLiteral("virt")));
    // Only the databases asked for are read.
    QVERIFY(!dictionary.indexesOf(other, QStringLiteral("elsewhere")));
    InnodbDictionary both;
    QVERIFY(both.read(adminDb, QStringLiteral("%1, '%2'").arg(inList, other)));
    QVERIFY(both.indexesOf(other, QStringLiteral("elsewhere")));
    QVERIFY(both.indexesOf(database, QStringLiteral("plain")));
    // What the dictionary cannot tell from a table, or keeps otherwise.
    for (const char *name :
         {"keyless", "seq", "fulltext_t", "long_unique", "parted", "mine", "seen", "nothing"})
        QVERIFY2(!dictionary.indexesOf(database, QString::fromUtf8(name)), name);

    // Read both ways: through the dictionary, and from information_schema
    // alone (no PROCESS privilege).
    const Schema viaDictionary = SchemaReader::read(adminDb, Dialect::MySQL, &error, {database});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString plainConnection =
        openDatabase(serverUrl, database, plainUser, plainPassword, &error);
    const auto closePlain = qScopeGuard([&] { closeDatabase(plainConnection); });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSqlDatabase plainDb = QSqlDatabase::database(plainConnection, false);
    InnodbDictionary refused;
    QVERIFY(!refused.read(plainDb, inList));
    const Schema viaViews = SchemaReader::read(plainDb, Dialect::MySQL, &error, {database});
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QCOMPARE(viaDictionary.tables.size(), std::size(kObjects) - 1); // not the sequence
    QCOMPARE(viaViews.tables.size(), viaDictionary.tables.size());
    for (qsizetype t = 0; t < viaDictionary.tables.size(); ++t)
        QCOMPARE(describe(viaDictionary.tables.at(t)), describe(viaViews.tables.at(t)));
    const SchemaTable *seen = viaDictionary.table(QStringLiteral("seen"), database);
    QVERIFY(seen && seen->isView());
    QVERIFY(!viaDictionary.table(QStringLiteral("seq"), database));
    // A session's read (the window's, the command line's) streams the columns
    // through the native client: the same columns as Qt's driver gives.
    Url databaseUrl = serverUrl;
    databaseUrl.setDatabase(database);
    Engine engine(testsupport::makeBind(databaseUrl, QStringLiteral("dictionary")));
    Session session(&engine, QStringLiteral("schema"));
    QSignalSpy finished(&session, &Session::taskFinished);
    QVERIFY(session.runTask(SchemaReader::task()));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(1).toString(), QString());
    const Schema viaSession = finished.first().at(0).value<Schema>();
    QCOMPARE(viaSession.tables.size(), viaDictionary.tables.size());
    for (qsizetype t = 0; t < viaSession.tables.size(); ++t) {
        QCOMPARE(describeColumns(viaSession.tables.at(t)),
                 describeColumns(viaDictionary.tables.at(t)));
        QCOMPARE(describe(viaSession.tables.at(t)), describe(viaDictionary.tables.at(t)));
    }
    QVERIFY(describeColumns(*viaSession.table(QStringLiteral("defaults_t"), database))
                .contains(QStringLiteral("s varchar(10) 2 null 'a''b'")));

    QCOMPARE(describe(*viaDictionary.table(QStringLiteral("plain"), database)),
             QStringLiteral("plain | table | id | ab(a,b) | code_u(code) unique | "
                            "PRIMARY(id) unique primary"));
}

QTEST_GUILESS_MAIN(TestInnodbDictionary)
#include "tst_innodbdictionary.moc"

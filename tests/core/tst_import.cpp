// CSV import into the three real databases: exported tables come back byte for
// byte (tricky values, the demo shop's orders, into a copy and into a table
// the import creates), bad values and server refusals are named by line and
// column, and a failed or cancelled import leaves the table as it was, as the
// server says.
#include "core/driver/mysqlnativeconnection.h"
#include "core/driver/rowwriter.h"
#include "core/export/exportoptions.h"
#include "core/import/importtask.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/demoshop.h"
#include "tests/core/exportfixture.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace exportfixture;

namespace {

ImportResult runImport(Session &session, const ImportOptions &options,
                       const std::function<void(qint64)> &onProgress = {})
{
    ImportResult result;
    bool done = false;
    QObject context;
    QObject::connect(&session, &Session::taskFinished, &context,
                     [&](const QVariant &value, const QString &error) {
                         result = value.value<ImportResult>();
                         if (!error.isEmpty() && result.error.isEmpty())
                             result.error = error;
                         done = true;
                     });
    if (onProgress)
        QObject::connect(&session, &Session::taskProgress, &context, onProgress);
    if (!session.runTask(ImportTask::task(options))) {
        result.error = QStringLiteral("the session is busy");
        return result;
    }
    if (!testsupport::waitUntil([&] { return done; }, 180000))
        result.error = QStringLiteral("the import did not end in time");
    return result;
}

} // namespace

class TestImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ExportResult>(); }
    void trickyValuesComeBackByteForByte_data() { testsupport::addDialectRows(); }
    void trickyValuesComeBackByteForByte();
    void demoOrdersRoundTrip_data() { testsupport::addDialectRows(); }
    void demoOrdersRoundTrip();
    void badValueNamesLineAndColumn_data() { testsupport::addDialectRows(); }
    void badValueNamesLineAndColumn();
    void serverRefusalNamesTheLine_data() { testsupport::addDialectRows(); }
    void serverRefusalNamesTheLine();
    void cancelLeavesTheTableAsItWas_data() { testsupport::addDialectRows(); }
    void cancelLeavesTheTableAsItWas();
    void openTransactionKeepsItsWork_data() { testsupport::addDialectRows(); }
    void openTransactionKeepsItsWork();
    void createdTableGoesWhenImportFails_data() { testsupport::addDialectRows(); }
    void createdTableGoesWhenImportFails();
    void commandLine_data() { testsupport::addDialectRows(); }
    void commandLine();
    void mysqlInsertStatementsEscapeEverything();
    void commandLineInterruptRollsBack_data() { testsupport::addDialectRows(); }
    void commandLineInterruptRollsBack();
};

void TestImport::trickyValuesComeBackByteForByte()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    const QString source = testsupport::uniqueIdentifier(QStringLiteral("src"));
    const QString copy = testsupport::uniqueIdentifier(QStringLiteral("copy"));
    const QList<Value> values = trickyValues(3 * 1024 * 1024);
    QString error;
    QVERIFY2(createValuesTable(&session, dialect, source, values, &error), qPrintable(error));
    QVERIFY(testsupport::run(
                &session,
                QStringLiteral("CREATE TABLE %1 (id INTEGER, v %2)").arg(copy, textType(dialect)))
                .ok);
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("first.csv"));
    const QString second = dir.filePath(QStringLiteral("second.csv"));
    QVERIFY(runExport(&session, QStringLiteral("SELECT id, v FROM %1 ORDER BY id").arg(source),
                      ExportOptions(), first)
                .ok);

    ImportOptions options;
    options.path = first;
    options.table = copy;
    const ImportResult imported = runImport(session, options);
    QVERIFY2(imported.ok, qPrintable(imported.error));
    QCOMPARE(imported.rows, qint64(values.size()));
    Rows before, after;
    QVERIFY(fetchRows(&session, QStringLiteral("SELECT id, v FROM %1 ORDER BY id").arg(source),
                      &before, &error));
    QVERIFY(fetchRows(&session, QStringLiteral("SELECT id, v FROM %1 ORDER BY id").arg(copy),
                      &after, &error));
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        QVERIFY2(
            after.at(i) == before.at(i),
            qPrintable(QStringLiteral("row %1: %2").arg(i + 1).arg(describe(after.at(i).at(1)))));
    QVERIFY(runExport(&session, QStringLiteral("SELECT id, v FROM %1 ORDER BY id").arg(copy),
                      ExportOptions(), second)
                .ok);
    QVERIFY(readFile(first) == readFile(second));
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(source)).ok);
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(copy)).ok);
}

void TestImport::demoOrdersRoundTrip()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, serverUrl);
    const DemoShop shop = DemoShop::create(dialect, serverUrl);
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    Engine engine(testsupport::makeBind(shop.url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    auto name = [&](const QString &table) {
        return dialects::qualifiedName(dialect, shop.schemaName, table);
    };
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("orders.csv"));
    const QString select = QStringLiteral("SELECT * FROM %1 ORDER BY id");
    QVERIFY(
        runExport(&session, select.arg(name(QStringLiteral("orders"))), ExportOptions(), exported)
            .ok);
    // Into an empty copy of the table, and into a table the import creates.
    QVERIFY(
        testsupport::run(
            &session, QStringLiteral("CREATE TABLE %1 AS SELECT * FROM %2 WHERE 1 = 0")
                          .arg(name(QStringLiteral("orders_copy")), name(QStringLiteral("orders"))))
            .ok);
    for (const bool create : {false, true}) {
        ImportOptions options;
        options.path = exported;
        options.schema = dialect == Dialect::SQLite ? QString() : shop.schemaName;
        options.table = create ? QStringLiteral("orders_new") : QStringLiteral("orders_copy");
        options.create = create;
        const ImportResult imported = runImport(session, options);
        QVERIFY2(imported.ok, qPrintable(imported.error));
        QCOMPARE(imported.createdSql.isEmpty(), !create);
        const QString again = dir.filePath(options.table + QStringLiteral(".csv"));
        QVERIFY(runExport(&session, select.arg(name(options.table)), ExportOptions(), again).ok);
        const QByteArray expected = readFile(exported);
        const QByteArray actual = readFile(again);
        QVERIFY2(actual == expected,
                 qPrintable(QStringLiteral("%1: %2 vs %3 bytes; first lines:\n%4\n%5")
                                .arg(options.table)
                                .arg(actual.size())
                                .arg(expected.size())
                                .arg(QString::fromUtf8(actual.left(300)),
                                     QString::fromUtf8(expected.left(300)))));
    }
    QString error;
    QVERIFY2(shop.drop(&error), qPrintable(error));
}

void TestImport::badValueNamesLineAndColumn()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("bad"));
    // SQLite refuses a text in an integer column only in a STRICT table.
    QVERIFY(testsupport::run(
                &session,
                QStringLiteral("CREATE TABLE %1 (n INTEGER, note TEXT)%2")
                    .arg(table, dialect == Dialect::SQLite ? QStringLiteral(" STRICT") : QString()))
                .ok);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.csv"));
    // Line 3 holds a line break inside quotes, so the bad value is on line 5.
    QVERIFY(writeFile(path, "note,n\nfine,1\n\"two\nlines\",2\nabc,x7\nlater,4\n"));
    ImportOptions options;
    options.path = path;
    options.table = table;
    const ImportResult result = runImport(session, options);
    QVERIFY(!result.ok);
    QCOMPARE(result.line, qint64(5));
    QVERIFY2(result.error.contains(QLatin1String("line 5")), qPrintable(result.error));
    if (dialect != Dialect::SQLite) {
        QCOMPARE(result.column, QStringLiteral("n"));
        QVERIFY2(result.error.contains(QLatin1String("'x7' is not an integer")),
                 qPrintable(result.error));
    }
    testsupport::ServerProbe probe(url);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("0"));
    QVERIFY(!session.inTransaction());
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
}

void TestImport::serverRefusalNamesTheLine()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("dup"));
    QVERIFY(
        testsupport::run(&session, QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, v %2)")
                                       .arg(table, textType(dialect)))
            .ok);
    QVERIFY(testsupport::run(&session,
                             QStringLiteral("INSERT INTO %1 VALUES (100000, 'kept')").arg(table))
                .ok);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dup.csv"));
    QByteArray csv = "id,v\n";
    for (int i = 1; i <= 5000; ++i)
        csv += QByteArray::number(i == 4000 ? 100000 : i) + ",row\n"; // line 4001 repeats the key
    QVERIFY(writeFile(path, csv));
    ImportOptions options;
    options.path = path;
    options.table = table;
    const ImportResult result = runImport(session, options);
    QVERIFY(!result.ok);
    if (dialect == Dialect::MySQL) // a multi-row INSERT's error names no row: the batch
        QVERIFY2(result.error.contains(QLatin1String("rows 1 to 5000")), qPrintable(result.error));
    else
        QCOMPARE(result.line, qint64(4001));
    testsupport::ServerProbe probe(url);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("1"));
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
}

void TestImport::cancelLeavesTheTableAsItWas()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("cancel"));
    QVERIFY(testsupport::run(
                &session,
                QStringLiteral("CREATE TABLE %1 (id INTEGER, v %2)").arg(table, textType(dialect)))
                .ok);
    QVERIFY(testsupport::run(&session,
                             QStringLiteral("INSERT INTO %1 VALUES (1, 'a'), (2, 'b')").arg(table))
                .ok);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.csv"));
    QByteArray csv = "id,v\n";
    for (int i = 0; i < 400000; ++i)
        csv += QByteArray::number(i) + ",some text to make the file longer than a chunk\n";
    QVERIFY(writeFile(path, csv));
    ImportOptions options;
    options.path = path;
    options.table = table;
    bool cancelled = false;
    const ImportResult result = runImport(session, options, [&](qint64 rows) {
        if (rows > 0 && !cancelled) {
            cancelled = true;
            session.cancel();
        }
    });
    QVERIFY(cancelled);
    QVERIFY2(result.cancelled, qPrintable(result.error));
    QVERIFY(!result.ok);
    testsupport::ServerProbe probe(url);
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("2"));
    // The connection is fine for what comes next.
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
}

void TestImport::openTransactionKeepsItsWork()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("tx"));
    QVERIFY(testsupport::run(
                &session,
                QStringLiteral("CREATE TABLE %1 (id INTEGER, v %2)").arg(table, textType(dialect)))
                .ok);
    session.setMode(Session::Mode::Transaction);
    QVERIFY(
        testsupport::run(&session, QStringLiteral("INSERT INTO %1 VALUES (1, 'mine')").arg(table))
            .ok);
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.csv"));
    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    QVERIFY(writeFile(good, "id,v\n2,x\n3,y\n"));
    QVERIFY(writeFile(bad, "id,v\n4,x\n5,y,z\n"));
    ImportOptions options;
    options.table = table;
    options.path = bad;
    const ImportResult failed = runImport(session, options);
    QVERIFY(!failed.ok);
    QVERIFY2(failed.error.contains(QLatin1String("line 3 has 3 field(s)")),
             qPrintable(failed.error));
    options.path = good;
    const ImportResult imported = runImport(session, options);
    QVERIFY2(imported.ok, qPrintable(imported.error));
    QVERIFY(session.inTransaction()); // the import is part of the tab's transaction
    QList<QStringList> rows;
    QVERIFY(testsupport::run(&session, QStringLiteral("SELECT id FROM %1 ORDER BY id").arg(table),
                             &rows)
                .ok);
    QCOMPARE(rows, (QList<QStringList>{{"1"}, {"2"}, {"3"}}));
    // A new table inside the open transaction: a savepoint on PostgreSQL and
    // SQLite; refused on MariaDB, where CREATE TABLE would commit the transaction.
    ImportOptions create = options;
    create.table = testsupport::uniqueIdentifier(QStringLiteral("txnew"));
    create.create = true;
    const ImportResult created = runImport(session, create);
    QCOMPARE(created.ok, dialect != Dialect::MySQL);
    if (dialect == Dialect::MySQL)
        QVERIFY2(created.error.contains(QLatin1String("would commit the open transaction")),
                 qPrintable(created.error));
    QVERIFY(session.inTransaction());
    rows.clear();
    QVERIFY(
        testsupport::run(&session, QStringLiteral("SELECT count(*) FROM %1").arg(table), &rows).ok);
    QCOMPARE(rows, (QList<QStringList>{{"3"}}));
    QVERIFY(session.rollback());
    QVERIFY(testsupport::waitUntil([&] { return !session.inTransaction(); }));
    session.setMode(Session::Mode::Autocommit);
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
}

void TestImport::createdTableGoesWhenImportFails()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("made"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("short.csv"));
    QVERIFY(writeFile(path, "a,b\n1,2\n3\n"));
    ImportOptions options;
    options.path = path;
    options.table = table;
    options.create = true;
    const ImportResult result = runImport(session, options);
    QVERIFY(!result.ok);
    QCOMPARE(result.line, qint64(3));
    QVERIFY(result.createdSql.isEmpty());
    // The table is gone: reading it fails on the server.
    testsupport::ServerProbe probe(url);
    QVERIFY(!probe.exec(QStringLiteral("SELECT * FROM %1").arg(table)));
    QVERIFY(!session.inTransaction());
}

void TestImport::commandLine()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("cli"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("semi.csv"));
    QVERIFY(writeFile(path, "1;NIL;\"x;y\"\n2;;z\n"));
    auto poolscope = [](const QStringList &arguments) {
        return testsupport::runProgram(QStringLiteral(POOLSCOPE_BINARY), arguments);
    };
    const QString target = url.render(false);
    const auto created =
        poolscope({QStringLiteral("import"), target, table, path, QStringLiteral("--create"),
                   QStringLiteral("--no-header"), QStringLiteral("--delimiter"),
                   QStringLiteral(";"), QStringLiteral("--null"), QStringLiteral("NIL")});
    QVERIFY2(created.exit == 0, created.err.constData());
    QVERIFY(created.out.startsWith("2 rows imported into " + table.toUtf8()));
    QVERIFY(created.err.contains("CREATE TABLE"));
    const auto back = poolscope({QStringLiteral("query"), target,
                                 QStringLiteral("SELECT column_1, column_2, column_3 FROM %1 "
                                                "ORDER BY column_1")
                                     .arg(table)});
    QCOMPARE(back.exit, 0);
    // NIL is NULL (an empty field); the empty field, with --null set, is "".
    QCOMPARE(back.out, QByteArray("column_1,column_2,column_3\n1,,x;y\n2,\"\",z\n"));

    const auto missing = poolscope(
        {QStringLiteral("import"), target, table, dir.filePath(QStringLiteral("nope.csv"))});
    QCOMPARE(missing.exit, 2);
    QVERIFY2(missing.err.startsWith("poolscope import: Cannot read"), missing.err.constData());
    QVERIFY(missing.err.contains("nothing was imported"));
    QVERIFY(url.password().isEmpty() || !missing.err.contains(url.password().toUtf8()));
    const auto usage = poolscope({QStringLiteral("import"), target, table});
    QCOMPARE(usage.exit, 1);
    testsupport::ServerProbe(url).exec(QStringLiteral("DROP TABLE %1").arg(table));
}

// MariaDB gets bulk execution; MySQL servers get multi-row INSERT text, which
// must escape what the session's sql_mode says, here driven on MariaDB.
void TestImport::mysqlInsertStatementsEscapeEverything()
{
    if (!testsupport::dialectsUnderTest().contains(Dialect::MySQL))
        QSKIP("MariaDB is not under test in this run");
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("import")));
    Session session(&engine, QStringLiteral("import"));
    session.setMode(Session::Mode::Transaction); // one connection for all that follows
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("ins"));
    QVERIFY(
        testsupport::run(
            &session, QStringLiteral("CREATE TABLE %1 (id INT, v LONGTEXT, b LONGBLOB)").arg(table))
            .ok);
    const QList<Value> values = trickyValues(2 * 1024 * 1024);
    for (const QString &mode : {QStringLiteral("STRICT_ALL_TABLES"),
                                QStringLiteral("STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES")}) {
        QVERIFY(
            testsupport::run(&session, QStringLiteral("SET SESSION sql_mode = '%1'").arg(mode)).ok);
        QVERIFY(testsupport::run(&session, QStringLiteral("DELETE FROM %1").arg(table)).ok);
        bool done = false;
        QVariant outcome;
        QObject context;
        QObject::connect(&session, &Session::taskFinished, &context,
                         [&](const QVariant &value, const QString &) {
                             outcome = value;
                             done = true;
                         });
        session.runTask([table, values](WorkerContext &worker) -> QVariant {
            auto &native = dynamic_cast<MysqlNativeConnection &>(worker.native());
            auto writer = native.insertRowWriter(
                table, {QStringLiteral("id"), QStringLiteral("v"), QStringLiteral("b")});
            for (qsizetype i = 0; i < values.size(); ++i) {
                const QByteArray id = QByteArray::number(i + 1);
                const QByteArray bytes = values.at(i).value_or(QByteArray());
                CellView cells[3];
                cells[0] = {CellKind::Text, id.constData(), id.size()};
                if (values.at(i))
                    cells[1] = {CellKind::Text, bytes.constData(), bytes.size()};
                cells[2] = {CellKind::Binary, bytes.constData(), bytes.size()};
                if (!writer->write(cells))
                    return writer->error();
            }
            return writer->finish() ? QString() : writer->error();
        });
        QVERIFY(testsupport::waitUntil([&] { return done; }, 60000));
        QVERIFY2(outcome.toString().isEmpty(), qPrintable(outcome.toString()));
        Rows rows;
        QString error;
        QVERIFY(fetchRows(&session, QStringLiteral("SELECT v, b FROM %1 ORDER BY id").arg(table),
                          &rows, &error));
        QCOMPARE(rows.size(), values.size());
        for (qsizetype i = 0; i < values.size(); ++i) {
            QVERIFY2(rows.at(i).at(0).bytes == values.at(i).value_or(QByteArray()) &&
                         (rows.at(i).at(0).kind == CellKind::Null) == !values.at(i),
                     qPrintable(QStringLiteral("%1, row %2").arg(mode).arg(i + 1)));
            QCOMPARE(rows.at(i).at(1).bytes, values.at(i).value_or(QByteArray()));
        }
    }
    QVERIFY(session.rollback());
    QVERIFY(testsupport::waitUntil([&] { return !session.inTransaction(); }));
    session.setMode(Session::Mode::Autocommit);
    QVERIFY(testsupport::run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
}

// Ctrl+C while `poolscope import` waits for the server (another session holds
// the table locked): the import is cancelled, nothing stays, exit 2.
void TestImport::commandLineInterruptRollsBack()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite has no server session to hold a lock from; the other rows cover the cancel");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("sigint"));
    testsupport::ServerProbe locker(url);
    QVERIFY(locker.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ids.csv"));
    QVERIFY(writeFile(path, "id\n1\n2\n3\n"));
    QVERIFY(locker.exec(dialect == Dialect::PostgreSQL ? QStringLiteral("BEGIN")
                                                       : QStringLiteral("SELECT 1")));
    QVERIFY(locker.exec(dialect == Dialect::PostgreSQL
                            ? QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table)
                            : QStringLiteral("LOCK TABLES %1 WRITE").arg(table)));
    QProcess import;
    import.start(QStringLiteral(POOLSCOPE_BINARY),
                 {QStringLiteral("import"), url.render(false), table, path});
    QVERIFY(import.waitForStarted());
    // Until the import waits for the lock (its session is on the server).
    testsupport::ServerProbe watcher(url);
    const QString waiting =
        (dialect == Dialect::PostgreSQL
             ? QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                              "'Lock' AND query LIKE '%%1%'")
             : QStringLiteral("SELECT count(*) FROM information_schema.PROCESSLIST WHERE STATE "
                              "LIKE '%lock%' AND INFO LIKE '%%1%' AND ID <> CONNECTION_ID()"))
            .arg(table);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.scalar(waiting).toInt() == 1, 20000);
    ::kill(pid_t(import.processId()), SIGINT);
    QVERIFY(import.waitForFinished(20000));
    const QByteArray err = import.readAllStandardError();
    QCOMPARE(import.exitCode(), 2);
    QVERIFY2(err.contains("cancelled; nothing was imported"), err.constData());
    QVERIFY(locker.exec(dialect == Dialect::PostgreSQL ? QStringLiteral("COMMIT")
                                                       : QStringLiteral("UNLOCK TABLES")));
    QCOMPARE(watcher.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("0"));
    QVERIFY(watcher.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"

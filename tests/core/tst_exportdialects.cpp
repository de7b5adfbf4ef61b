// Exports against each real database: the CSV round trip of the issue's
// acceptance test (read back by Python's csv module), SQL INSERT output run back
// into a fresh table, JSON value types, and the model exporter writing the same
// bytes as a re-run of the query.
#include "core/export/modelexporter.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/exportfixture.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace exportfixture;
using testsupport::run;

namespace {

// A table with one column of each kind an export treats differently.
QString typedTableDdl(Dialect dialect, const QString &table)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("CREATE TABLE %1 (id INTEGER, t TEXT, n NUMERIC(12,3), "
                              "r DOUBLE PRECISION, b BOOLEAN, bin BYTEA, d DATE, ts TIMESTAMP)")
            .arg(table);
    case Dialect::MySQL:
        return QStringLiteral("CREATE TABLE %1 (id INTEGER, t LONGTEXT, n DECIMAL(12,3), "
                              "r DOUBLE, b BOOLEAN, bin LONGBLOB, d DATE, ts DATETIME)")
            .arg(table);
    case Dialect::SQLite:
        break;
    }
    return QStringLiteral("CREATE TABLE %1 (id INTEGER, t TEXT, n NUMERIC, r REAL, b BOOLEAN, "
                          "bin BLOB, d DATE, ts TIMESTAMP)")
        .arg(table);
}

QString binaryLiteral(Dialect dialect, const char *hex)
{
    return dialect == Dialect::PostgreSQL
               ? QStringLiteral("decode('%1', 'hex')").arg(QLatin1String(hex))
               : QStringLiteral("X'%1'").arg(QLatin1String(hex));
}

const QByteArray kTrickyText =
    QStringLiteral("it's \"quoted\", back\\slash\\, tab\t lf\n 漢🙂 '').").toUtf8();

bool createTypedTable(Session *session, Dialect dialect, const QString &table, QString *error)
{
    const QStringList statements = {
        typedTableDdl(dialect, table),
        QStringLiteral("INSERT INTO %1 VALUES (1, %2, 123.450, 1.5, TRUE, %3, '2024-02-29', "
                       "'2024-02-29 13:45:06')")
            .arg(table, sqlLiteral(dialect, kTrickyText), binaryLiteral(dialect, "00ff275c0a22")),
        QStringLiteral("INSERT INTO %1 VALUES (2, '', -0.001, -2.5e-07, FALSE, %2, '1999-12-31', "
                       "'1999-12-31 23:59:59')")
            .arg(table, binaryLiteral(dialect, "")),
        QStringLiteral("INSERT INTO %1 (id) VALUES (3)").arg(table),
    };
    for (const QString &sql : statements) {
        const StatementResult result = run(session, sql);
        if (!result.ok) {
            *error = result.error;
            return false;
        }
    }
    return true;
}

} // namespace

class TestExportDialects final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ExportResult>(); }
    void csvRoundTrip_data() { testsupport::addDialectRows(); }
    void csvRoundTrip();
    void sqlInsertRoundTrip_data() { testsupport::addDialectRows(); }
    void sqlInsertRoundTrip();
    void jsonTypes_data() { testsupport::addDialectRows(); }
    void jsonTypes();
    void modelExportMatchesRerun_data() { testsupport::addDialectRows(); }
    void modelExportMatchesRerun();
};

void TestExportDialects::csvRoundTrip()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("export-csv")));
    Session session(&engine, QStringLiteral("export"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("csv"));
    // The long value is larger than the grid keeps of a cell: exports get it whole.
    const QList<Value> values = trickyValues(5 * 1024 * 1024);
    QString error;
    QVERIFY2(createValuesTable(&session, dialect, table, values, &error), qPrintable(error));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("values.csv"));
    const ExportResult result =
        runExport(&session, QStringLiteral("SELECT id, v FROM %1 ORDER BY id").arg(table),
                  ExportOptions(), path);
    QVERIFY(run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.rows, qint64(values.size()));

    const auto rows = readCsvWithPython(path, &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->size(), values.size() + 1);
    QCOMPARE(rows->at(0), (QStringList{QStringLiteral("id"), QStringLiteral("v")}));
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QStringList &row = rows->at(i + 1);
        QCOMPARE(row.size(), 2);
        QCOMPARE(row.at(0), QString::number(i + 1));
        const QString expected = values.at(i) ? QString::fromUtf8(*values.at(i)) : QString();
        QVERIFY2(row.at(1) == expected,
                 qPrintable(QStringLiteral("row %1: %2").arg(i + 1).arg(row.at(1).left(100))));
    }
    // NULL is an empty field, the empty string "".
    const QByteArray csv = readFile(path);
    QCOMPARE(result.bytes, qint64(csv.size()));
    const qsizetype nullId = values.indexOf(std::nullopt) + 1;
    const qsizetype emptyId = values.indexOf(QByteArray("")) + 1;
    QVERIFY(csv.contains("\n" + QByteArray::number(nullId) + ",\n"));
    QVERIFY(csv.contains("\n" + QByteArray::number(emptyId) + ",\"\"\n"));
}

void TestExportDialects::sqlInsertRoundTrip()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("export-sql")));
    Session session(&engine, QStringLiteral("export"));
    const QString source = testsupport::uniqueIdentifier(QStringLiteral("src"));
    const QString copy = testsupport::uniqueIdentifier(QStringLiteral("dst"));
    QString error;
    QVERIFY2(createTypedTable(&session, dialect, source, &error), qPrintable(error));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.sql"));
    ExportOptions options;
    options.format = ExportFormat::SqlInsert;
    options.sqlDialect = dialect;
    options.sqlTable = copy;
    const QString select = QStringLiteral("SELECT * FROM %1 ORDER BY id");
    const ExportResult result = runExport(&session, select.arg(source), options, path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.rows, qint64(3));
    const QByteArray script = readFile(path);
    QCOMPARE(script.count("INSERT INTO "), qsizetype(3));

    QVERIFY(run(&session, typedTableDdl(dialect, copy)).ok);
    const StatementResult inserted = run(&session, QString::fromUtf8(script));
    QVERIFY2(inserted.ok,
             qPrintable(inserted.error + QLatin1Char('\n') + QString::fromUtf8(script)));

    Rows original;
    Rows copied;
    QVERIFY2(fetchRows(&session, select.arg(source), &original, &error), qPrintable(error));
    QVERIFY2(fetchRows(&session, select.arg(copy), &copied, &error), qPrintable(error));
    QVERIFY(run(&session, QStringLiteral("DROP TABLE %1").arg(source)).ok);
    QVERIFY(run(&session, QStringLiteral("DROP TABLE %1").arg(copy)).ok);
    QCOMPARE(original.size(), 3);
    QCOMPARE(copied.size(), 3);
    for (int r = 0; r < 3; ++r) {
        QCOMPARE(copied.at(r).size(), original.at(r).size());
        for (qsizetype c = 0; c < original.at(r).size(); ++c)
            QVERIFY2(
                copied.at(r).at(c) == original.at(r).at(c),
                qPrintable(QStringLiteral("row %1 column %2: %3 became %4")
                               .arg(r + 1)
                               .arg(c + 1)
                               .arg(describe(original.at(r).at(c)), describe(copied.at(r).at(c)))));
    }
    QCOMPARE(original.at(0).at(1).bytes, kTrickyText);
    QCOMPARE(original.at(0).at(5).bytes, QByteArray::fromHex("00ff275c0a22"));
}

void TestExportDialects::jsonTypes()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("export-json")));
    Session session(&engine, QStringLiteral("export"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("json"));
    QString error;
    QVERIFY2(createTypedTable(&session, dialect, table, &error), qPrintable(error));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.json"));
    ExportOptions options;
    options.format = ExportFormat::Json;
    const ExportResult result = runExport(
        &session, QStringLiteral("SELECT * FROM %1 ORDER BY id").arg(table), options, path);
    QVERIFY(run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
    QVERIFY2(result.ok, qPrintable(result.error));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(readFile(path), &parseError);
    QVERIFY2(document.isArray(), qPrintable(parseError.errorString()));
    const QJsonArray rows = document.array();
    QCOMPARE(rows.size(), 3);
    const QJsonObject first = rows.at(0).toObject();
    const QJsonObject second = rows.at(1).toObject();
    const QJsonObject third = rows.at(2).toObject();
    QCOMPARE(first.keys().size(), 8);
    QCOMPARE(first.value(QLatin1String("id")), QJsonValue(1));
    QCOMPARE(first.value(QLatin1String("t")), QJsonValue(QString::fromUtf8(kTrickyText)));
    QCOMPARE(first.value(QLatin1String("n")), QJsonValue(123.45));
    QCOMPARE(first.value(QLatin1String("r")), QJsonValue(1.5));
    QCOMPARE(second.value(QLatin1String("n")), QJsonValue(-0.001));
    QCOMPARE(second.value(QLatin1String("r")), QJsonValue(-2.5e-07));
    if (dialect == Dialect::MySQL) { // BOOLEAN is TINYINT(1): a number
        QCOMPARE(first.value(QLatin1String("b")), QJsonValue(1));
        QCOMPARE(second.value(QLatin1String("b")), QJsonValue(0));
    } else {
        QCOMPARE(first.value(QLatin1String("b")), QJsonValue(true));
        QCOMPARE(second.value(QLatin1String("b")), QJsonValue(false));
    }
    QCOMPARE(first.value(QLatin1String("bin")), QJsonValue(QStringLiteral("\\x00ff275c0a22")));
    QCOMPARE(second.value(QLatin1String("bin")), QJsonValue(QStringLiteral("\\x")));
    QCOMPARE(first.value(QLatin1String("d")), QJsonValue(QStringLiteral("2024-02-29")));
    QVERIFY(first.value(QLatin1String("ts")).toString().startsWith(QLatin1String("2024-02-29")));
    QCOMPARE(second.value(QLatin1String("t")), QJsonValue(QString()));
    QVERIFY(second.value(QLatin1String("t")).isString());
    for (const QString &key : third.keys()) {
        if (key != QLatin1String("id"))
            QVERIFY2(third.value(key).isNull(), qPrintable(key));
    }
}

void TestExportDialects::modelExportMatchesRerun()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Engine engine(testsupport::makeBind(url, QStringLiteral("export-model")));
    Session session(&engine, QStringLiteral("export"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("model"));
    QList<Value> values = trickyValues(100 * 1024);
    for (int i = 0; i < 5000; ++i) // enough rows for several batches
        values.append(QByteArray("row ") + QByteArray::number(i));
    QString error;
    QVERIFY2(createValuesTable(&session, dialect, table, values, &error), qPrintable(error));
    const QString sql =
        QStringLiteral("SELECT id, v, id * 2 AS twice FROM %1 ORDER BY id").arg(table);

    auto fillModel = [&](ResultModel &model) {
        QObject context;
        connect(&session, &Session::resultStarted, &context,
                [&](const Columns &columns) { model.setColumns(columns); });
        connect(&session, &Session::rowsReady, &context,
                [&](const RowBatch &rows) { model.appendRows(rows); });
        return run(&session, sql);
    };
    auto exportModel = [](const ResultModel &model, ExportFormat format, const QString &path) {
        ModelExporter exporter;
        QSignalSpy finished(&exporter, &ModelExporter::finished);
        ExportOptions options;
        options.format = format;
        if (!exporter.start(model.columns(), model.batches(), options, path) ||
            !finished.wait(60000))
            return ExportResult();
        return exporter.result();
    };

    ResultModel model;
    QVERIFY(fillModel(model).ok);
    QCOMPARE(model.storedRowCount(), int(values.size()));
    QTemporaryDir dir;
    for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Json}) {
        const QString fromModel = dir.filePath(QStringLiteral("model"));
        const QString rerun = dir.filePath(QStringLiteral("rerun"));
        const ExportResult written = exportModel(model, format, fromModel);
        QVERIFY2(written.ok, qPrintable(written.error));
        QCOMPARE(written.rows, qint64(values.size()));
        ExportOptions options;
        options.format = format;
        const ExportResult again = runExport(&session, sql, options, rerun);
        QVERIFY2(again.ok, qPrintable(again.error));
        const QByteArray bytes = readFile(fromModel);
        QVERIFY(bytes.size() > 100 * 1024);
        QVERIFY(bytes == readFile(rerun));
    }

    // A value larger than the grid keeps is cut in the model: exporting it fails
    // and says why, instead of writing a cut value.
    QVERIFY(run(&session, QStringLiteral("INSERT INTO %1 VALUES (0, %2)")
                              .arg(table, sqlLiteral(dialect, QByteArray(5 * 1024 * 1024, 'x'))))
                .ok);
    QVERIFY(fillModel(model).ok);
    QVERIFY(run(&session, QStringLiteral("DROP TABLE %1").arg(table)).ok);
    const QString cutPath = dir.filePath(QStringLiteral("cut.csv"));
    const ExportResult cut = exportModel(model, ExportFormat::Csv, cutPath);
    QVERIFY(!cut.ok);
    QVERIFY2(cut.error.contains(QLatin1String("Row 1, column \"v\"")), qPrintable(cut.error));
    QVERIFY(!QFile::exists(cutPath));
}

QTEST_GUILESS_MAIN(TestExportDialects)

#include "tst_exportdialects.moc"

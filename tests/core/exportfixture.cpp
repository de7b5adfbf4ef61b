#include "tests/core/exportfixture.h"

#include "core/export/exporttask.h"
#include "core/export/exportwriter.h"
#include "core/pool/session.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

namespace exportfixture {

QList<Value> trickyValues(qsizetype longSize)
{
    QList<Value> values = {
        QByteArray("say \"hi\""),
        QByteArray("a,b"),
        QByteArray("cr\rhere"),
        QByteArray("lf\nhere"),
        QByteArray("crlf\r\nhere"),
        QByteArray("tab\there"),
        QByteArray("  leading and trailing  "),
        QByteArray(" "),
        QStringLiteral("ä 漢字").toUtf8(),
        QStringLiteral("🙂").toUtf8(),
        std::nullopt,
        QByteArray(""),
        QByteArray("back\\slash \\N \\x"),
        QByteArray("\""),
        QByteArray(","),
        QByteArray("\n"),
        QByteArray("NULL"),
        QByteArray("pipe | and ''quotes'"),
    };
    const QByteArray pattern = QStringLiteral("ab\"c,d\r\n漢🙂\t\\ |").toUtf8();
    QByteArray longValue;
    longValue.reserve(longSize + pattern.size());
    while (longValue.size() < longSize)
        longValue += pattern;
    values.append(longValue);
    return values;
}

QString sqlLiteral(Dialect dialect, const Value &value)
{
    if (!value)
        return QStringLiteral("NULL");
    QString text = QString::fromUtf8(*value);
    text.replace(QLatin1Char('\''), QLatin1String("''"));
    if (dialect == Dialect::MySQL)
        text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString textType(Dialect dialect)
{
    return dialect == Dialect::MySQL ? QStringLiteral("LONGTEXT") : QStringLiteral("TEXT");
}

bool createValuesTable(Session *session, Dialect dialect, const QString &table,
                       const QList<Value> &values, QString *error)
{
    StatementResult result = testsupport::run(
        session,
        QStringLiteral("CREATE TABLE %1 (id INTEGER, v %2)").arg(table, textType(dialect)));
    // Many rows per statement: one commit each is slow on SQLite and MariaDB.
    QString sql;
    for (qsizetype i = 0; result.ok && i < values.size(); ++i) {
        sql += (sql.isEmpty() ? QStringLiteral("INSERT INTO %1 VALUES ").arg(table)
                              : QStringLiteral(", ")) +
               QStringLiteral("(%1, %2)").arg(i + 1).arg(sqlLiteral(dialect, values.at(i)));
        if (sql.size() > 1000000 || i + 1 == values.size()) {
            result = testsupport::run(session, sql);
            sql.clear();
        }
    }
    if (!result.ok)
        *error = result.error;
    return result.ok;
}

ExportResult runExport(Session *session, const QString &sql, const ExportOptions &options,
                       const QString &path, QString *taskError,
                       const std::function<void(qint64)> &onProgress, int timeoutMs)
{
    QObject context;
    bool done = false;
    ExportResult result;
    result.error = QStringLiteral("the export task did not finish in time");
    QObject::connect(session, &Session::taskProgress, &context, [&](qint64 rows) {
        if (onProgress)
            onProgress(rows);
    });
    QObject::connect(session, &Session::taskFinished, &context,
                     [&](const QVariant &value, const QString &error) {
                         done = true;
                         if (taskError)
                             *taskError = error;
                         if (value.canConvert<ExportResult>())
                             result = value.value<ExportResult>();
                         else
                             result.error = QStringLiteral("task failed: ") + error;
                     });
    if (!session->runTask(ExportTask::make(sql, options, path))) {
        result.error = QStringLiteral("the session is busy");
        return result;
    }
    testsupport::waitUntil([&] { return done; }, timeoutMs);
    return result;
}

bool fetchRows(Session *session, const QString &sql, Rows *rows, QString *error)
{
    QObject context;
    QObject::connect(session, &Session::rowsReady, &context, [&](const RowBatch &batch) {
        for (int r = 0; r < batch.rowCount(); ++r) {
            QList<Cell> row;
            for (int c = 0; c < batch.columnCount(); ++c) {
                const CellView view = batch.cell(r, c);
                row.append(Cell{view.kind, view.isNull() ? QByteArray() : view.bytes()});
                if (view.truncated)
                    *error = QStringLiteral("a value was cut; use smaller test values");
            }
            rows->append(row);
        }
    });
    const StatementResult result = testsupport::run(session, sql);
    if (!result.ok)
        *error = result.error;
    return result.ok && error->isEmpty();
}

QString describe(const Cell &cell)
{
    switch (cell.kind) {
    case CellKind::Null:
        return QStringLiteral("NULL");
    case CellKind::Binary:
        return QStringLiteral("binary ") + QString::fromLatin1(cell.bytes.toHex());
    case CellKind::Text:
        break;
    }
    return QStringLiteral("text '%1'").arg(QString::fromUtf8(cell.bytes.left(200)));
}

QString generatedRows(qint64 rows)
{
    return QStringLiteral(
               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
               "SELECT i AS id, i * 31 AS amount, 'customer-' || i AS name, i / 7.0 AS ratio, "
               "printf('%08x %s', i, 'lorem ipsum dolor sit amet') AS note, "
               "CASE WHEN i % 10 = 0 THEN NULL ELSE 'quote \"me\", please' END AS tricky FROM n")
        .arg(rows);
}

qint64 feedUntilRefused(ExportWriter &writer, qint64 maxRows)
{
    writer.begin({Column{QStringLiteral("a"), QStringLiteral("text"), ColumnKind::Text},
                  Column{QStringLiteral("b"), QStringLiteral("text"), ColumnKind::Text}});
    const QByteArray text(100, 'x');
    CellView cells[2];
    for (CellView &cell : cells) {
        cell.kind = CellKind::Text;
        cell.data = text.constData();
        cell.size = cell.fullSize = text.size();
    }
    qint64 fed = 0;
    while (fed < maxRows && writer.row(cells))
        ++fed;
    writer.end();
    return fed;
}

QStringList entries(const QTemporaryDir &dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

std::optional<QList<QStringList>> readCsvWithPython(const QString &path, QString *error)
{
    // Debian's own Python: the one first on PATH may be another installation.
    static const char script[] = "import csv, json, sys\n"
                                 "csv.field_size_limit(1 << 30)\n"
                                 "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                 "    json.dump(list(csv.reader(f, strict=True)), sys.stdout)\n";
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QString::fromLatin1(script), path});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0) {
        *error = QStringLiteral("python3 csv failed: %1 %2")
                     .arg(python.errorString(), QString::fromUtf8(python.readAllStandardError()));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(python.readAllStandardOutput(), &parseError);
    if (!document.isArray()) {
        *error = QStringLiteral("python3 output is not JSON: ") + parseError.errorString();
        return std::nullopt;
    }
    QList<QStringList> rows;
    const QJsonArray array = document.array();
    for (const QJsonValue &row : array) {
        QStringList cells;
        const QJsonArray values = row.toArray();
        for (const QJsonValue &value : values)
            cells << value.toString();
        rows << cells;
    }
    return rows;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace exportfixture

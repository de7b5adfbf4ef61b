#pragma once

#include "core/driver/cellview.h"
#include "core/export/exportoptions.h"
#include "core/export/exportresult.h"
#include "core/sql/dialect.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class ExportWriter;
class QTemporaryDir;
class Session;

// What the export tests share: values that break naive writers, a way to run
// an export task and wait, exact rows read back from the database, and real
// readers of the output (Python's csv module).
namespace exportfixture {

// A value as UTF-8, nullopt for NULL.
using Value = std::optional<QByteArray>;

// Quotes, commas, CR, LF, CRLF, tabs, backslashes, spaces, non-ASCII, emoji,
// NULL, the empty string, and one value of longSize bytes mixing all of them.
QList<Value> trickyValues(qsizetype longSize);
// The value as an SQL literal of dialect (NULL for nullopt).
QString sqlLiteral(Dialect dialect, const Value &value);
// A text column type that holds any of the values.
QString textType(Dialect dialect);
// Creates table (id INTEGER, v text) holding values, id = index + 1.
bool createValuesTable(Session *session, Dialect dialect, const QString &table,
                       const QList<Value> &values, QString *error);

// Runs ExportTask on session and waits for it. *taskError gets the task's error
// ("Cancelled"); onProgress runs on every taskProgress.
ExportResult runExport(Session *session, const QString &sql, const ExportOptions &options,
                       const QString &path, QString *taskError = nullptr,
                       const std::function<void(qint64)> &onProgress = {}, int timeoutMs = 120000);

struct Cell
{
    CellKind kind = CellKind::Null;
    QByteArray bytes;
    bool operator==(const Cell &other) const { return kind == other.kind && bytes == other.bytes; }
};
using Rows = QList<QList<Cell>>;
// Every row of sql, whole values (no display cutting); false with *error.
bool fetchRows(Session *session, const QString &sql, Rows *rows, QString *error);
QString describe(const Cell &cell);

// SQLite: rows generated rows of six columns, over 100 bytes of CSV each.
QString generatedRows(qint64 rows);
// Feeds rows of two text cells into writer until it refuses one (or maxRows
// went in); returns how many it took.
qint64 feedUntilRefused(ExportWriter &writer, qint64 maxRows);
// A folder's entries, hidden ones too (QSaveFile's temporary files).
QStringList entries(const QTemporaryDir &dir);

// Reads a CSV file with Python's csv module (strict); nullopt with *error.
std::optional<QList<QStringList>> readCsvWithPython(const QString &path, QString *error);
QByteArray readFile(const QString &path);
// Makes path hold exactly bytes; false when it cannot.
bool writeFile(const QString &path, const QByteArray &bytes);

} // namespace exportfixture

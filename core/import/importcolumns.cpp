#include "core/import/importcolumns.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/rowsink.h"
#include "core/import/columnguesser.h"
#include "core/import/csvreader.h"

#include <QFile>

#include <vector>

namespace {

// The columns a statement would return, without its rows.
struct ColumnsSink final : RowSink
{
    bool begin(const Columns &found) override
    {
        columns = found;
        return true;
    }
    bool row(const CellView *) override { return false; }
    Columns columns;
};

} // namespace

ImportColumns::Guess ImportColumns::guess(const ImportOptions &options, Dialect dialect,
                                          int sampleRows)
{
    Guess out;
    QFile file(options.path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = tr("Cannot read %1: %2").arg(options.path, file.errorString());
        return out;
    }
    CsvReader reader(&file, options.delimiter, options.nullText);
    if (options.header) {
        if (!reader.next()) {
            out.error =
                reader.hasError() ? reader.error() : tr("The file is empty: it has no header.");
            return out;
        }
        for (int i = 0; i < reader.fieldCount(); ++i)
            out.names << reader.text(i).trimmed();
    }
    std::vector<ColumnGuesser> guessers(size_t(out.names.size()));
    for (int row = 0; row < options.guessRows && reader.next(); ++row) {
        if (guessers.empty()) { // no header: as many columns as the first record
            guessers.resize(size_t(reader.fieldCount()));
            for (int i = 0; i < reader.fieldCount(); ++i)
                out.names << QStringLiteral("column_%1").arg(i + 1);
        }
        for (int i = 0; i < qMin(reader.fieldCount(), int(guessers.size())); ++i)
            guessers[size_t(i)].add(reader.cells()[i]);
        if (row < sampleRows) {
            QList<std::optional<QString>> record;
            for (int i = 0; i < reader.fieldCount(); ++i)
                record << (reader.cells()[i].isNull() ? std::nullopt
                                                      : std::optional<QString>(reader.text(i)));
            out.sample << record;
        }
    }
    if (reader.hasError()) {
        out.error = reader.error();
        return out;
    }
    if (out.names.isEmpty()) {
        out.error = tr("The file has no columns.");
        return out;
    }
    for (const ColumnGuesser &guesser : guessers)
        out.types << guesser.typeName(dialect);
    return out;
}

Columns ImportColumns::ofTable(NativeConnection &native, const QString &table, QString *error)
{
    ColumnsSink sink;
    StatementResult result;
    native.execute(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(table).toUtf8(), sink,
                   result);
    if (!result.ok) {
        *error = result.error;
        return {};
    }
    return sink.columns;
}

QVector<int> ImportColumns::match(const QStringList &fileColumns, const Columns &table,
                                  const QString &tableName, QString *error)
{
    QStringList names;
    for (const Column &column : table)
        names << column.name;
    QVector<int> targets;
    if (fileColumns.isEmpty()) {
        for (int i = 0; i < table.size(); ++i)
            targets << i;
        return targets;
    }
    for (const QString &name : fileColumns) {
        int found = int(names.indexOf(name));
        for (int i = 0; i < names.size() && found < 0; ++i)
            found = names.at(i).compare(name, Qt::CaseInsensitive) == 0 ? i : -1;
        if (found < 0) {
            *error = tr("The file's column \"%1\" is not a column of %2 (%3).")
                         .arg(name, tableName, names.join(QStringLiteral(", ")));
            return {};
        }
        if (targets.contains(found)) {
            *error = tr("The file names the column \"%1\" twice.").arg(name);
            return {};
        }
        targets << found;
    }
    return targets;
}

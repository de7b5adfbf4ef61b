#include "core/import/importtask.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/rowsink.h"
#include "core/driver/rowwriter.h"
#include "core/import/columnguesser.h"
#include "core/import/csvreader.h"
#include "core/import/valuechecker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QVarLengthArray>

#include <memory>
#include <vector>

namespace {

constexpr qint64 kProgressEvery = 8192;

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

QByteArray hexDecoded(const CellView &cell)
{
    return QByteArray::fromHex(QByteArray::fromRawData(cell.data + 2, cell.size - 2));
}

// One import from start to end; each step sets result.error and returns false
// when it cannot go on.
class Importer
{
public:
    Importer(WorkerContext &context, const ImportOptions &options)
        : m_context(context)
        , m_native(context.native())
        , m_dialect(context.dialect())
        , m_options(options)
        , m_table(dialects::qualifiedName(m_dialect, options.schema, options.table))
    {
    }

    ImportResult run();

private:
    bool open(QFile &file, std::unique_ptr<CsvReader> &reader);
    bool readHeader(CsvReader &reader);
    bool createTable();
    bool readTableColumns();
    bool matchColumns();
    bool begin();
    bool copyRows(CsvReader &reader);
    bool writeRecord(CsvReader &reader, RowWriter &writer);
    void end(bool commit);
    qint64 lineOfRow(qint64 row) const;
    bool failAt(qint64 line, const QString &column, const QString &what);

    WorkerContext &m_context;
    NativeConnection &m_native;
    Dialect m_dialect;
    ImportOptions m_options;
    QString m_table;
    ImportResult m_result;
    QStringList m_fileColumns; // from the header, or column_1… without one
    Columns m_tableColumns;
    QVector<int> m_targets; // the table column each file field goes to
    bool m_savepoint = false;
    bool m_created = false;
    // Where rows and lines part (line breaks inside quoted fields): from row
    // .first on, line = row + .second.
    QList<QPair<qint64, qint64>> m_lineShifts;
};

bool Importer::failAt(qint64 line, const QString &column, const QString &what)
{
    m_result.line = line;
    m_result.column = column;
    m_result.error =
        line > 0 ? ImportTask::tr("line %1, column %2: %3").arg(line).arg(column, what) : what;
    return false;
}

bool Importer::open(QFile &file, std::unique_ptr<CsvReader> &reader)
{
    if (!file.open(QIODevice::ReadOnly)) {
        m_result.error =
            ImportTask::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    reader = std::make_unique<CsvReader>(&file, m_options.delimiter, m_options.nullText);
    return true;
}

bool Importer::readHeader(CsvReader &reader)
{
    if (!m_options.header)
        return true;
    if (!reader.next()) {
        m_result.error = reader.hasError() ? reader.error()
                                           : ImportTask::tr("The file is empty: it has no header.");
        return false;
    }
    for (int i = 0; i < reader.fieldCount(); ++i)
        m_fileColumns << reader.text(i).trimmed();
    return true;
}

bool Importer::createTable()
{
    QFile file(m_options.path);
    std::unique_ptr<CsvReader> reader;
    if (!open(file, reader) || !readHeader(*reader))
        return false;
    std::vector<ColumnGuesser> guessers(size_t(m_fileColumns.size()));
    for (int row = 0; row < m_options.guessRows && reader->next(); ++row) {
        if (guessers.empty()) { // no header: as many columns as the first record
            guessers.resize(size_t(reader->fieldCount()));
            for (int i = 0; i < reader->fieldCount(); ++i)
                m_fileColumns << QStringLiteral("column_%1").arg(i + 1);
        }
        for (int i = 0; i < qMin(reader->fieldCount(), int(guessers.size())); ++i)
            guessers[size_t(i)].add(reader->cells()[i]);
    }
    if (reader->hasError()) {
        m_result.error = reader->error();
        return false;
    }
    if (m_fileColumns.isEmpty()) {
        m_result.error = ImportTask::tr("The file has no columns.");
        return false;
    }
    QStringList definitions;
    for (int i = 0; i < m_fileColumns.size(); ++i)
        definitions << dialects::quoteIdentifier(m_dialect, m_fileColumns.at(i)) +
                           QLatin1Char(' ') + guessers[size_t(i)].typeName(m_dialect);
    m_result.createdSql =
        QStringLiteral("CREATE TABLE %1 (%2)").arg(m_table, definitions.join(QStringLiteral(", ")));
    const StatementResult created = m_native.run(m_result.createdSql.toUtf8());
    if (!created.ok) {
        m_result.error = created.error;
        m_result.createdSql.clear();
        return false;
    }
    m_created = true;
    return true;
}

bool Importer::readTableColumns()
{
    ColumnsSink sink;
    StatementResult result;
    m_native.execute(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(m_table).toUtf8(), sink,
                     result);
    if (!result.ok) {
        m_result.error = result.error;
        return false;
    }
    m_tableColumns = sink.columns;
    return true;
}

bool Importer::matchColumns()
{
    QStringList names;
    for (const Column &column : std::as_const(m_tableColumns))
        names << column.name;
    if (m_fileColumns.isEmpty()) { // no header: by position
        for (int i = 0; i < m_tableColumns.size(); ++i) {
            m_fileColumns << m_tableColumns.at(i).name;
            m_targets << i;
        }
        return true;
    }
    for (const QString &name : std::as_const(m_fileColumns)) {
        int found = int(names.indexOf(name));
        if (found < 0) {
            for (int i = 0; i < names.size() && found < 0; ++i)
                found = names.at(i).compare(name, Qt::CaseInsensitive) == 0 ? i : -1;
        }
        if (found < 0)
            return failAt(0, QString(),
                          ImportTask::tr("The file's column \"%1\" is not a column of %2 (%3).")
                              .arg(name, m_options.table, names.join(QStringLiteral(", "))));
        if (m_targets.contains(found))
            return failAt(0, QString(),
                          ImportTask::tr("The file names the column \"%1\" twice.").arg(name));
        m_targets << found;
    }
    return true;
}

bool Importer::begin()
{
    m_savepoint = m_native.transactionState() == TransactionState::InTransaction;
    const QString statement = m_savepoint ? QStringLiteral("SAVEPOINT poolscope_import")
                                          : dialects::beginStatement(m_dialect);
    const StatementResult begun = m_native.run(statement.toUtf8());
    if (!begun.ok)
        m_result.error = begun.error;
    return begun.ok;
}

qint64 Importer::lineOfRow(qint64 row) const
{
    qint64 shift = 0;
    for (const auto &[from, delta] : m_lineShifts) {
        if (from > row)
            break;
        shift = delta;
    }
    return row + shift;
}

bool Importer::writeRecord(CsvReader &reader, RowWriter &writer)
{
    const int fields = reader.fieldCount();
    if (fields != m_targets.size())
        return failAt(reader.line(), QString(),
                      ImportTask::tr("line %1 has %2 field(s), %3 were expected.")
                          .arg(reader.line())
                          .arg(fields)
                          .arg(m_targets.size()));
    QVarLengthArray<CellView, 32> cells(fields);
    QVarLengthArray<QByteArray, 4> decoded;
    for (int i = 0; i < fields; ++i) {
        CellView cell = reader.cells()[i];
        const Column &target = m_tableColumns.at(m_targets.at(i));
        if (target.kind == ColumnKind::Binary && !cell.isNull() &&
            ValueChecker::isHexBytes(cell.data, cell.size)) {
            decoded.append(hexDecoded(cell));
            cell.kind = CellKind::Binary;
            cell.data = decoded.last().constData();
            cell.size = decoded.last().size();
        } else if (m_dialect != Dialect::SQLite) { // SQLite takes any value in any column
            const QString problem = ValueChecker::problem(target.kind, cell);
            if (!problem.isEmpty())
                return failAt(reader.line(), target.name,
                              problem + QStringLiteral(" (%1)").arg(target.typeName));
        }
        cells[i] = cell;
    }
    const qint64 row = m_result.rows;
    const qint64 delta = reader.line() - row;
    if (m_lineShifts.isEmpty() || m_lineShifts.constLast().second != delta)
        m_lineShifts.append({row, delta});
    if (!writer.write(cells.constData()))
        return false;
    ++m_result.rows;
    return true;
}

bool Importer::copyRows(CsvReader &reader)
{
    QStringList columns;
    Columns kinds;
    for (int target : std::as_const(m_targets)) {
        columns << dialects::quoteIdentifier(m_dialect, m_tableColumns.at(target).name);
        kinds << m_tableColumns.at(target);
    }
    std::unique_ptr<RowWriter> writer =
        m_native.rowWriter(m_table, columns, kinds, &m_result.error);
    if (!writer)
        return false;
    while (reader.next()) {
        if (!writeRecord(reader, *writer)) {
            if (m_result.error.isEmpty()) // the server refused
                break;
            return false;
        }
        if (m_result.rows % kProgressEvery == 0) {
            m_context.reportProgress(m_result.rows);
            if (m_context.isCancelled()) {
                m_result.cancelled = true;
                m_result.error = QStringLiteral("Cancelled");
                return false;
            }
        }
    }
    if (reader.hasError()) {
        m_result.error = reader.error();
        return false;
    }
    if ((m_result.error.isEmpty() && writer->finish()) && !m_context.isCancelled())
        return true;
    m_result.cancelled = writer->cancelled() || m_context.isCancelled();
    if (m_result.cancelled) {
        m_result.error = QStringLiteral("Cancelled");
        return false;
    }
    m_result.error = writer->error();
    if (writer->failedRow() >= 0) {
        m_result.line = lineOfRow(writer->failedRow());
        m_result.error = ImportTask::tr("line %1: %2").arg(m_result.line).arg(m_result.error);
    }
    return false;
}

void Importer::end(bool commit)
{
    QByteArray statement;
    if (commit)
        statement = m_savepoint ? "RELEASE SAVEPOINT poolscope_import" : "COMMIT";
    else
        statement = m_savepoint ? "ROLLBACK TO SAVEPOINT poolscope_import" : "ROLLBACK";
    StatementResult ended = m_native.run(statement);
    // A cancel that reached the server late may stop the first try.
    if (!ended.ok && !ended.connectionLost && !commit)
        ended = m_native.run(statement);
    if (!ended.ok && commit) {
        m_result.ok = false;
        m_result.error = ended.error;
        m_native.run(m_savepoint ? "ROLLBACK TO SAVEPOINT poolscope_import" : "ROLLBACK");
    }
    if (m_savepoint && !commit)
        m_native.run("RELEASE SAVEPOINT poolscope_import");
    // MySQL commits a CREATE TABLE at once: a failed import takes its table away again.
    if (!m_result.ok && m_created && m_dialect == Dialect::MySQL)
        m_native.run(QStringLiteral("DROP TABLE %1").arg(m_table).toUtf8());
}

ImportResult Importer::run()
{
    QElapsedTimer clock;
    clock.start();
    QFile file(m_options.path);
    std::unique_ptr<CsvReader> reader;
    if (!open(file, reader))
        return m_result;
    // MySQL commits DDL on the spot, so its table is made before the transaction.
    const bool createFirst = m_options.create && m_dialect == Dialect::MySQL;
    if (createFirst && !createTable())
        return m_result;
    if (!begin()) {
        end(false);
        return m_result;
    }
    bool ready = !m_options.create || createFirst || createTable();
    ready = ready && readTableColumns();
    // The columns are those of this pass's header (createTable read its own).
    m_fileColumns.clear();
    ready = ready && readHeader(*reader) && matchColumns();
    m_result.ok = ready && copyRows(*reader);
    end(m_result.ok);
    if (!m_result.ok)
        m_result.createdSql.clear();
    m_result.elapsedMs = clock.elapsed();
    return m_result;
}

} // namespace

ImportResult ImportTask::run(WorkerContext &context, const ImportOptions &options)
{
    return Importer(context, options).run();
}

WorkerTask ImportTask::task(const ImportOptions &options)
{
    return [options](WorkerContext &context) {
        return QVariant::fromValue(run(context, options));
    };
}

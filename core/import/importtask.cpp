#include "core/import/importtask.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/nativetransaction.h"
#include "core/driver/rowsink.h"
#include "core/driver/rowwriter.h"
#include "core/import/csvreader.h"
#include "core/import/importcolumns.h"
#include "core/import/valuechecker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QVarLengthArray>

#include <memory>
#include <optional>
#include <vector>

namespace {

constexpr qint64 kProgressEvery = 8192;

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
    std::optional<NativeTransaction> m_transaction;
    bool m_created = false;
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
            ImportColumns::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString());
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
        m_result.error = reader.hasError()
                             ? reader.error()
                             : ImportColumns::tr("The file is empty: it has no header.");
        return false;
    }
    for (int i = 0; i < reader.fieldCount(); ++i)
        m_fileColumns << reader.text(i).trimmed();
    return true;
}

bool Importer::createTable()
{
    QStringList names = m_options.columnNames;
    QStringList types = m_options.columnTypes;
    if (names.isEmpty()) {
        const ImportColumns::Guess guess = ImportColumns::guess(m_options, m_dialect, 0);
        if (!guess.error.isEmpty()) {
            m_result.error = guess.error;
            return false;
        }
        names = guess.names;
        types = guess.types;
    }
    QStringList definitions;
    for (int i = 0; i < names.size(); ++i)
        definitions << dialects::quoteIdentifier(m_dialect, names.at(i)) + QLatin1Char(' ') +
                           types.value(i, QStringLiteral("TEXT"));
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
    m_tableColumns = ImportColumns::ofTable(m_native, m_table, &m_result.error);
    return !m_tableColumns.isEmpty();
}

bool Importer::matchColumns()
{
    // Columns named by the person creating the table go by position.
    if (m_options.create && !m_options.columnNames.isEmpty())
        m_fileColumns.clear();
    QString error;
    m_targets = ImportColumns::match(m_fileColumns, m_tableColumns, m_options.table, &error);
    if (m_targets.isEmpty())
        return failAt(0, QString(), error);
    if (m_fileColumns.isEmpty()) {
        for (const Column &column : std::as_const(m_tableColumns))
            m_fileColumns << column.name;
    }
    return true;
}

bool Importer::begin()
{
    m_transaction.emplace(m_native, m_dialect, QByteArrayLiteral("poolscope_import"));
    if (!m_transaction->begun().ok)
        m_result.error = m_transaction->begun().error;
    return m_transaction->begun().ok;
}

// Reads the file again up to that row: keeping every row's line would grow
// with the file (each row of a file of multi-line texts starts a new shift).
qint64 Importer::lineOfRow(qint64 row) const
{
    QFile file(m_options.path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    CsvReader reader(&file, m_options.delimiter, m_options.nullText);
    if (m_options.header && !reader.next())
        return 0;
    for (qint64 i = 0; i <= row; ++i) {
        if (!reader.next())
            return 0;
    }
    return reader.line();
}

bool Importer::writeRecord(CsvReader &reader, RowWriter &writer)
{
    const int fields = reader.fieldCount();
    if (fields != m_targets.size())
        return failAt(reader.line(), QString(),
                      ImportTask::tr("line %1 has %n field(s), %2 were expected.", nullptr, fields)
                          .arg(reader.line())
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
    if (!writer.write(cells.constData()))
        return false;
    ++m_result.rows;
    return true;
}

bool Importer::copyRows(CsvReader &reader)
{
    QStringList columns;
    for (int target : std::as_const(m_targets)) {
        columns << dialects::quoteIdentifier(m_dialect, m_tableColumns.at(target).name);
    }
    std::unique_ptr<RowWriter> writer = m_native.rowWriter(m_table, columns, &m_result.error);
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
    if (m_transaction && m_transaction->begun().ok) {
        if (commit) {
            const StatementResult committed = m_transaction->commit();
            if (!committed.ok) {
                m_result.ok = false;
                m_result.error = committed.error;
            }
        } else {
            m_transaction->rollback();
        }
    }
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
    // MySQL commits DDL on the spot, so its table is made before the transaction,
    // and never while the session has one open: that would commit it.
    const bool createFirst = m_options.create && m_dialect == Dialect::MySQL;
    if (createFirst && m_native.transactionState() == TransactionState::InTransaction) {
        m_result.error = ImportTask::tr("Creating a table would commit the open transaction on "
                                        "MySQL and MariaDB: commit or roll it back first.");
        return m_result;
    }
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

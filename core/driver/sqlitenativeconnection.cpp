#include "core/driver/sqlitenativeconnection.h"

#include "core/driver/interrupter.h"
#include "core/driver/rowsink.h"
#include "core/driver/sqliterowwriter.h"

#include <QVarLengthArray>

#include <sqlite3.h>

class SqliteInterrupter final : public Interrupter
{
public:
    explicit SqliteInterrupter(sqlite3 *db)
        : m_db(db)
    {
    }

protected:
    void doInterrupt() override { sqlite3_interrupt(m_db); }

private:
    sqlite3 *m_db;
};

namespace {

ColumnKind kindFromDeclaredType(const QByteArray &declared, int storageClass)
{
    const QByteArray t = declared.toUpper();
    if (!t.isEmpty()) {
        if (t.contains("BOOL"))
            return ColumnKind::Boolean;
        if (t.contains("DATETIME") || t.contains("TIMESTAMP"))
            return ColumnKind::DateTime;
        if (t.contains("DATE"))
            return ColumnKind::Date;
        if (t.contains("TIME"))
            return ColumnKind::Time;
        if (t.contains("JSON"))
            return ColumnKind::Json;
        // SQLite's own affinity rules, in its order.
        if (t.contains("INT"))
            return ColumnKind::Integer;
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT"))
            return ColumnKind::Text;
        if (t.contains("BLOB"))
            return ColumnKind::Binary;
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB"))
            return ColumnKind::Real;
        return ColumnKind::Decimal;
    }
    switch (storageClass) {
    case SQLITE_INTEGER:
        return ColumnKind::Integer;
    case SQLITE_FLOAT:
        return ColumnKind::Real;
    case SQLITE_TEXT:
        return ColumnKind::Text;
    case SQLITE_BLOB:
        return ColumnKind::Binary;
    default:
        return ColumnKind::Other;
    }
}

Columns columnsOf(sqlite3_stmt *stmt, bool haveRow)
{
    Columns columns;
    const int count = sqlite3_column_count(stmt);
    columns.reserve(count);
    for (int i = 0; i < count; ++i) {
        Column column;
        column.name = QString::fromUtf8(sqlite3_column_name(stmt, i));
        const QByteArray declared(sqlite3_column_decltype(stmt, i));
        const int storage = haveRow ? sqlite3_column_type(stmt, i) : SQLITE_NULL;
        column.kind = kindFromDeclaredType(declared, storage);
        if (!declared.isEmpty()) {
            column.typeName = QString::fromUtf8(declared);
        } else {
            static const char *const names[] = {"", "integer", "real", "text", "blob", "null"};
            column.typeName = QString::fromLatin1(names[storage]);
        }
        columns.append(column);
    }
    return columns;
}

} // namespace

SqliteNativeConnection::SqliteNativeConnection(sqlite3 *db)
    : m_db(db)
    , m_interrupter(std::make_shared<SqliteInterrupter>(db))
{
}

SqliteNativeConnection::~SqliteNativeConnection()
{
    release();
}

QString SqliteNativeConnection::serverVersion() const
{
    return QString::fromLatin1(sqlite3_libversion());
}

TransactionState SqliteNativeConnection::transactionState() const
{
    if (!m_db)
        return TransactionState::Unknown;
    return sqlite3_get_autocommit(m_db) ? TransactionState::Idle : TransactionState::InTransaction;
}

void SqliteNativeConnection::execute(const QByteArray &sql, const SqlParams &params, RowSink &sink,
                                     StatementResult &result)
{
    result.ok = true;
    bool bound = params.isEmpty();
    const char *tail = sql.constData();
    const char *const end = sql.constData() + sql.size();
    qint64 affected = -1;
    while (tail < end) {
        sqlite3_stmt *stmt = nullptr;
        const char *statementStart = tail;
        int rc = sqlite3_prepare_v2(m_db, tail, int(end - tail), &stmt, &tail);
        if (rc != SQLITE_OK) {
            result.ok = false;
            result.cancelled = rc == SQLITE_INTERRUPT;
            result.error = QString::fromUtf8(sqlite3_errmsg(m_db));
            result.errorCode = QString::number(sqlite3_extended_errcode(m_db));
            const int offset = sqlite3_error_offset(m_db);
            if (offset >= 0) {
                const qsizetype byteOffset = (statementStart - sql.constData()) + offset;
                result.errorPosition = int(QString::fromUtf8(sql.constData(), byteOffset).size());
            }
            break;
        }
        if (!stmt) // whitespace or a comment
            continue;
        if (!bound) {
            bound = true;
            if (!bindParams(stmt, params, result)) {
                sqlite3_finalize(stmt);
                break;
            }
        }

        rc = sqlite3_step(stmt);
        const int columnCount = sqlite3_column_count(stmt);
        bool stopped = false;
        if (columnCount > 0) {
            result.returnedRows = true;
            stopped = !sink.begin(columnsOf(stmt, rc == SQLITE_ROW));
            QVarLengthArray<CellView, 16> cells(columnCount);
            while (!stopped && rc == SQLITE_ROW) {
                for (int i = 0; i < columnCount; ++i) {
                    CellView &cell = cells[i];
                    const int type = sqlite3_column_type(stmt, i);
                    if (type == SQLITE_NULL) {
                        cell = CellView{};
                    } else if (type == SQLITE_BLOB) {
                        cell.kind = CellKind::Binary;
                        cell.data = static_cast<const char *>(sqlite3_column_blob(stmt, i));
                        cell.size = sqlite3_column_bytes(stmt, i);
                    } else {
                        cell.kind = CellKind::Text;
                        cell.data = reinterpret_cast<const char *>(sqlite3_column_text(stmt, i));
                        cell.size = sqlite3_column_bytes(stmt, i);
                    }
                    cell.fullSize = cell.size;
                }
                ++result.rowCount;
                if (!sink.row(cells.constData())) {
                    stopped = true;
                    break;
                }
                rc = sqlite3_step(stmt);
            }
            sink.end();
        } else if (rc == SQLITE_DONE) {
            affected = (affected < 0 ? 0 : affected) + sqlite3_changes64(m_db);
        }
        if (stopped) {
            sqlite3_finalize(stmt);
            result.ok = false;
            result.cancelled = true;
            result.error = QStringLiteral("Statement cancelled");
            break;
        }
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
            result.ok = false;
            result.cancelled = rc == SQLITE_INTERRUPT;
            result.error = QString::fromUtf8(sqlite3_errmsg(m_db));
            result.errorCode = QString::number(sqlite3_extended_errcode(m_db));
            sqlite3_finalize(stmt);
            break;
        }
        sqlite3_finalize(stmt);
    }
    result.rowsAffected = result.returnedRows ? -1 : affected;
}

bool SqliteNativeConnection::bindParams(sqlite3_stmt *stmt, const SqlParams &params,
                                        StatementResult &result)
{
    if (sqlite3_bind_parameter_count(stmt) != params.size()) {
        result.ok = false;
        result.error = QStringLiteral("The statement has %1 placeholders for %2 values")
                           .arg(sqlite3_bind_parameter_count(stmt))
                           .arg(params.size());
        return false;
    }
    for (int i = 0; i < params.size(); ++i) {
        const QVariant &value = params.at(i);
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(stmt, i + 1);
        } else if (value.typeId() == QMetaType::QByteArray) {
            const QByteArray bytes = value.toByteArray();
            rc = sqlite3_bind_blob64(stmt, i + 1, bytes.constData(), sqlite3_uint64(bytes.size()),
                                     SQLITE_TRANSIENT);
        } else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int) {
            rc = sqlite3_bind_int64(stmt, i + 1, value.toLongLong());
        } else if (value.typeId() == QMetaType::Double) {
            rc = sqlite3_bind_double(stmt, i + 1, value.toDouble());
        } else {
            const QByteArray text = value.toString().toUtf8();
            rc = sqlite3_bind_text64(stmt, i + 1, text.constData(), sqlite3_uint64(text.size()),
                                     SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        if (rc != SQLITE_OK) {
            result.ok = false;
            result.error = QString::fromUtf8(sqlite3_errmsg(m_db));
            return false;
        }
    }
    return true;
}

bool SqliteNativeConnection::ping(QString *error)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, "SELECT 1", -1, &stmt, nullptr);
    const bool ok = rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW;
    if (!ok && error)
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(stmt);
    return ok;
}

std::shared_ptr<Interrupter> SqliteNativeConnection::interrupter() const
{
    return m_interrupter;
}

void SqliteNativeConnection::release()
{
    m_interrupter->detach();
    m_db = nullptr;
}

std::unique_ptr<RowWriter>
SqliteNativeConnection::rowWriter(const QString &table, const QStringList &columns, QString *error)
{
    const QByteArray insert = RowWriter::placeholderInsert(table, columns);
    auto writer = std::make_unique<SqliteRowWriter>(m_db, insert, int(columns.size()));
    if (!writer->isOpen()) {
        *error = writer->error();
        return nullptr;
    }
    return writer;
}

#include "core/driver/mariadbbulkrowwriter.h"

#include "core/driver/libmariadb.h"

#include <cstring>
#include <mysql.h>
#include <mysqld_error.h>
#include <vector>

namespace {

constexpr qsizetype kBatchBytes = 4 * 1024 * 1024;
constexpr int kBatchRows = 10000;

} // namespace

bool MariadbBulkRowWriter::isSupported(st_mysql *mysql)
{
    unsigned long capabilities = 0;
    unsigned long long extended = 0;
    if (mariadb().mariadb_get_infov(mysql, MARIADB_CONNECTION_SERVER_CAPABILITIES, &capabilities) ||
        mariadb().mariadb_get_infov(mysql, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES,
                                    &extended))
        return false;
    return !(capabilities & CLIENT_MYSQL) &&
           (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32));
}

MariadbBulkRowWriter::MariadbBulkRowWriter(st_mysql *mysql, const QByteArray &insertSql,
                                           int columns)
    : m_mysql(mysql)
    , m_columns(columns)
{
    m_statement = mariadb().mysql_stmt_init(m_mysql);
    if (!m_statement ||
        mariadb().mysql_stmt_prepare(m_statement, insertSql.constData(),
                                     static_cast<unsigned long>(insertSql.size())) != 0) {
        m_error = QString::fromUtf8(m_statement ? mariadb().mysql_stmt_error(m_statement)
                                                : mariadb().mysql_error(m_mysql));
        if (m_statement)
            mariadb().mysql_stmt_close(m_statement);
        m_statement = nullptr;
    }
    m_bytes.reserve(kBatchBytes + 64 * 1024);
}

MariadbBulkRowWriter::~MariadbBulkRowWriter()
{
    if (m_statement)
        mariadb().mysql_stmt_close(m_statement);
}

bool MariadbBulkRowWriter::write(const CellView *cells)
{
    if (!m_statement)
        return false;
    for (int c = 0; c < m_columns; ++c) {
        const CellView &cell = cells[c];
        m_offsets.append(m_bytes.size());
        if (cell.isNull()) {
            m_lengths.append(0);
            m_indicators.append(char(STMT_INDICATOR_NULL));
        } else {
            m_bytes.append(cell.data, cell.size);
            m_lengths.append(static_cast<unsigned long>(cell.size));
            m_indicators.append(char(STMT_INDICATOR_NONE));
        }
        m_binary.append(cell.kind == CellKind::Binary);
    }
    ++m_batchRows;
    ++m_rows;
    return (m_bytes.size() < kBatchBytes && m_batchRows < kBatchRows) || flush();
}

bool MariadbBulkRowWriter::flush()
{
    if (m_batchRows == 0)
        return true;
    // Column-wise arrays, as the client library wants them: per column, one
    // pointer, length and indicator per row.
    const int rows = m_batchRows;
    const auto columns = static_cast<size_t>(m_columns);
    const auto count = static_cast<size_t>(rows);
    std::vector<std::vector<char *>> pointers(columns, std::vector<char *>(count));
    std::vector<std::vector<unsigned long>> lengths(columns, std::vector<unsigned long>(count));
    std::vector<std::vector<char>> indicators(columns, std::vector<char>(count));
    std::vector<MYSQL_BIND> binds(columns);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < m_columns; ++c) {
            const qsizetype at = qsizetype(r) * m_columns + c;
            pointers[size_t(c)][size_t(r)] = m_bytes.data() + m_offsets.at(at);
            lengths[size_t(c)][size_t(r)] = m_lengths.at(at);
            indicators[size_t(c)][size_t(r)] = m_indicators.at(at);
        }
    }
    for (int c = 0; c < m_columns; ++c) {
        MYSQL_BIND &bind = binds[size_t(c)];
        std::memset(&bind, 0, sizeof(bind));
        bool binary = false;
        for (int r = 0; r < rows && !binary; ++r)
            binary = m_binary.at(qsizetype(r) * m_columns + c);
        bind.buffer_type = binary ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
        bind.buffer = pointers[size_t(c)].data();
        bind.length = lengths[size_t(c)].data();
        bind.u.indicator = indicators[size_t(c)].data();
    }
    unsigned int size = static_cast<unsigned int>(rows);
    const bool ok = !mariadb().mysql_stmt_attr_set(m_statement, STMT_ATTR_ARRAY_SIZE, &size) &&
                    !mariadb().mysql_stmt_bind_param(m_statement, binds.data()) &&
                    mariadb().mysql_stmt_execute(m_statement) == 0;
    if (!ok) {
        const unsigned int code = mariadb().mysql_stmt_errno(m_statement);
        m_cancelled = code == ER_QUERY_INTERRUPTED;
        m_error =
            QString::fromUtf8(mariadb().mysql_stmt_error(m_statement)) +
            QStringLiteral(" (in rows %1 to %2 of those sent)").arg(m_rows - rows + 1).arg(m_rows);
    }
    m_bytes.clear();
    m_offsets.clear();
    m_lengths.clear();
    m_indicators.clear();
    m_binary.clear();
    m_batchRows = 0;
    return ok;
}

bool MariadbBulkRowWriter::finish()
{
    return m_statement && m_error.isEmpty() && flush();
}

#include "core/driver/mysqlrowwriter.h"

#include "core/driver/nativeconnection.h"

#include <QRegularExpression>

namespace {

constexpr qsizetype kStatementBytes = 1024 * 1024;

} // namespace

MysqlRowWriter::MysqlRowWriter(NativeConnection &connection, const QByteArray &insertHead,
                               int columns, Escape escape)
    : m_connection(connection)
    , m_head(insertHead)
    , m_columns(columns)
    , m_escape(std::move(escape))
{
    m_statement.reserve(kStatementBytes + 64 * 1024);
}

bool MysqlRowWriter::write(const CellView *cells)
{
    m_statement.append(m_statement.isEmpty() ? m_head : QByteArrayLiteral(","));
    m_statement.append('(');
    for (int c = 0; c < m_columns; ++c) {
        if (c > 0)
            m_statement.append(',');
        const CellView &cell = cells[c];
        if (cell.isNull()) {
            m_statement.append("NULL", 4);
        } else if (cell.kind == CellKind::Binary) {
            m_statement.append("X'", 2);
            m_statement.append(QByteArray::fromRawData(cell.data, cell.size).toHex());
            m_statement.append('\'');
        } else {
            // Numbers too: MySQL converts '42' for an integer column, and a bare
            // word would be read as a column name.
            m_statement.append('\'');
            m_escape(m_statement, cell.data, cell.size);
            m_statement.append('\'');
        }
    }
    m_statement.append(')');
    ++m_rows;
    return m_statement.size() < kStatementBytes || flush();
}

bool MysqlRowWriter::flush()
{
    if (m_statement.isEmpty())
        return true;
    const StatementResult result = m_connection.run(m_statement);
    m_statement.clear();
    if (!result.ok) {
        m_error = result.error;
        m_cancelled = result.cancelled;
        // "… at row 3": the row of this statement; without it, say which batch.
        static const QRegularExpression atRow(QStringLiteral("at row (\\d+)$"));
        const QRegularExpressionMatch match = atRow.match(m_error);
        if (match.hasMatch())
            m_failedRow = m_firstRowOfBatch + match.captured(1).toLongLong() - 1;
        else
            m_error += QStringLiteral(" (in rows %1 to %2 of those sent)")
                           .arg(m_firstRowOfBatch + 1)
                           .arg(m_rows);
        return false;
    }
    m_firstRowOfBatch = m_rows;
    return true;
}

bool MysqlRowWriter::finish()
{
    return m_error.isEmpty() && flush();
}

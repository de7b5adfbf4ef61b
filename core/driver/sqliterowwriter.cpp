#include "core/driver/sqliterowwriter.h"

#include <sqlite3.h>

SqliteRowWriter::SqliteRowWriter(sqlite3 *db, const QByteArray &insertSql, int columns)
    : m_db(db)
    , m_columns(columns)
{
    if (sqlite3_prepare_v2(m_db, insertSql.constData(), int(insertSql.size()), &m_statement,
                           nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_statement = nullptr;
    }
}

SqliteRowWriter::~SqliteRowWriter()
{
    sqlite3_finalize(m_statement);
}

bool SqliteRowWriter::write(const CellView *cells)
{
    if (!m_statement)
        return false;
    for (int c = 0; c < m_columns; ++c) {
        const CellView &cell = cells[c];
        // The cells live until step() below: SQLite need not copy them.
        if (cell.isNull())
            sqlite3_bind_null(m_statement, c + 1);
        else if (cell.kind == CellKind::Binary)
            sqlite3_bind_blob64(m_statement, c + 1, cell.data, sqlite3_uint64(cell.size),
                                SQLITE_STATIC);
        else
            sqlite3_bind_text64(m_statement, c + 1, cell.data, sqlite3_uint64(cell.size),
                                SQLITE_STATIC, SQLITE_UTF8);
    }
    const int rc = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    if (rc != SQLITE_DONE) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_cancelled = rc == SQLITE_INTERRUPT;
        m_failedRow = m_rows;
        return false;
    }
    ++m_rows;
    return true;
}

bool SqliteRowWriter::finish()
{
    return m_statement && m_error.isEmpty();
}

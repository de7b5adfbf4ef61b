#pragma once

#include "core/driver/rowwriter.h"

#include <QByteArray>

struct sqlite3;
struct sqlite3_stmt;

// One prepared INSERT, bound and stepped per row: SQLite's fastest way in,
// given that the caller holds a transaction.
class SqliteRowWriter final : public RowWriter
{
public:
    // insertSql has one ? per column.
    SqliteRowWriter(sqlite3 *db, const QByteArray &insertSql, int columns);
    ~SqliteRowWriter() override;

    bool isOpen() const { return m_statement != nullptr; }
    bool write(const CellView *cells) override;
    bool finish() override;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    int m_columns;
    qint64 m_rows = 0;
};

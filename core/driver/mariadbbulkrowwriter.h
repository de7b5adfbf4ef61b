#pragma once

#include "core/driver/rowwriter.h"

#include <QByteArray>
#include <QVector>

struct st_mysql;
struct st_mysql_stmt;

// MariaDB's bulk execution: one prepared INSERT executed for a whole array of
// rows at once (STMT_ATTR_ARRAY_SIZE), values sent in the binary protocol and
// never parsed as SQL. Several times faster than multi-row INSERT text, close
// to LOAD DATA, without LOCAL INFILE (which Qt's driver cannot switch on and
// which would let a server ask for any local file).
class MariadbBulkRowWriter final : public RowWriter
{
public:
    // insertSql has one ? per column.
    MariadbBulkRowWriter(st_mysql *mysql, const QByteArray &insertSql, int columns);
    ~MariadbBulkRowWriter() override;

    // Whether the server takes bulk execution (MariaDB 10.2 and later).
    static bool isSupported(st_mysql *mysql);
    bool isOpen() const { return m_statement != nullptr; }
    bool write(const CellView *cells) override;
    bool finish() override;

private:
    bool flush();

    st_mysql *m_mysql;
    st_mysql_stmt *m_statement = nullptr;
    int m_columns;
    // The batch: every value's bytes one after the other, and per value (row
    // by row) where it starts, how long it is and whether it is NULL/binary.
    QByteArray m_bytes;
    QVector<qsizetype> m_offsets;
    QVector<unsigned long> m_lengths;
    QVector<char> m_indicators;
    QVector<bool> m_binary;
    int m_batchRows = 0;
    qint64 m_rows = 0;
};

#pragma once

#include "core/driver/rowwriter.h"

#include <QByteArray>

struct pg_conn;

// COPY table (columns) FROM STDIN in PostgreSQL's text format, sent in 256 KiB
// chunks. The server checks the rows as they come and answers once, at the
// end; its CONTEXT names the line of the COPY stream that failed.
class PostgresRowWriter final : public RowWriter
{
public:
    // copySql is the whole COPY … FROM STDIN statement for columns columns.
    PostgresRowWriter(pg_conn *conn, const QByteArray &copySql, int columns);
    ~PostgresRowWriter() override;

    bool isOpen() const { return m_open; }
    bool write(const CellView *cells) override;
    bool finish() override;

private:
    bool flush();
    void readEnd();

    pg_conn *m_conn;
    QByteArray m_buffer;
    int m_columns = 0;
    bool m_open = false;
    qint64 m_rows = 0;
};

#pragma once

#include "core/driver/rowwriter.h"

#include <QByteArray>

#include <functional>

class NativeConnection;

// Multi-row INSERT statements of up to 1 MiB each, values escaped by the
// client library (which knows the session's sql_mode), run through the
// connection so that a cancel reaches them.
class MysqlRowWriter final : public RowWriter
{
public:
    using Escape = std::function<void(QByteArray &out, const char *data, qsizetype size)>;
    // insertHead is "INSERT INTO t (a, b) VALUES " for columns columns.
    MysqlRowWriter(NativeConnection &connection, const QByteArray &insertHead, int columns,
                   Escape escape);

    bool write(const CellView *cells) override;
    bool finish() override;

private:
    bool flush();

    NativeConnection &m_connection;
    QByteArray m_head;
    int m_columns;
    Escape m_escape;
    QByteArray m_statement;
    qint64 m_rows = 0;
    qint64 m_firstRowOfBatch = 0;
};

#pragma once

#include "core/driver/cellview.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Writes rows into one table as fast as the client library allows: COPY FROM
// STDIN on PostgreSQL, multi-row INSERT on MySQL, one prepared INSERT on
// SQLite (NativeConnection::rowWriter). It runs inside the caller's
// transaction and commits nothing. Used only on the connection's worker
// thread, like the connection.
class RowWriter
{
public:
    virtual ~RowWriter() = default;
    // INSERT INTO table (columns) VALUES (?, …): the statement the prepared
    // writers bind rows to.
    static QByteArray placeholderInsert(const QString &table, const QStringList &columns);
    // cells holds one value per column: Null, Text (UTF-8) or Binary bytes.
    // False when the server refused; error() says why.
    virtual bool write(const CellView *cells) = 0;
    // Sends what is still buffered; false when the server refused.
    virtual bool finish() = 0;

    const QString &error() const { return m_error; }
    bool cancelled() const { return m_cancelled; }
    // The row the server named in its error (0-based, in the order written),
    // -1 when it did not say.
    qint64 failedRow() const { return m_failedRow; }

protected:
    QString m_error;
    bool m_cancelled = false;
    qint64 m_failedRow = -1;
};

#pragma once

#include "core/driver/cellview.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

// Rows packed into one byte buffer: per cell a varint header (size, kind, cut
// flag) and the bytes. No heap object per cell, so a million rows cost about
// what they would as CSV. Batches travel from worker threads to the GUI by
// value: both the bytes and the row offsets are implicitly shared, so a copy
// (a queued signal, the model's list, an export's snapshot of a whole result)
// costs a reference count, never a copy of the rows on the GUI thread.
class RowBatch final
{
public:
    RowBatch() = default;
    explicit RowBatch(int columnCount);

    int columnCount() const { return m_columnCount; }
    int rowCount() const { return static_cast<int>(m_rowStarts.size()); }
    bool isEmpty() const { return m_rowStarts.isEmpty(); }
    // Bytes held, for memory accounting.
    qsizetype byteSize() const;

    // Appending: beginRow(), then exactly columnCount() cells.
    void beginRow();
    void appendNull();
    void appendText(const char *data, qsizetype size);
    void appendBinary(const char *data, qsizetype size);
    // A value cut to its first `size` bytes out of `fullSize`.
    void appendTruncated(CellKind kind, const char *data, qsizetype size, qint64 fullSize);

    CellView cell(int row, int column) const;
    // All columnCount() cells of row, in one pass.
    void rowCells(int row, CellView *cells) const;

    void clear();
    // Gives back the slack of the buffers' growth once the batch is complete.
    void squeeze();
    void reserve(qsizetype bytes) { m_data.reserve(bytes); }

private:
    void appendCell(CellKind kind, const char *data, qsizetype size, bool truncated,
                    qint64 fullSize);

    int m_columnCount = 0;
    QByteArray m_data;
    QList<quint32> m_rowStarts;
};

Q_DECLARE_METATYPE(RowBatch)

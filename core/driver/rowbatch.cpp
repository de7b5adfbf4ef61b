#include "core/driver/rowbatch.h"

namespace {

void putVarint(QByteArray &out, quint64 value)
{
    char buffer[10];
    int n = 0;
    do {
        char byte = static_cast<char>(value & 0x7f);
        value >>= 7;
        if (value)
            byte = static_cast<char>(byte | 0x80);
        buffer[n++] = byte;
    } while (value);
    out.append(buffer, n);
}

quint64 getVarint(const char *&p)
{
    quint64 value = 0;
    int shift = 0;
    for (;;) {
        const auto byte = static_cast<unsigned char>(*p++);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
        shift += 7;
    }
}

} // namespace

RowBatch::RowBatch(int columnCount)
    : m_columnCount(columnCount)
{
}

qsizetype RowBatch::byteSize() const
{
    return m_data.capacity() + m_rowStarts.capacity() * qsizetype(sizeof(quint32));
}

void RowBatch::beginRow()
{
    m_rowStarts.append(static_cast<quint32>(m_data.size()));
}

void RowBatch::appendNull()
{
    m_data.append(char(0));
}

void RowBatch::appendText(const char *data, qsizetype size)
{
    appendCell(CellKind::Text, data, size, false, size);
}

void RowBatch::appendBinary(const char *data, qsizetype size)
{
    appendCell(CellKind::Binary, data, size, false, size);
}

void RowBatch::appendTruncated(CellKind kind, const char *data, qsizetype size, qint64 fullSize)
{
    appendCell(kind, data, size, true, fullSize);
}

void RowBatch::appendCell(CellKind kind, const char *data, qsizetype size, bool truncated,
                          qint64 fullSize)
{
    putVarint(m_data, (quint64(size) << 3) | (truncated ? 4u : 0u) | quint64(kind));
    if (truncated)
        putVarint(m_data, quint64(fullSize));
    m_data.append(data, size);
}

CellView RowBatch::cell(int row, int column) const
{
    const char *p = m_data.constData() + m_rowStarts.at(row);
    CellView view;
    for (int c = 0;; ++c) {
        const quint64 header = getVarint(p);
        const auto size = qsizetype(header >> 3);
        const bool truncated = header & 4u;
        const qint64 fullSize = truncated ? qint64(getVarint(p)) : size;
        if (c == column) {
            view.kind = static_cast<CellKind>(header & 3u);
            view.data = p;
            view.size = size;
            view.truncated = truncated;
            view.fullSize = fullSize;
            return view;
        }
        p += size;
    }
}

void RowBatch::rowCells(int row, CellView *cells) const
{
    const char *p = m_data.constData() + m_rowStarts.at(row);
    for (int c = 0; c < m_columnCount; ++c) {
        const quint64 header = getVarint(p);
        CellView &view = cells[c];
        view.kind = static_cast<CellKind>(header & 3u);
        view.size = qsizetype(header >> 3);
        view.truncated = header & 4u;
        view.fullSize = view.truncated ? qint64(getVarint(p)) : view.size;
        view.data = p;
        p += view.size;
    }
}

void RowBatch::clear()
{
    m_data.clear();
    m_rowStarts.clear();
}

void RowBatch::squeeze()
{
    m_data.squeeze();
    m_rowStarts.squeeze();
}

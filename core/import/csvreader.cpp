#include "core/import/csvreader.h"

#include <QCoreApplication>
#include <QIODevice>

namespace {

constexpr qint64 kChunk = 1024 * 1024;

} // namespace

CsvReader::CsvReader(QIODevice *device, char delimiter, std::optional<QByteArray> nullText)
    : m_device(device)
    , m_delimiter(delimiter)
    , m_nullText(std::move(nullText))
{
}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    // As much as the device holds, up to a chunk: a small file costs no large
    // buffer, and the buffer's memory is reused from chunk to chunk.
    const qint64 want = qBound<qint64>(4096, m_device->bytesAvailable(), kChunk);
    m_buffer.resize(want);
    const qint64 got = m_device->read(m_buffer.data(), want);
    m_buffer.resize(qMax<qint64>(0, got));
    m_position = 0;
    if (m_buffer.isEmpty()) {
        m_eof = true;
        return false;
    }
    if (!m_started) {
        m_started = true;
        if (m_buffer.startsWith("\xEF\xBB\xBF"))
            m_position = 3;
    }
    return true;
}

void CsvReader::endField()
{
    const qsizetype size = m_record.size() - m_fieldStart;
    CellKind kind = CellKind::Text;
    if (!m_fieldQuoted) {
        if (m_nullText)
            kind =
                size == m_nullText->size() && std::equal(m_nullText->cbegin(), m_nullText->cend(),
                                                         m_record.cbegin() + m_fieldStart)
                    ? CellKind::Null
                    : CellKind::Text;
        else if (size == 0)
            kind = CellKind::Null;
    }
    m_ends.append(m_record.size());
    m_kinds.append(kind);
    m_fieldStart = m_record.size();
    m_fieldQuoted = false;
}

// Copies quoted bytes up to the next quote of the buffer; true when it reached
// that quote (and stepped over it).
bool CsvReader::consumeQuoted()
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    qsizetype end = m_position;
    while (end < size && data[end] != '"') {
        if (data[end] == '\n')
            ++m_line;
        ++end;
    }
    m_record.append(data + m_position, end - m_position);
    m_position = end;
    if (end >= size)
        return false;
    ++m_position;
    return true;
}

void CsvReader::startRecord()
{
    m_record.clear();
    m_ends.clear();
    m_kinds.clear();
    m_cells.clear();
    m_fieldStart = 0;
    m_fieldQuoted = false;
}

// LF, CRLF or a lone CR, also when the LF of a CRLF is in the next chunk.
void CsvReader::consumeLineBreak()
{
    const char c = m_buffer.at(m_position);
    ++m_position;
    if (c == '\r') {
        if (m_position >= m_buffer.size())
            fill();
        if (m_position < m_buffer.size() && m_buffer.at(m_position) == '\n')
            ++m_position;
    }
    ++m_line;
}

// A small state machine over the bytes; runs of plain bytes are copied at once.
bool CsvReader::next()
{
    startRecord();
    if (!m_error.isEmpty())
        return false;
    enum class State { FieldStart, Plain, Quoted, QuoteInQuoted } state = State::FieldStart;
    bool any = false;
    m_recordLine = m_line;
    for (;;) {
        if (m_position >= m_buffer.size() && !fill()) {
            if (!any)
                return false;
            if (state == State::Quoted) {
                m_error = QCoreApplication::translate("CsvReader",
                                                      "line %1: a quoted field is not closed "
                                                      "before the end of the file")
                              .arg(m_recordLine);
                return false;
            }
            endField();
            break;
        }
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        const char c = data[m_position];
        any = true;
        if (state == State::Quoted) {
            if (consumeQuoted())
                state = State::QuoteInQuoted;
            continue;
        }
        if (state == State::QuoteInQuoted) {
            if (c == '"') { // a doubled quote
                m_record.append('"');
                state = State::Quoted;
                ++m_position;
                continue;
            }
            state = State::Plain; // the closing quote; what follows is read as plain
        }
        if (c == m_delimiter) {
            endField();
            state = State::FieldStart;
            ++m_position;
            continue;
        }
        if (c == '\n' || c == '\r') {
            consumeLineBreak();
            // A blank line is no record.
            if (state == State::FieldStart && m_ends.isEmpty() && m_record.isEmpty()) {
                m_recordLine = m_line;
                any = false;
                continue;
            }
            endField();
            break;
        }
        if (state == State::FieldStart && c == '"') {
            m_fieldQuoted = true;
            state = State::Quoted;
            ++m_position;
            continue;
        }
        state = State::Plain;
        qsizetype end = m_position + 1;
        while (end < size && data[end] != m_delimiter && data[end] != '\n' && data[end] != '\r')
            ++end;
        m_record.append(data + m_position, end - m_position);
        m_position = end;
    }
    publish();
    return true;
}

// The record's bytes no longer move: point the cells into them.
void CsvReader::publish()
{
    m_cells.resize(m_ends.size());
    qsizetype start = 0;
    for (qsizetype i = 0; i < m_ends.size(); ++i) {
        CellView &cell = m_cells[i];
        cell.kind = m_kinds.at(i);
        cell.data = m_record.constData() + start;
        cell.size = cell.kind == CellKind::Null ? 0 : m_ends.at(i) - start;
        cell.fullSize = cell.size;
        start = m_ends.at(i);
    }
}

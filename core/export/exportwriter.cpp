#include "core/export/exportwriter.h"

#include "core/export/csvwriter.h"
#include "core/export/jsonwriter.h"
#include "core/export/markdownwriter.h"
#include "core/export/sqlinsertwriter.h"
#include "core/export/tsvwriter.h"

#include <QCoreApplication>
#include <QFileDevice>
#include <QIODevice>

namespace {

constexpr qsizetype kMinimumBuffer = 4096;

} // namespace

std::unique_ptr<ExportWriter> ExportWriter::create(const ExportOptions &options, QIODevice *device)
{
    switch (options.format) {
    case ExportFormat::Csv:
        return std::make_unique<CsvWriter>(options, device);
    case ExportFormat::Tsv:
        return std::make_unique<TsvWriter>(options, device);
    case ExportFormat::Json:
    case ExportFormat::JsonLines:
        return std::make_unique<JsonWriter>(options, device);
    case ExportFormat::SqlInsert:
        return std::make_unique<SqlInsertWriter>(options, device);
    case ExportFormat::Markdown:
        return std::make_unique<MarkdownWriter>(options, device);
    }
    return nullptr;
}

ExportWriter::ExportWriter(const ExportOptions &options, QIODevice *device)
    : m_options(options)
    , m_device(device)
{
    const qsizetype size = qMax(options.bufferSize, kMinimumBuffer);
    m_buffer.reset(new char[size_t(size)]);
    m_pos = m_buffer.get();
    m_end = m_pos + size;
    if (!m_device || !m_device->isWritable())
        fail(QCoreApplication::translate(
            "ExportWriter", "The export has nowhere to write: the output is not open."));
}

ExportWriter::~ExportWriter() = default;

void ExportWriter::setRowCallback(qint64 interval, std::function<bool(qint64)> callback)
{
    m_callbackInterval = qMax<qint64>(interval, 1);
    m_nextCallback = m_rows + m_callbackInterval;
    m_callback = std::move(callback);
}

bool ExportWriter::begin(const Columns &columns)
{
    if (++m_resultSets > 1) {
        ++m_skippedResultSets;
        return !hasError() && !isStopRequested();
    }
    m_columns = columns;
    m_inFirstResultSet = true;
    if (!hasError())
        writeHeader(columns);
    return !hasError() && !isStopRequested();
}

bool ExportWriter::row(const CellView *cells)
{
    if (Q_UNLIKELY(hasError() || isStopRequested()))
        return false;
    if (Q_UNLIKELY(!m_inFirstResultSet))
        return true; // a later result set: read, not written
    const qsizetype count = m_columns.size();
    for (qsizetype i = 0; i < count; ++i) {
        if (Q_UNLIKELY(cells[i].truncated)) {
            fail(QCoreApplication::translate(
                     "ExportWriter",
                     "Row %1, column \"%2\": the value was cut to %3 of its %4 bytes "
                     "when it was fetched, and an export must not hold cut values. "
                     "Export by running the query again.")
                     .arg(m_rows + 1)
                     .arg(m_columns.at(i).name)
                     .arg(cells[i].size)
                     .arg(cells[i].fullSize));
            return false;
        }
    }
    writeRow(cells);
    return rowWritten();
}

bool ExportWriter::rowWritten()
{
    if (Q_UNLIKELY(hasError()))
        return false;
    ++m_rows;
    if (m_callback && m_rows >= m_nextCallback) {
        m_nextCallback = m_rows + m_callbackInterval;
        if (!m_callback(m_rows)) {
            stop();
            return false;
        }
    }
    return true;
}

void ExportWriter::end()
{
    m_inFirstResultSet = false;
}

bool ExportWriter::finish()
{
    if (!m_finished) {
        m_finished = true;
        if (!hasError())
            writeFooter(m_resultSets > 0);
        drain();
        if (auto *file = qobject_cast<QFileDevice *>(m_device); file && !hasError()) {
            if (!file->flush())
                fail(QCoreApplication::translate("ExportWriter", "Could not write the export: %1")
                         .arg(file->errorString()));
        }
    }
    return !hasError();
}

void ExportWriter::putHex(const char *data, qsizetype size)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype chunk = (m_end - m_buffer.get()) / 2;
    while (size > 0) {
        const qsizetype n = qMin(size, chunk);
        char *out = room(2 * n);
        for (qsizetype i = 0; i < n; ++i) {
            const auto byte = static_cast<unsigned char>(data[i]);
            *out++ = digits[byte >> 4];
            *out++ = digits[byte & 0xf];
        }
        advance(2 * n);
        data += n;
        size -= n;
    }
}

void ExportWriter::putLarge(const char *data, qsizetype size)
{
    drain();
    if (size >= m_end - m_buffer.get()) {
        writeOut(data, size); // a huge value: no point copying it through the buffer
        return;
    }
    std::memcpy(m_pos, data, size_t(size));
    m_pos += size;
}

void ExportWriter::drain()
{
    const qsizetype size = m_pos - m_buffer.get();
    m_pos = m_buffer.get();
    if (size > 0)
        writeOut(m_buffer.get(), size);
}

bool ExportWriter::writeOut(const char *data, qsizetype size)
{
    if (hasError())
        return false;
    // A file that reaches its limit takes part of a write without an error;
    // the next write says why (EFBIG, ENOSPC).
    while (size > 0) {
        const qint64 written = m_device->write(data, size);
        if (written <= 0) {
            const QString reason = m_device->errorString();
            fail(QCoreApplication::translate("ExportWriter",
                                             "Could not write the export after %1 bytes: %2")
                     .arg(m_bytesWritten)
                     .arg(reason.isEmpty() ? QCoreApplication::translate(
                                                 "ExportWriter", "the output accepted no more data")
                                           : reason));
            return false;
        }
        m_bytesWritten += written;
        data += written;
        size -= written;
    }
    return true;
}

void ExportWriter::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

bool ExportWriter::isJsonNumber(const char *data, qsizetype size)
{
    const char *p = data;
    const char *const end = data + size;
    auto digit = [&] {
        return p < end && *p >= '0' && *p <= '9';
    };
    if (p < end && *p == '-')
        ++p;
    if (!digit())
        return false;
    if (*p == '0') {
        ++p;
    } else {
        while (digit())
            ++p;
    }
    if (p < end && *p == '.') {
        ++p;
        if (!digit())
            return false;
        while (digit())
            ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (!digit())
            return false;
        while (digit())
            ++p;
    }
    return p == end;
}

int ExportWriter::booleanValue(const char *data, qsizetype size)
{
    auto is = [&](const char *word, qsizetype length) {
        if (size != length)
            return false;
        for (qsizetype i = 0; i < length; ++i) {
            if ((data[i] | 0x20) != word[i])
                return false;
        }
        return true;
    };
    if (size == 1 && data[0] == '1')
        return 1;
    if (size == 1 && data[0] == '0')
        return 0;
    if (is("t", 1) || is("true", 4))
        return 1;
    if (is("f", 1) || is("false", 5))
        return 0;
    return -1;
}

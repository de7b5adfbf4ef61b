#pragma once

#include "core/driver/csvlinesink.h"
#include "core/driver/rowsink.h"
#include "core/export/exportoptions.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <cstring>
#include <functional>
#include <memory>

class QIODevice;

// Writes rows in one export format to a device, as they stream from the
// native connection (or from stored batches), in constant memory: bytes go
// from each CellView straight into one buffer that is written out with one
// write call when full. No QString or QVariant per cell.
//
// Decisions shared by the formats (each writer's header says the rest):
// - Only the first result set is written; later ones are read and dropped and
//   counted in skippedResultSets(), so every format keeps one shape (one
//   header, one JSON array) whatever the statement returns.
// - Binary values are written as hex with a \x prefix, as psql prints bytea
//   (CSV, TSV, Markdown, JSON); SQL writes them as binary literals.
// - A cut value (CellView::truncated) is an error, never written: an export
//   must hold whole values.
// - A failed write (disk full) stops the writer with error(); the statement
//   feeding it stops at the next row.
class ExportWriter : public RowSink
{
public:
    // A writer of options.format into device, which must be open for writing
    // and outlive the writer.
    static std::unique_ptr<ExportWriter> create(const ExportOptions &options, QIODevice *device);

    ~ExportWriter() override;
    ExportWriter(const ExportWriter &) = delete;
    ExportWriter &operator=(const ExportWriter &) = delete;

    bool begin(const Columns &columns) final;
    bool row(const CellView *cells) final;
    void end() final;
    // Completes the document (a JSON array is closed, even an empty one) and
    // writes out the buffer; false when anything failed.
    bool finish();

    // The writer as a taker of CSV lines the server wrote itself, when its
    // format and options are exactly those (NativeConnection::copyCsv);
    // nullptr otherwise.
    virtual CsvLineSink *csvLines() { return nullptr; }

    // Asks the writer to stop at the next row; any thread may call it.
    void stop() { m_stopRequested.store(true, std::memory_order_relaxed); }
    bool isStopRequested() const { return m_stopRequested.load(std::memory_order_relaxed); }
    // callback runs on the writing thread every interval rows with the rows
    // written so far; returning false stops the writer like stop().
    void setRowCallback(qint64 interval, std::function<bool(qint64 rows)> callback);
    // The interval every export uses: a look at the clock and the cancel flag
    // is cheap next to this many rows.
    static constexpr qint64 kCallbackEveryRows = 4096;
    // How often an export shows its progress, whichever thread writes it.
    static constexpr int kProgressEveryMs = 100;

    const ExportOptions &options() const { return m_options; }
    qint64 rows() const { return m_rows; }
    qint64 bytesWritten() const { return m_bytesWritten; }
    int skippedResultSets() const { return m_skippedResultSets; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

protected:
    ExportWriter(const ExportOptions &options, QIODevice *device);

    const Columns &columns() const { return m_columns; }
    virtual void writeHeader(const Columns &columns) = 0;
    virtual void writeRow(const CellView *cells) = 0;
    // Counts a row the writer wrote, and runs the row callback when due;
    // false when the writer must stop.
    bool rowWritten();
    // After the last row; hadResultSet is false when the statement gave none.
    virtual void writeFooter(bool hadResultSet) { Q_UNUSED(hadResultSet) }

    void put(char c)
    {
        if (Q_UNLIKELY(m_pos == m_end))
            drain();
        *m_pos++ = c;
    }
    void put(const char *data, qsizetype size)
    {
        if (Q_LIKELY(size <= m_end - m_pos)) {
            if (size > 0)
                std::memcpy(m_pos, data, size_t(size));
            m_pos += size;
        } else {
            putLarge(data, size);
        }
    }
    void put(const QByteArray &bytes) { put(bytes.constData(), bytes.size()); }
    template<qsizetype N>
    void putLiteral(const char (&text)[N])
    {
        put(text, N - 1);
    }
    // Bytes as lowercase hex digits.
    void putHex(const char *data, qsizetype size);
    // At least n (<= buffer size) bytes of room; write them, then advance().
    char *room(qsizetype n)
    {
        if (Q_UNLIKELY(n > m_end - m_pos))
            drain();
        return m_pos;
    }
    void advance(qsizetype n) { m_pos += n; }

    // Numbers as JSON writes them (RFC 8259 grammar); SQL and JSON write only
    // these unquoted, so "NaN" or an SQLite text in an INTEGER column stays a string.
    static bool isJsonNumber(const char *data, qsizetype size);
    // 1 for t/true/1 (any case), 0 for f/false/0, -1 for anything else.
    static int booleanValue(const char *data, qsizetype size);

private:
    void putLarge(const char *data, qsizetype size);
    void drain();
    bool writeOut(const char *data, qsizetype size);
    void fail(const QString &message);

    ExportOptions m_options;
    QIODevice *m_device;
    std::unique_ptr<char[]> m_buffer;
    char *m_pos = nullptr;
    char *m_end = nullptr;
    Columns m_columns;
    int m_resultSets = 0;
    int m_skippedResultSets = 0;
    bool m_inFirstResultSet = false;
    bool m_finished = false;
    qint64 m_rows = 0;
    qint64 m_bytesWritten = 0;
    qint64 m_callbackInterval = 0;
    qint64 m_nextCallback = 0;
    std::function<bool(qint64)> m_callback;
    std::atomic<bool> m_stopRequested{false};
    QString m_error;
};

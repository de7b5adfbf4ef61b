#include "core/export/csvwriter.h"

#include <array>

namespace {

// The bytes that make a field need quotes.
constexpr std::array<bool, 256> kNeedsQuotes = [] {
    std::array<bool, 256> table{};
    table[','] = table['"'] = table['\r'] = table['\n'] = true;
    return table;
}();

} // namespace

CsvWriter::CsvWriter(const ExportOptions &options, QIODevice *device)
    : ExportWriter(options, device)
{
}

bool CsvWriter::csvBegin()
{
    m_serverLines = true;
    return begin(Columns());
}

bool CsvWriter::csvLine(const char *data, qsizetype size, bool header)
{
    if (Q_UNLIKELY(hasError() || isStopRequested()))
        return false;
    put(data, size);
    return header ? !hasError() : rowWritten();
}

void CsvWriter::writeHeader(const Columns &columns)
{
    if (!options().header || m_serverLines)
        return;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            put(',');
        const QByteArray name = columns.at(i).name.toUtf8();
        // An empty name is written "" so that a one-column header is not a blank line.
        if (name.isEmpty())
            putLiteral("\"\"");
        else
            putField(name.constData(), name.size());
    }
    put('\n');
}

void CsvWriter::writeRow(const CellView *cells)
{
    const qsizetype count = columns().size();
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            put(',');
        const CellView &cell = cells[i];
        switch (cell.kind) {
        case CellKind::Null:
            break;
        case CellKind::Text:
            if (cell.size == 0)
                putLiteral("\"\"");
            else
                putField(cell.data, cell.size);
            break;
        case CellKind::Binary:
            putLiteral("\\x");
            putHex(cell.data, cell.size);
            break;
        }
    }
    put('\n');
}

void CsvWriter::putField(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *const end = p + size;
    while (p < end && !kNeedsQuotes[*p])
        ++p;
    if (p == end)
        put(data, size);
    else
        putQuoted(data, size);
}

void CsvWriter::putQuoted(const char *data, qsizetype size)
{
    put('"');
    const char *const end = data + size;
    while (data < end) {
        const auto *quote = static_cast<const char *>(std::memchr(data, '"', size_t(end - data)));
        if (!quote) {
            put(data, end - data);
            break;
        }
        put(data, quote + 1 - data); // up to and including the quote,
        put('"');                    // which is doubled
        data = quote + 1;
    }
    put('"');
}

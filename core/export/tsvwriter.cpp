#include "core/export/tsvwriter.h"

#include <array>

namespace {

// The escape letter of each byte that needs one, 0 for the rest.
constexpr std::array<char, 256> kEscapes = [] {
    std::array<char, 256> table{};
    table['\\'] = '\\';
    table['\t'] = 't';
    table['\n'] = 'n';
    table['\r'] = 'r';
    return table;
}();

} // namespace

TsvWriter::TsvWriter(const ExportOptions &options, QIODevice *device)
    : ExportWriter(options, device)
{
}

void TsvWriter::writeHeader(const Columns &columns)
{
    if (!options().header)
        return;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            put('\t');
        const QByteArray name = columns.at(i).name.toUtf8();
        putEscaped(name.constData(), name.size());
    }
    put('\n');
}

void TsvWriter::writeRow(const CellView *cells)
{
    const qsizetype count = columns().size();
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            put('\t');
        const CellView &cell = cells[i];
        switch (cell.kind) {
        case CellKind::Null:
            putLiteral("\\N");
            break;
        case CellKind::Text:
            putEscaped(cell.data, cell.size);
            break;
        case CellKind::Binary:
            putLiteral("\\\\x");
            putHex(cell.data, cell.size);
            break;
        }
    }
    put('\n');
}

void TsvWriter::putEscaped(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *const end = p + size;
    const auto *run = p;
    for (; p < end; ++p) {
        const char escape = kEscapes[*p];
        if (Q_LIKELY(!escape))
            continue;
        put(reinterpret_cast<const char *>(run), p - run);
        put('\\');
        put(escape);
        run = p + 1;
    }
    put(reinterpret_cast<const char *>(run), end - run);
}

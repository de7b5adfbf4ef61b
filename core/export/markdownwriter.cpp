#include "core/export/markdownwriter.h"

#include <array>

namespace {

constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> table{};
    table['|'] = table['\\'] = table['\r'] = table['\n'] = true;
    return table;
}();

} // namespace

MarkdownWriter::MarkdownWriter(const ExportOptions &options, QIODevice *device)
    : ExportWriter(options, device)
{
}

void MarkdownWriter::writeHeader(const Columns &columns)
{
    put('|');
    for (const Column &column : columns) {
        put(' ');
        const QByteArray name = column.name.toUtf8();
        putEscaped(name.constData(), name.size());
        putLiteral(" |");
    }
    putLiteral("\n|");
    for (const Column &column : columns) {
        if (column.isNumeric())
            putLiteral(" ---: |");
        else
            putLiteral(" --- |");
    }
    put('\n');
}

void MarkdownWriter::writeRow(const CellView *cells)
{
    put('|');
    const qsizetype count = columns().size();
    for (qsizetype i = 0; i < count; ++i) {
        put(' ');
        const CellView &cell = cells[i];
        switch (cell.kind) {
        case CellKind::Null:
            putLiteral("NULL");
            break;
        case CellKind::Text:
            putEscaped(cell.data, cell.size);
            break;
        case CellKind::Binary:
            putLiteral("\\\\x");
            putHex(cell.data, cell.size);
            break;
        }
        putLiteral(" |");
    }
    put('\n');
}

void MarkdownWriter::putEscaped(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *const end = p + size;
    const auto *run = p;
    for (; p < end; ++p) {
        if (Q_LIKELY(!kSpecial[*p]))
            continue;
        put(reinterpret_cast<const char *>(run), p - run);
        switch (*p) {
        case '|':
            putLiteral("\\|");
            break;
        case '\\':
            putLiteral("\\\\");
            break;
        case '\r':
            if (p + 1 < end && p[1] == '\n')
                ++p; // CRLF is one break
            putLiteral("<br>");
            break;
        default:
            putLiteral("<br>");
            break;
        }
        run = p + 1;
    }
    put(reinterpret_cast<const char *>(run), end - run);
}

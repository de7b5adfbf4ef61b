#include "core/export/jsonwriter.h"

#include <QSet>

#include <array>

namespace {

// What a byte needs inside a JSON string: 0 nothing, 'u' a \u00XX escape,
// anything else the letter after the backslash.
constexpr std::array<char, 256> kEscapes = [] {
    std::array<char, 256> table{};
    for (int c = 0; c < 0x20; ++c)
        table[size_t(c)] = 'u';
    table['"'] = '"';
    table['\\'] = '\\';
    table['\b'] = 'b';
    table['\f'] = 'f';
    table['\n'] = 'n';
    table['\r'] = 'r';
    table['\t'] = 't';
    return table;
}();

QString uniqueName(const QString &name, QSet<QString> &used)
{
    QString candidate = name;
    for (int n = 2; used.contains(candidate); ++n)
        candidate = name + QLatin1Char('_') + QString::number(n);
    used.insert(candidate);
    return candidate;
}

} // namespace

JsonWriter::JsonWriter(const ExportOptions &options, QIODevice *device)
    : ExportWriter(options, device)
    , m_lines(options.format == ExportFormat::JsonLines)
{
}

void JsonWriter::writeHeader(const Columns &columns)
{
    m_keys.clear();
    m_modes.clear();
    QSet<QString> used;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const Column &column = columns.at(i);
        // The key is built by the writer's own escaping: one buffer, no copies.
        const QByteArray name = uniqueName(column.name, used).toUtf8();
        QByteArray key(i == 0 ? "{\"" : ",\"");
        for (char c : name) {
            const char escape = kEscapes[static_cast<unsigned char>(c)];
            if (!escape) {
                key += c;
            } else if (escape == 'u') {
                key += QByteArray("\\u00") +
                       QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
            } else {
                key += '\\';
                key += escape;
            }
        }
        key += "\":";
        m_keys.append(key);
        m_modes.append(column.kind == ColumnKind::Boolean ? Mode::Boolean
                       : column.isNumeric()               ? Mode::Number
                                                          : Mode::String);
    }
}

void JsonWriter::writeRow(const CellView *cells)
{
    if (!m_lines) {
        put(rows() == 0 ? '[' : ',');
        put('\n');
    }
    const qsizetype count = m_keys.size();
    if (count == 0)
        put('{');
    for (qsizetype i = 0; i < count; ++i) {
        put(m_keys.at(i));
        const CellView &cell = cells[i];
        switch (cell.kind) {
        case CellKind::Null:
            putLiteral("null");
            break;
        case CellKind::Binary:
            putLiteral("\"\\\\x");
            putHex(cell.data, cell.size);
            put('"');
            break;
        case CellKind::Text:
            switch (m_modes.at(i)) {
            case Mode::Number:
                if (isJsonNumber(cell.data, cell.size)) {
                    put(cell.data, cell.size);
                    continue;
                }
                break;
            case Mode::Boolean: {
                const int value = booleanValue(cell.data, cell.size);
                if (value == 1) {
                    putLiteral("true");
                    continue;
                }
                if (value == 0) {
                    putLiteral("false");
                    continue;
                }
                break;
            }
            case Mode::String:
                break;
            }
            putString(cell.data, cell.size);
            break;
        }
    }
    put('}');
    if (m_lines)
        put('\n');
}

void JsonWriter::writeFooter(bool hadResultSet)
{
    Q_UNUSED(hadResultSet)
    if (m_lines)
        return;
    if (rows() == 0)
        putLiteral("[]\n");
    else
        putLiteral("\n]\n");
}

void JsonWriter::putString(const char *data, qsizetype size)
{
    static const char digits[] = "0123456789abcdef";
    put('"');
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *const end = p + size;
    const auto *run = p;
    for (; p < end; ++p) {
        const char escape = kEscapes[*p];
        if (Q_LIKELY(!escape))
            continue;
        put(reinterpret_cast<const char *>(run), p - run);
        if (escape == 'u') {
            char *out = room(6);
            out[0] = '\\';
            out[1] = 'u';
            out[2] = '0';
            out[3] = '0';
            out[4] = digits[*p >> 4];
            out[5] = digits[*p & 0xf];
            advance(6);
        } else {
            put('\\');
            put(escape);
        }
        run = p + 1;
    }
    put(reinterpret_cast<const char *>(run), end - run);
    put('"');
}

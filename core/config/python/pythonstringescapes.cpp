#include "core/config/python/pythonstringescapes.h"

#include <optional>

namespace pythonstringescapes {

namespace {

// The character of an escape that stands for one fixed character.
std::optional<QChar> singleCharacterEscape(QChar e)
{
    switch (e.unicode()) {
    case '\\':
    case '\'':
    case '"':
        return e;
    case 'a':
        return QChar(7);
    case 'b':
        return QChar(8);
    case 'f':
        return QChar(12);
    case 'n':
        return QLatin1Char('\n');
    case 'r':
        return QLatin1Char('\r');
    case 't':
        return QLatin1Char('\t');
    case 'v':
        return QChar(11);
    default:
        return std::nullopt;
    }
}

// The \x, \u or \U escape whose letter is at *i; leaves *i on its last digit.
bool appendHexEscape(QStringView body, int *i, QString *out, QString *error)
{
    const int n = int(body.size());
    const QChar e = body.at(*i);
    const int digits = e == QLatin1Char('x') ? 2 : e == QLatin1Char('u') ? 4 : 8;
    uint value = 0;
    for (int k = 1; k <= digits; ++k) {
        const int h = *i + k < n ? hexValue(body.at(*i + k)) : -1;
        if (h < 0) {
            *error = QStringLiteral("truncated \\%1 escape").arg(e);
            return false;
        }
        value = value * 16 + uint(h);
    }
    if (value > 0x10FFFF) {
        *error = QStringLiteral("\\U escape beyond U+10FFFF");
        return false;
    }
    *i += digits;
    out->append(QString::fromUcs4(reinterpret_cast<const char32_t *>(&value), 1));
    return true;
}

// The octal escape whose first digit is at *i; leaves *i on its last digit.
void appendOctalEscape(QStringView body, int *i, QString *out)
{
    const int n = int(body.size());
    uint value = 0;
    int k = 0;
    while (k < 3 && *i + k < n && body.at(*i + k) >= QLatin1Char('0') &&
           body.at(*i + k) <= QLatin1Char('7')) {
        value = value * 8 + (body.at(*i + k).unicode() - '0');
        ++k;
    }
    *i += k - 1;
    out->append(QChar(char16_t(value)));
}

} // namespace

int hexValue(QChar c)
{
    const ushort u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

Decoded unescape(QStringView body, bool bytes, bool json, QString *out, QString *error)
{
    out->reserve(body.size());
    const int n = int(body.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = body.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= n) {
            out->append(c);
            continue;
        }
        const QChar e = body.at(++i);
        if (const std::optional<QChar> single = singleCharacterEscape(e)) {
            out->append(*single);
            continue;
        }
        switch (e.unicode()) {
        case '\n':
            break;
        case '\r':
            if (i + 1 < n && body.at(i + 1) == QLatin1Char('\n'))
                ++i;
            break;
        case '/':
            if (json)
                out->append(e);
            else
                out->append(QLatin1Char('\\')).append(e);
            break;
        case 'x':
        case 'u':
        case 'U':
            if (bytes && e != QLatin1Char('x')) {
                out->append(QLatin1Char('\\')).append(e);
                break;
            }
            if (!appendHexEscape(body, &i, out, error))
                return Decoded::Bad;
            break;
        case 'N':
            if (bytes) {
                out->append(QLatin1Char('\\')).append(e);
                break;
            }
            return Decoded::Unsupported; // would need the Unicode name table
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                appendOctalEscape(body, &i, out);
                break;
            }
            out->append(QLatin1Char('\\')).append(e);
        }
    }
    return Decoded::Ok;
}

} // namespace pythonstringescapes

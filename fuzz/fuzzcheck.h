#pragma once

// Helpers shared by the fuzz targets: an invariant check that stops the run
// with a readable reason (libFuzzer then saves the input), and the letter swap
// the password checks use.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace fuzz {

// detail with control characters (but LF) written as \xNN, so it prints whole.
inline QByteArray printable(const QString &detail)
{
    QByteArray out;
    for (const char c : detail.toUtf8()) {
        if ((c >= 0 && c < 0x20 && c != '\n') || c == 0x7f)
            out += "\\x" + QByteArray::number(int(c), 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out;
}

[[noreturn]] inline void failed(const char *file, int line, const char *condition,
                                const QString &detail)
{
    std::fprintf(stderr, "\n%s:%d: invariant broken: %s\n%s\n", file, line, condition,
                 printable(detail).constData());
    std::abort();
}

inline QString input(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Swaps ASCII letters in pairs (a-b, c-d, e-f, g-h, ..., y-z, and the same in
// upper case) and leaves everything else alone. Hex digits stay hex digits and
// nothing a URL or config parser reads as structure changes, so a text whose
// password part went through it parses the same way: any message that then
// differs depends on the password.
inline QChar swapLetter(QChar c)
{
    const char16_t u = c.unicode();
    if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')) {
        const char16_t base = u >= u'a' ? u'a' : u'A';
        return QChar(char16_t(base + ((u - base) ^ 1)));
    }
    return c;
}

inline QString swapLetters(const QString &text)
{
    QString out = text;
    for (QChar &c : out)
        c = swapLetter(c);
    return out;
}

} // namespace fuzz

// Checks an invariant; detail is only built when it fails.
#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::fuzz::failed(__FILE__, __LINE__, #condition, (detail));                              \
    } while (false)

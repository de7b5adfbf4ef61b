#include "core/sql/statementnormalizer.h"

#include <QRegularExpression>

namespace {

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// Index just past a quoted run that starts at from (the opening quote).
qsizetype skipQuoted(const QString &sql, qsizetype from, QChar quote, bool backslashEscapes)
{
    qsizetype i = from + 1;
    while (i < sql.size()) {
        const QChar c = sql.at(i);
        if (backslashEscapes && c == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (c == quote) {
            if (i + 1 < sql.size() && sql.at(i + 1) == quote) { // doubled quote
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return sql.size();
}

// PostgreSQL $tag$ ... $tag$; returns from when it is not a dollar quote.
qsizetype skipDollarQuoted(const QString &sql, qsizetype from)
{
    qsizetype end = from + 1;
    while (end < sql.size() && (sql.at(end).isLetterOrNumber() || sql.at(end) == QLatin1Char('_')))
        ++end;
    if (end >= sql.size() || sql.at(end) != QLatin1Char('$'))
        return from;
    const QString tag = sql.mid(from, end - from + 1);
    if (tag.size() > 2 && tag.at(1).isDigit())
        return from; // $1 is a placeholder
    const qsizetype close = sql.indexOf(tag, end + 1);
    return close < 0 ? sql.size() : close + tag.size();
}

qsizetype skipNumber(const QString &sql, qsizetype i)
{
    if (sql.at(i) == QLatin1Char('0') && i + 1 < sql.size() &&
        (sql.at(i + 1) == QLatin1Char('x') || sql.at(i + 1) == QLatin1Char('X'))) {
        i += 2;
        while (i < sql.size() && isIdentifierChar(sql.at(i)))
            ++i;
        return i;
    }
    while (i < sql.size() && (sql.at(i).isDigit() || sql.at(i) == QLatin1Char('.')))
        ++i;
    if (i < sql.size() && (sql.at(i) == QLatin1Char('e') || sql.at(i) == QLatin1Char('E'))) {
        qsizetype j = i + 1;
        if (j < sql.size() && (sql.at(j) == QLatin1Char('+') || sql.at(j) == QLatin1Char('-')))
            ++j;
        if (j < sql.size() && sql.at(j).isDigit()) {
            i = j;
            while (i < sql.size() && sql.at(i).isDigit())
                ++i;
        }
    }
    return i;
}

} // namespace

QString StatementNormalizer::normalize(const QString &sql, Dialect dialect)
{
    QString out;
    out.reserve(sql.size());
    bool pendingSpace = false;
    auto append = [&](const QString &text) {
        if (pendingSpace && !out.isEmpty())
            out += QLatin1Char(' ');
        pendingSpace = false;
        out += text;
    };
    const bool mysql = dialect == Dialect::MySQL;
    qsizetype i = 0;
    while (i < sql.size()) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < sql.size() ? sql.at(i + 1) : QChar();
        const bool afterIdentifier = i > 0 && isIdentifierChar(sql.at(i - 1));
        if (c.isSpace()) {
            pendingSpace = true;
            ++i;
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? sql.size() : end;
            pendingSpace = true;
        } else if (c == QLatin1Char('#') && mysql) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? sql.size() : end;
            pendingSpace = true;
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? sql.size() : end + 2;
            pendingSpace = true;
        } else if (c == QLatin1Char('\'')) {
            i = skipQuoted(sql, i, c, mysql);
            append(QStringLiteral("?"));
        } else if ((c == QLatin1Char('E') || c == QLatin1Char('e') || c == QLatin1Char('X') ||
                    c == QLatin1Char('x') || c == QLatin1Char('B') || c == QLatin1Char('b') ||
                    c == QLatin1Char('N') || c == QLatin1Char('n')) &&
                   next == QLatin1Char('\'') && !afterIdentifier) {
            const bool escapes = mysql || c == QLatin1Char('E') || c == QLatin1Char('e');
            i = skipQuoted(sql, i + 1, next, escapes);
            append(QStringLiteral("?"));
        } else if (c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const qsizetype end = skipQuoted(sql, i, c, false);
            append(sql.mid(i, end - i));
            i = end;
        } else if (c == QLatin1Char('$') && !afterIdentifier && next.isDigit()) {
            i += 1;
            while (i < sql.size() && sql.at(i).isDigit())
                ++i;
            append(QStringLiteral("?"));
        } else if (c == QLatin1Char('$') && !afterIdentifier && !mysql &&
                   skipDollarQuoted(sql, i) != i) {
            i = skipDollarQuoted(sql, i);
            append(QStringLiteral("?"));
        } else if ((c.isDigit() || (c == QLatin1Char('.') && next.isDigit())) && !afterIdentifier) {
            i = skipNumber(sql, i);
            append(QStringLiteral("?"));
        } else {
            qsizetype end = i + 1;
            if (isIdentifierChar(c)) {
                while (end < sql.size() && isIdentifierChar(sql.at(end)))
                    ++end;
            }
            append(sql.mid(i, end - i));
            i = end;
        }
    }
    while (out.endsWith(QLatin1Char(';')) || out.endsWith(QLatin1Char(' ')))
        out.chop(1);

    // IN (1, 2, 3) and multi-row VALUES vary in length between calls.
    static const QRegularExpression list(QStringLiteral("\\?(?:\\s*,\\s*\\?)+"));
    static const QRegularExpression rows(QStringLiteral("\\(\\?\\)(?:\\s*,\\s*\\(\\?\\))+"));
    out.replace(list, QStringLiteral("?"));
    out.replace(rows, QStringLiteral("(?)"));
    return out;
}

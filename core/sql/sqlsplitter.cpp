#include "core/sql/sqlsplitter.h"

#include <QRegularExpression>

namespace {

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// The word that starts at i (letters only), upper-cased.
QString wordAt(const QString &sql, int i)
{
    int j = i;
    while (j < sql.size() && (sql.at(j).isLetter() || sql.at(j) == QLatin1Char('_')))
        ++j;
    return sql.mid(i, j - i).toUpper();
}

// Where the comment that starts at i ends, or -1 when none starts there.
int pastComment(const QString &sql, int i, Dialect dialect)
{
    const int n = int(sql.size());
    const QChar c = sql.at(i);
    const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
    if ((c == QLatin1Char('-') && next == QLatin1Char('-')) ||
        (c == QLatin1Char('#') && dialect == Dialect::MySQL)) {
        while (i < n && sql.at(i) != QLatin1Char('\n'))
            ++i;
        return i;
    }
    if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
        const int close = int(sql.indexOf(QLatin1String("*/"), i + 2));
        return close < 0 ? n : close + 2;
    }
    return -1;
}

// Reads the DELIMITER command that starts at i into *delimiter; returns where
// the next line starts.
int pastDelimiterCommand(const QString &sql, int i, QString *delimiter)
{
    const int n = int(sql.size());
    const int lineEnd = int(sql.indexOf(QLatin1Char('\n'), i));
    const QString rest = sql.mid(i + 9, (lineEnd < 0 ? n : lineEnd) - i - 9).trimmed();
    if (!rest.isEmpty())
        *delimiter = rest;
    return lineEnd < 0 ? n : lineEnd + 1;
}

// Past the closing quote of the string or quoted name that starts at i.
int pastQuoted(const QString &sql, int i, Dialect dialect)
{
    const int n = int(sql.size());
    const QChar c = sql.at(i);
    // Backslash escapes: MySQL strings, PostgreSQL E'' strings.
    const bool backslash =
        c != QLatin1Char('`') &&
        (dialect == Dialect::MySQL ||
         (c == QLatin1Char('\'') && i > 0 &&
          (sql.at(i - 1) == QLatin1Char('E') || sql.at(i - 1) == QLatin1Char('e')) &&
          (i < 2 || !isIdentifierChar(sql.at(i - 2)))));
    int j = i + 1;
    while (j < n) {
        const QChar d = sql.at(j);
        if (backslash && d == QLatin1Char('\\')) {
            j += 2;
            continue;
        }
        if (d == c) {
            if (j + 1 < n && sql.at(j + 1) == c) { // doubled quote
                j += 2;
                continue;
            }
            break;
        }
        ++j;
    }
    return qMin(j + 1, n);
}

// Past the closing tag of the PostgreSQL dollar quote that starts at i, or -1
// when the '$' there starts none.
int pastDollarQuoted(const QString &sql, int i)
{
    const int n = int(sql.size());
    if (i > 0 && isIdentifierChar(sql.at(i - 1)))
        return -1;
    int j = i + 1;
    while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_')))
        ++j;
    if (j >= n || sql.at(j) != QLatin1Char('$') || (j > i + 1 && sql.at(i + 1).isDigit()))
        return -1;
    const QString tag = sql.mid(i, j - i + 1);
    const int close = int(sql.indexOf(tag, j + 1));
    return close < 0 ? n : close + int(tag.size());
}

// A SQLite CREATE TRIGGER holds ';'s in its BEGIN … END body that do not end
// it: the statement's first keywords tell such a trigger, and its words from
// then on how deep in the body the splitter is.
class TriggerBody
{
public:
    void see(const QString &word, Dialect dialect)
    {
        if (m_firstWords.count(QLatin1Char(' ')) < 4)
            m_firstWords += word + QLatin1Char(' ');
        if (dialect == Dialect::SQLite && !m_inTrigger &&
            m_firstWords.startsWith(QLatin1String("CREATE ")) &&
            m_firstWords.contains(QLatin1String("TRIGGER ")))
            m_inTrigger = true;
        if (m_inTrigger) {
            if (word == QLatin1String("BEGIN") || word == QLatin1String("CASE"))
                ++m_blockDepth;
            else if (word == QLatin1String("END") && m_blockDepth > 0)
                --m_blockDepth;
        }
    }
    bool isInside() const { return m_inTrigger && m_blockDepth > 0; }

private:
    QString m_firstWords;
    bool m_inTrigger = false;
    int m_blockDepth = 0; // BEGIN … END and CASE … END
};

} // namespace

SqlSplitter::SqlSplitter(Dialect dialect)
    : m_dialect(dialect)
{
}

QList<SqlSplitter::Statement> SqlSplitter::split(const QString &sql) const
{
    QList<Statement> statements;
    const int n = int(sql.size());
    QString delimiter = QStringLiteral(";");
    int start = -1; // first significant character of the current statement
    TriggerBody trigger;

    auto finish = [&](int end, int next) {
        if (start >= 0) {
            QString text = sql.mid(start, end - start);
            while (!text.isEmpty() && text.back().isSpace())
                text.chop(1);
            if (!text.isEmpty())
                statements.append(Statement{start, start + int(text.size()), text});
        }
        start = -1;
        trigger = TriggerBody();
        return next;
    };

    int i = 0;
    while (i < n) {
        const QChar c = sql.at(i);

        // Comments never start a statement.
        if (const int end = pastComment(sql, i, m_dialect); end >= 0) {
            i = end;
            continue;
        }

        // MySQL's client command: DELIMITER xx at the start of a statement.
        if (m_dialect == Dialect::MySQL && start < 0 &&
            (c == QLatin1Char('D') || c == QLatin1Char('d')) &&
            wordAt(sql, i) == QLatin1String("DELIMITER")) {
            i = pastDelimiterCommand(sql, i, &delimiter);
            continue;
        }

        if (start < 0) {
            if (c.isSpace()) {
                ++i;
                continue;
            }
            start = i;
        }

        if (sql.mid(i, delimiter.size()) == delimiter && !trigger.isInside()) {
            i = finish(i, i + int(delimiter.size()));
            continue;
        }

        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            i = pastQuoted(sql, i, m_dialect);
            continue;
        }

        if (c == QLatin1Char('$') && m_dialect == Dialect::PostgreSQL) {
            if (const int end = pastDollarQuoted(sql, i); end >= 0) {
                i = end;
                continue;
            }
        }

        if (c.isLetter() && (i == 0 || !isIdentifierChar(sql.at(i - 1)))) {
            const QString word = wordAt(sql, i);
            trigger.see(word, m_dialect);
            i += qMax(1, int(word.size()));
            continue;
        }
        ++i;
    }
    finish(n, n);
    return statements;
}

SqlSplitter::Statement SqlSplitter::statementAt(const QString &sql, int position) const
{
    const QList<Statement> statements = split(sql);
    Statement best;
    for (const Statement &statement : statements) {
        if (position >= statement.start && position <= statement.end)
            return statement;
        // Cursor after the ';' of a statement on the same line.
        if (statement.end <= position &&
            !sql.mid(statement.end, position - statement.end).contains(QLatin1Char('\n')))
            best = statement;
    }
    if (!best.text.isEmpty())
        return best;
    // Cursor in the comment right above a statement (no blank line between):
    // the comment belongs to that statement, as a reader of the text sees it.
    const int lineStart =
        position <= 0 ? 0 : int(sql.lastIndexOf(QLatin1Char('\n'), position - 1)) + 1;
    const int newline = int(sql.indexOf(QLatin1Char('\n'), position));
    const int lineEnd = newline < 0 ? int(sql.size()) : newline;
    if (sql.mid(lineStart, lineEnd - lineStart).trimmed().isEmpty())
        return best;
    for (const Statement &statement : statements) {
        if (statement.start <= position)
            continue;
        static const QRegularExpression blankLine(QStringLiteral("\n[ \t\r]*\n"));
        if (!sql.mid(position, statement.start - position).contains(blankLine))
            return statement;
        break;
    }
    return best;
}

// SqlSplitter on any text, in each dialect.
//
// Invariants:
// - statements are substrings of the input, in order, without overlap:
//   text == sql.mid(start, end - start), start < end, each start at or after
//   the previous end;
// - a statement is not blank at either end;
// - what lies between the statements (blanks, comments, terminators) holds
//   no statement: the input with the statements blanked out splits to nothing;
// - splitting one statement's text again gives that statement alone (outside
//   MySQL DELIMITER scripts, where a statement depends on the delimiter in force);
// - statementAt() gives one of the statements, or an empty one.
#include "core/sql/sqlsplitter.h"

#include "fuzz/fuzzcheck.h"
#include <algorithm>

namespace {

QString describe(Dialect dialect, const QString &sql)
{
    return dialects::name(dialect) + QLatin1String(": ") + sql;
}

void check(Dialect dialect, const QString &sql)
{
    const SqlSplitter splitter(dialect);
    const QList<SqlSplitter::Statement> statements = splitter.split(sql);

    QString gaps = sql;
    int previousEnd = 0;
    for (const SqlSplitter::Statement &statement : statements) {
        FUZZ_CHECK(statement.start >= previousEnd && statement.start < statement.end &&
                       statement.end <= sql.size(),
                   describe(dialect, sql));
        FUZZ_CHECK(statement.text == sql.mid(statement.start, statement.end - statement.start),
                   describe(dialect, statement.text));
        FUZZ_CHECK(!statement.text.front().isSpace() && !statement.text.back().isSpace(),
                   describe(dialect, statement.text));
        gaps.replace(statement.start, statement.end - statement.start,
                     QString(statement.end - statement.start, QLatin1Char(' ')));
        previousEnd = statement.end;
    }

    const QList<SqlSplitter::Statement> between = splitter.split(gaps);
    FUZZ_CHECK(between.isEmpty(),
               describe(dialect,
                        QStringLiteral("outside the statements: '%1'").arg(between.value(0).text)));

    const bool delimiterScript =
        dialect == Dialect::MySQL && sql.contains(QLatin1String("delimiter"), Qt::CaseInsensitive);
    if (!delimiterScript) {
        for (const SqlSplitter::Statement &statement : statements) {
            const QList<SqlSplitter::Statement> again = splitter.split(statement.text);
            FUZZ_CHECK(again.size() == 1 && again.first().text == statement.text,
                       describe(dialect, QStringLiteral("'%1' splits again into %2 statements")
                                             .arg(statement.text)
                                             .arg(again.size())));
        }
    }

    // A few cursor positions (each one splits the whole text again): both ends,
    // the middle and the edges of the first and last statements.
    QList<int> positions = {0, int(sql.size()) / 2, int(sql.size())};
    if (!statements.isEmpty()) {
        positions << statements.first().start << statements.first().end << statements.last().start
                  << statements.last().end - 1;
    }
    for (const int position : std::as_const(positions)) {
        const SqlSplitter::Statement at = splitter.statementAt(sql, position);
        if (at.text.isEmpty())
            continue;
        const bool known = std::any_of(
            statements.cbegin(), statements.cend(), [&](const SqlSplitter::Statement &s) {
                return s.start == at.start && s.end == at.end && s.text == at.text;
            });
        FUZZ_CHECK(
            known,
            describe(dialect,
                     QStringLiteral("statementAt(%1) gave '%2'").arg(position).arg(at.text)));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString sql = fuzz::input(data, size);
    for (const Dialect dialect : {Dialect::SQLite, Dialect::PostgreSQL, Dialect::MySQL})
        check(dialect, sql);
    return 0;
}

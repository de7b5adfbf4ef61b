#include "core/sql/statementkind.h"

#include "core/sql/statementnormalizer.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace {

// The statement's bare words in order, upper case: the normalizer has already
// turned literals into ? and dropped comments; quoted identifiers go here.
QStringList words(const QString &sql, Dialect dialect)
{
    static const QRegularExpression quotedIdentifier(QStringLiteral("\"[^\"]*\"|`[^`]*`"));
    static const QRegularExpression word(QStringLiteral("[A-Za-z_][A-Za-z0-9_$]*"));
    QString text = StatementNormalizer::normalize(sql, dialect);
    text.replace(quotedIdentifier, QStringLiteral(" "));
    QStringList out;
    auto it = word.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        // A word glued to a name before it (x.update) is a name, not a keyword.
        const qsizetype start = match.capturedStart();
        if (start > 0 && text.at(start - 1) == QLatin1Char('.'))
            continue;
        out << match.captured().toUpper();
    }
    return out;
}

} // namespace

QString StatementKind::firstKeyword(const QString &sql, Dialect dialect)
{
    const QStringList all = words(sql, dialect);
    return all.isEmpty() ? QString() : all.first();
}

bool StatementKind::mayWrite(const QString &sql, Dialect dialect)
{
    static const QSet<QString> reads = {
        QStringLiteral("SELECT"), QStringLiteral("VALUES"),  QStringLiteral("TABLE"),
        QStringLiteral("WITH"),   QStringLiteral("SHOW"),    QStringLiteral("DESCRIBE"),
        QStringLiteral("DESC"),   QStringLiteral("EXPLAIN"),
    };
    static const QSet<QString> writes = {QStringLiteral("INSERT"), QStringLiteral("DELETE"),
                                         QStringLiteral("MERGE"), QStringLiteral("INTO")};
    const QStringList all = words(sql, dialect);
    if (all.isEmpty())
        return false;
    if (!reads.contains(all.first()))
        return true;
    for (qsizetype i = 1; i < all.size(); ++i) {
        const QString &word = all.at(i);
        if (writes.contains(word))
            return true;
        // SELECT … FOR UPDATE and FOR NO KEY UPDATE lock rows, they do not change them.
        if (word == QLatin1String("UPDATE") && all.at(i - 1) != QLatin1String("FOR") &&
            all.at(i - 1) != QLatin1String("KEY"))
            return true;
        // EXPLAIN ANALYZE runs the statement it explains.
        if (all.first() == QLatin1String("EXPLAIN") && i == 1 &&
            (word == QLatin1String("ANALYZE") || word == QLatin1String("ANALYSE")))
            return mayWrite(QStringList(all.mid(2)).join(QLatin1Char(' ')), dialect);
    }
    return false;
}

#include "core/browse/columnfilter.h"

namespace {

ColumnFilter make(ColumnFilter::Op op, const QString &value = QString(),
                  const QString &upTo = QString())
{
    ColumnFilter filter;
    filter.op = op;
    filter.value = value;
    filter.upTo = upTo;
    return filter;
}

ColumnFilter comparison(const QString &text)
{
    static const struct
    {
        const char *prefix;
        ColumnFilter::Op op;
    } operators[] = {
        {"<=", ColumnFilter::Op::LessOrEqual}, {">=", ColumnFilter::Op::GreaterOrEqual},
        {"!=", ColumnFilter::Op::NotEquals},   {"<>", ColumnFilter::Op::NotEquals},
        {"=", ColumnFilter::Op::Equals},       {"<", ColumnFilter::Op::Less},
        {">", ColumnFilter::Op::Greater}};
    for (const auto &entry : operators) {
        const QLatin1String prefix(entry.prefix);
        if (!text.startsWith(prefix))
            continue;
        const QString value = text.mid(prefix.size()).trimmed();
        if (value.isEmpty()) {
            ColumnFilter filter;
            filter.error = ColumnFilter::tr("A value must follow %1").arg(prefix);
            return filter;
        }
        return make(entry.op, value);
    }
    return ColumnFilter();
}

} // namespace

ColumnFilter ColumnFilter::parse(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return ColumnFilter();
    if (text.startsWith(QLatin1Char('~'))) {
        const QString rest = text.mid(1);
        return rest.isEmpty() ? ColumnFilter() : make(Op::Contains, rest);
    }
    const QString upper = text.toUpper().simplified();
    if (upper == QLatin1String("NULL") || upper == QLatin1String("IS NULL"))
        return make(Op::IsNull);
    if (upper == QLatin1String("NOT NULL") || upper == QLatin1String("!NULL") ||
        upper == QLatin1String("IS NOT NULL"))
        return make(Op::IsNotNull);
    const ColumnFilter compared = comparison(text);
    if (compared.isActive() || !compared.error.isEmpty())
        return compared;
    const qsizetype dots = text.indexOf(QLatin1String(".."));
    if (dots >= 0) {
        const QString from = text.left(dots).trimmed();
        const QString to = text.mid(dots + 2).trimmed();
        if (from.isEmpty() || to.isEmpty() || to.contains(QLatin1String(".."))) {
            ColumnFilter filter;
            filter.error = tr("A range is written from..to, like 1..10");
            return filter;
        }
        return make(Op::Between, from, to);
    }
    return make(Op::Contains, text);
}

QString ColumnFilter::help()
{
    return tr("abc: contains · =abc · !=abc · <5 · <=5 · >5 · >=5 · 1..10: between · NULL · "
              "NOT NULL · ~text: contains, as typed");
}

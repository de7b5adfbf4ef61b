#include "core/browse/tablequery.h"

#include "core/browse/editvalue.h"

namespace {

// LIKE's own characters escaped with '!', which no dialect treats specially
// inside a string (backslash is MySQL's default escape).
QString likePattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += QLatin1Char('%');
    for (const QChar c : text) {
        if (c == QLatin1Char('!') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('!');
        escaped += c;
    }
    escaped += QLatin1Char('%');
    return escaped;
}

} // namespace

TableQuery::TableQuery(const TableShape &shape)
    : m_shape(shape)
{
}

void TableQuery::setOrder(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_order = order;
}

QString TableQuery::placeholder(SqlParams &params, const QVariant &value) const
{
    params.append(value);
    return dialects::placeholder(m_shape.dialect(), int(params.size()));
}

QString TableQuery::condition(int column, const ColumnFilter &filter, SqlParams &params,
                              QString *error) const
{
    const BrowseColumn &info = m_shape.columns().at(column);
    const QString name = m_shape.quoted(column);
    if (filter.comparesValues()) {
        for (const QString &value : {filter.value, filter.upTo}) {
            const QString wrong = value.isNull() ? QString() : EditValue::problem(info, value);
            if (!wrong.isEmpty()) {
                *error = tr("Filter: %1").arg(wrong);
                return QString();
            }
        }
    }
    const Dialect dialect = m_shape.dialect();
    const auto param = [&](const QString &value) {
        return placeholder(params, EditValue::param(dialect, info, value));
    };
    switch (filter.op) {
    case ColumnFilter::Op::Contains: {
        const QString like = placeholder(params, likePattern(filter.value));
        switch (dialect) {
        case Dialect::PostgreSQL:
            return QStringLiteral("CAST(%1 AS text) ILIKE %2 ESCAPE '!'").arg(name, like);
        case Dialect::MySQL:
            return QStringLiteral("CAST(%1 AS CHAR) LIKE %2 ESCAPE '!'").arg(name, like);
        case Dialect::SQLite:
            break;
        }
        return QStringLiteral("%1 LIKE %2 ESCAPE '!'").arg(name, like);
    }
    case ColumnFilter::Op::Equals:
        return QStringLiteral("%1 = %2").arg(name, param(filter.value));
    case ColumnFilter::Op::NotEquals:
        return QStringLiteral("%1 <> %2").arg(name, param(filter.value));
    case ColumnFilter::Op::Less:
        return QStringLiteral("%1 < %2").arg(name, param(filter.value));
    case ColumnFilter::Op::LessOrEqual:
        return QStringLiteral("%1 <= %2").arg(name, param(filter.value));
    case ColumnFilter::Op::Greater:
        return QStringLiteral("%1 > %2").arg(name, param(filter.value));
    case ColumnFilter::Op::GreaterOrEqual:
        return QStringLiteral("%1 >= %2").arg(name, param(filter.value));
    case ColumnFilter::Op::Between: {
        const QString from = param(filter.value);
        return QStringLiteral("%1 BETWEEN %2 AND %3").arg(name, from, param(filter.upTo));
    }
    case ColumnFilter::Op::IsNull:
        return QStringLiteral("%1 IS NULL").arg(name);
    case ColumnFilter::Op::IsNotNull:
        return QStringLiteral("%1 IS NOT NULL").arg(name);
    case ColumnFilter::Op::None:
        break;
    }
    return QString();
}

QString TableQuery::orderBy() const
{
    QStringList terms;
    const QString direction =
        m_order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    if (m_sortColumn >= 0 && m_sortColumn < m_shape.columns().size())
        terms << m_shape.quoted(m_sortColumn) + QLatin1Char(' ') + direction;
    // The key last, so that equal values keep one order from read to read.
    for (const int column : m_shape.keyColumns()) {
        if (column != m_sortColumn)
            terms << m_shape.quoted(column);
    }
    if (!m_shape.rowidName().isEmpty())
        terms << m_shape.rowidName();
    return terms.isEmpty() ? QString()
                           : QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", "));
}

BoundStatement TableQuery::statement(QString *error) const
{
    BoundStatement statement;
    QStringList columns;
    if (!m_shape.rowidName().isEmpty())
        columns << m_shape.rowidName();
    for (int i = 0; i < m_shape.columns().size(); ++i)
        columns << m_shape.quoted(i);
    QStringList conditions;
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it) {
        if (!it.value().isActive() || it.key() < 0 || it.key() >= m_shape.columns().size())
            continue;
        const QString condition = this->condition(it.key(), it.value(), statement.params, error);
        if (condition.isEmpty())
            return BoundStatement();
        conditions << condition;
    }
    statement.sql = QStringLiteral("SELECT %1 FROM %2")
                        .arg(columns.join(QStringLiteral(", ")), m_shape.qualifiedName());
    if (!conditions.isEmpty())
        statement.sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    statement.sql += orderBy();
    return statement;
}

#include "core/browse/changestatements.h"

#include "core/browse/editvalue.h"

namespace {

class Builder
{
public:
    explicit Builder(const TableShape &shape)
        : m_shape(shape)
    {
    }

    BoundStatement update(const RowChange &change)
    {
        QStringList sets;
        for (int i = 0; i < change.columns.size(); ++i)
            sets << QStringLiteral("%1 = %2").arg(m_shape.quoted(change.columns.at(i)),
                                                  value(change.columns.at(i), change.values.at(i)));
        QStringList where = keyConditions(change);
        for (int i = 0; i < change.checkedColumns.size(); ++i) {
            const int column = change.checkedColumns.at(i);
            where << dialects::nullSafeEquals(m_shape.dialect(), m_shape.quoted(column),
                                              value(column, change.checkedValues.at(i)));
        }
        return finish(QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                          .arg(m_shape.qualifiedName(), sets.join(QStringLiteral(", ")),
                               where.join(QStringLiteral(" AND "))));
    }

    BoundStatement insert(const RowChange &change)
    {
        if (change.columns.isEmpty()) {
            const QString values = m_shape.dialect() == Dialect::MySQL
                                       ? QStringLiteral("() VALUES ()")
                                       : QStringLiteral("DEFAULT VALUES");
            return finish(QStringLiteral("INSERT INTO %1 %2").arg(m_shape.qualifiedName(), values));
        }
        QStringList names;
        QStringList values;
        for (int i = 0; i < change.columns.size(); ++i) {
            names << m_shape.quoted(change.columns.at(i));
            values << value(change.columns.at(i), change.values.at(i));
        }
        return finish(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                          .arg(m_shape.qualifiedName(), names.join(QStringLiteral(", ")),
                               values.join(QStringLiteral(", "))));
    }

    BoundStatement remove(const RowChange &change)
    {
        return finish(
            QStringLiteral("DELETE FROM %1 WHERE %2")
                .arg(m_shape.qualifiedName(), keyConditions(change).join(QStringLiteral(" AND "))));
    }

private:
    QStringList keyConditions(const RowChange &change)
    {
        QStringList where;
        if (!m_shape.rowidName().isEmpty()) {
            bool isNumber = false;
            const qlonglong rowid = change.key.value(0).toLongLong(&isNumber);
            m_params.append(isNumber ? QVariant(rowid) : change.key.value(0));
            where << QStringLiteral("%1 = %2").arg(
                m_shape.rowidName(),
                dialects::placeholder(m_shape.dialect(), int(m_params.size())));
            return where;
        }
        for (int i = 0; i < m_shape.keyColumns().size(); ++i) {
            const int column = m_shape.keyColumns().at(i);
            where << QStringLiteral("%1 = %2").arg(m_shape.quoted(column),
                                                   value(column, change.key.value(i)));
        }
        return where;
    }

    QString value(int column, const QVariant &value)
    {
        m_params.append(EditValue::param(m_shape.dialect(), m_shape.columns().at(column), value));
        return dialects::placeholder(m_shape.dialect(), int(m_params.size()));
    }

    BoundStatement finish(const QString &sql)
    {
        BoundStatement statement{sql, m_params};
        m_params.clear();
        return statement;
    }

    const TableShape &m_shape;
    SqlParams m_params;
};

} // namespace

QVector<BoundStatement> ChangeStatements::build(const TableShape &shape,
                                                const QVector<RowChange> &changes,
                                                QVector<int> *rows)
{
    Builder builder(shape);
    QVector<BoundStatement> statements;
    // Deletes first: a new row may take a key a deleted one frees.
    for (const RowChange::Kind kind :
         {RowChange::Kind::Delete, RowChange::Kind::Update, RowChange::Kind::Insert}) {
        for (const RowChange &change : changes) {
            if (change.kind != kind)
                continue;
            if (rows)
                rows->append(change.row);
            if (kind == RowChange::Kind::Delete)
                statements << builder.remove(change);
            else if (kind == RowChange::Kind::Update)
                statements << builder.update(change);
            else
                statements << builder.insert(change);
        }
    }
    return statements;
}

QString ChangeStatements::shown(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return value.toString();
    case QMetaType::QByteArray:
        return QStringLiteral("X'%1'").arg(QString::fromLatin1(value.toByteArray().toHex()));
    default:
        break;
    }
    QString text = value.toString();
    text.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString ChangeStatements::render(Dialect dialect, const QVector<BoundStatement> &statements)
{
    QStringList lines;
    lines << dialects::beginStatement(dialect) + QLatin1Char(';');
    for (const BoundStatement &statement : statements) {
        lines << statement.sql + QLatin1Char(';');
        QStringList values;
        for (int i = 0; i < statement.params.size(); ++i) {
            const QString name = dialect == Dialect::MySQL ? QStringLiteral("?%1").arg(i + 1)
                                                           : dialects::placeholder(dialect, i + 1);
            values << QStringLiteral("%1 = %2").arg(name, shown(statement.params.at(i)));
        }
        if (!values.isEmpty())
            lines << QStringLiteral("  -- ") + values.join(QStringLiteral(", "));
    }
    lines << QStringLiteral("COMMIT;");
    return lines.join(QLatin1Char('\n'));
}

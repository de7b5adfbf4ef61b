#include "core/browse/tableshape.h"

#include "core/schema/schema.h"

#include <algorithm>

TableShape TableShape::of(Dialect dialect, const SchemaTable &table, bool readOnlyBind)
{
    TableShape shape;
    shape.m_dialect = dialect;
    shape.m_schema = table.schema;
    shape.m_name = table.name;
    QVector<std::pair<int, int>> key; // position in the key, column
    for (const SchemaColumn &column : table.columns) {
        BrowseColumn browse;
        browse.name = column.name;
        browse.type = column.type;
        browse.nullable = column.nullable;
        browse.hasDefault = !column.defaultValue.isNull() || column.autoIncrement;
        browse.computed = column.computed;
        if (column.isPrimaryKey())
            key.append({column.primaryKeyPosition, int(shape.m_columns.size())});
        shape.m_columns.append(browse);
    }
    std::sort(key.begin(), key.end());
    for (const auto &part : key)
        shape.m_key.append(part.second);

    if (readOnlyBind) {
        shape.m_readOnlyReason = tr("The bind is read-only.");
    } else if (table.isView()) {
        shape.m_readOnlyReason = tr("A view: its rows are edited in the tables it reads.");
    } else if (shape.m_key.isEmpty() && dialect == Dialect::SQLite) {
        // Any table without a primary key has a rowid (WITHOUT ROWID needs a key).
        for (const char *name : {"rowid", "_rowid_", "oid"}) {
            if (!table.column(QLatin1String(name))) {
                shape.m_rowid = QLatin1String(name);
                break;
            }
        }
        if (shape.m_rowid.isEmpty())
            shape.m_readOnlyReason =
                tr("No primary key, and columns hide every name of the rowid.");
    } else if (shape.m_key.isEmpty()) {
        shape.m_readOnlyReason =
            tr("No primary key: a row cannot be named in an UPDATE or DELETE, so the table is "
               "read-only here.");
    }
    return shape;
}

QString TableShape::qualifiedName() const
{
    return dialects::qualifiedName(m_dialect, m_schema, m_name);
}

QString TableShape::quoted(int column) const
{
    return dialects::quoteIdentifier(m_dialect, m_columns.at(column).name);
}

void TableShape::setKinds(const Columns &resultColumns)
{
    const int hidden = hiddenColumns();
    for (int i = 0; i < m_columns.size() && i + hidden < resultColumns.size(); ++i)
        m_columns[i].kind = resultColumns.at(i + hidden).kind;
}

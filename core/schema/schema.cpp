#include "core/schema/schema.h"

#include <algorithm>

const SchemaColumn *SchemaTable::column(const QString &columnName) const
{
    for (const SchemaColumn &candidate : columns) {
        if (candidate.name == columnName)
            return &candidate;
    }
    return nullptr;
}

const SchemaIndex *SchemaTable::index(const QString &indexName) const
{
    for (const SchemaIndex &candidate : indexes) {
        if (candidate.name == indexName)
            return &candidate;
    }
    return nullptr;
}

QStringList SchemaTable::primaryKey() const
{
    QVector<const SchemaColumn *> keyColumns;
    for (const SchemaColumn &candidate : columns) {
        if (candidate.isPrimaryKey())
            keyColumns << &candidate;
    }
    std::sort(keyColumns.begin(), keyColumns.end(), [](const auto *a, const auto *b) {
        return a->primaryKeyPosition < b->primaryKeyPosition;
    });
    QStringList names;
    for (const SchemaColumn *keyColumn : std::as_const(keyColumns))
        names << keyColumn->name;
    return names;
}

const SchemaTable *Schema::table(const QString &name, const QString &schemaName) const
{
    const QString preferred = schemaName.isEmpty() ? defaultSchema : schemaName;
    const SchemaTable *fallback = nullptr;
    for (const SchemaTable &candidate : tables) {
        if (candidate.name != name)
            continue;
        if (candidate.schema == preferred)
            return &candidate;
        if (schemaName.isEmpty() && !fallback)
            fallback = &candidate;
    }
    return fallback;
}

QVector<const SchemaTable *> Schema::tablesIn(const QString &schemaName) const
{
    QVector<const SchemaTable *> found;
    for (const SchemaTable &candidate : tables) {
        if (candidate.schema == schemaName)
            found << &candidate;
    }
    return found;
}

#include "core/schema/schema.h"

#include <QSet>

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

void Schema::shareTexts()
{
    QSet<QString> texts;
    QSet<QString> distinctNames;
    distinctNames.reserve(tables.size() * 4);
    names.clear();
    // One look-up a text: inserting a text already there keeps the one there.
    const auto share = [](QSet<QString> &known, QString &text) {
        if (text.isNull())
            return false;
        const qsizetype before = known.size();
        const auto kept = known.insert(text);
        if (known.size() == before) {
            text = *kept;
            return false;
        }
        return true;
    };
    const auto shareName = [&](QString &name) {
        if (share(distinctNames, name))
            names << name;
    };
    for (SchemaTable &table : tables) {
        share(texts, table.schema);
        shareName(table.name);
        table.columns.squeeze();
        for (SchemaColumn &column : table.columns) {
            shareName(column.name);
            share(texts, column.type);
            share(texts, column.defaultValue);
        }
    }
}

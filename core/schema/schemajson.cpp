#include "core/schema/schemajson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QByteArray SchemaJson::toJson(const Schema &schema)
{
    QJsonArray tables;
    for (const SchemaTable &table : schema.tables) {
        QJsonArray columns;
        for (const SchemaColumn &column : table.columns) {
            columns.append(QJsonObject{{QStringLiteral("name"), column.name},
                                       {QStringLiteral("type"), column.type},
                                       {QStringLiteral("nullable"), column.nullable},
                                       {QStringLiteral("default"), orNull(column.defaultValue)},
                                       {QStringLiteral("primary_key"), column.isPrimaryKey()}});
        }
        QJsonArray indexes;
        for (const SchemaIndex &index : table.indexes) {
            indexes.append(
                QJsonObject{{QStringLiteral("name"), index.name},
                            {QStringLiteral("columns"), QJsonArray::fromStringList(index.columns)},
                            {QStringLiteral("unique"), index.unique},
                            {QStringLiteral("primary"), index.primary}});
        }
        QJsonArray keys;
        for (const SchemaForeignKey &key : table.foreignKeys) {
            keys.append(
                QJsonObject{{QStringLiteral("name"), key.name},
                            {QStringLiteral("columns"), QJsonArray::fromStringList(key.columns)},
                            {QStringLiteral("references"),
                             QJsonObject{{QStringLiteral("schema"), key.referencedSchema},
                                         {QStringLiteral("table"), key.referencedTable},
                                         {QStringLiteral("columns"),
                                          QJsonArray::fromStringList(key.referencedColumns)}}},
                            {QStringLiteral("on_delete"), key.onDelete},
                            {QStringLiteral("on_update"), key.onUpdate}});
        }
        QJsonObject object{{QStringLiteral("schema"), table.schema},
                           {QStringLiteral("name"), table.name},
                           {QStringLiteral("kind"),
                            table.isView() ? QStringLiteral("view") : QStringLiteral("table")},
                           {QStringLiteral("columns"), columns},
                           {QStringLiteral("indexes"), indexes},
                           {QStringLiteral("foreign_keys"), keys}};
        if (table.isView())
            object.insert(QStringLiteral("definition"), orNull(table.definition));
        tables.append(object);
    }
    const QJsonObject root{{QStringLiteral("dialect"), dialects::name(schema.dialect)},
                           {QStringLiteral("tables"), tables}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

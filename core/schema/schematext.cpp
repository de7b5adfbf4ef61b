#include "core/schema/schematext.h"

#include <QRegularExpression>

namespace schematext {

namespace {

const QString separator = QStringLiteral(" · ");

QString qualified(Dialect dialect, const QString &schemaName, const QString &name)
{
    if (schemaName.isEmpty() || (dialect == Dialect::SQLite && schemaName == QLatin1String("main")))
        return identifier(dialect, name);
    return identifier(dialect, schemaName) + QLatin1Char('.') + identifier(dialect, name);
}

QString identifierList(Dialect dialect, const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << identifier(dialect, name);
    return quoted.join(QLatin1String(", "));
}

// The rules a reader expects unless told otherwise.
bool isDefaultRule(const QString &rule)
{
    return rule.isEmpty() || rule == QLatin1String("NO ACTION") ||
           rule == QLatin1String("RESTRICT");
}

} // namespace

QString identifier(Dialect dialect, const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    // The reserved words people do pick as names; all three dialects refuse them bare.
    static const QStringList reserved = {
        QStringLiteral("all"),        QStringLiteral("and"),     QStringLiteral("as"),
        QStringLiteral("asc"),        QStringLiteral("between"), QStringLiteral("by"),
        QStringLiteral("case"),       QStringLiteral("check"),   QStringLiteral("column"),
        QStringLiteral("constraint"), QStringLiteral("create"),  QStringLiteral("cross"),
        QStringLiteral("default"),    QStringLiteral("delete"),  QStringLiteral("desc"),
        QStringLiteral("distinct"),   QStringLiteral("drop"),    QStringLiteral("else"),
        QStringLiteral("except"),     QStringLiteral("exists"),  QStringLiteral("false"),
        QStringLiteral("for"),        QStringLiteral("foreign"), QStringLiteral("from"),
        QStringLiteral("group"),      QStringLiteral("having"),  QStringLiteral("in"),
        QStringLiteral("inner"),      QStringLiteral("insert"),  QStringLiteral("intersect"),
        QStringLiteral("into"),       QStringLiteral("is"),      QStringLiteral("join"),
        QStringLiteral("left"),       QStringLiteral("like"),    QStringLiteral("limit"),
        QStringLiteral("not"),        QStringLiteral("null"),    QStringLiteral("on"),
        QStringLiteral("or"),         QStringLiteral("order"),   QStringLiteral("primary"),
        QStringLiteral("references"), QStringLiteral("right"),   QStringLiteral("select"),
        QStringLiteral("set"),        QStringLiteral("table"),   QStringLiteral("then"),
        QStringLiteral("to"),         QStringLiteral("true"),    QStringLiteral("union"),
        QStringLiteral("unique"),     QStringLiteral("update"),  QStringLiteral("user"),
        QStringLiteral("using"),      QStringLiteral("values"),  QStringLiteral("when"),
        QStringLiteral("where"),      QStringLiteral("with"),
    };
    if (plain.match(name).hasMatch() && !reserved.contains(name))
        return name;
    return dialects::quoteIdentifier(dialect, name);
}

QString columnSummary(const SchemaColumn &column)
{
    QStringList parts;
    if (!column.type.isEmpty())
        parts << column.type;
    if (!column.nullable)
        parts << QStringLiteral("NOT NULL");
    if (column.computed)
        parts << (column.defaultValue.isNull()
                      ? QStringLiteral("GENERATED")
                      : QStringLiteral("GENERATED AS (%1)").arg(column.defaultValue));
    else if (!column.defaultValue.isNull())
        parts << QStringLiteral("DEFAULT ") + column.defaultValue;
    if (column.autoIncrement)
        parts << QStringLiteral("auto-increment");
    if (column.isPrimaryKey())
        parts << QStringLiteral("PK");
    return parts.join(separator);
}

QString indexSummary(const SchemaIndex &index)
{
    const QString columns =
        QLatin1Char('(') + index.columns.join(QLatin1String(", ")) + QLatin1Char(')');
    if (index.primary)
        return QStringLiteral("PRIMARY KEY ") + columns;
    if (index.unique)
        return QStringLiteral("UNIQUE ") + columns;
    return columns;
}

QString foreignKeySummary(const SchemaForeignKey &key, const QString &ownSchema)
{
    const QString target = key.referencedSchema == ownSchema || key.referencedSchema.isEmpty()
                               ? key.referencedTable
                               : key.referencedSchema + QLatin1Char('.') + key.referencedTable;
    QString text = QStringLiteral("(%1) → %2 (%3)")
                       .arg(key.columns.join(QLatin1String(", ")), target,
                            key.referencedColumns.join(QLatin1String(", ")));
    if (!isDefaultRule(key.onDelete))
        text += QStringLiteral(" ON DELETE ") + key.onDelete;
    if (!isDefaultRule(key.onUpdate))
        text += QStringLiteral(" ON UPDATE ") + key.onUpdate;
    return text;
}

QString columnDefinition(Dialect dialect, const SchemaColumn &column)
{
    QString text = identifier(dialect, column.name);
    if (!column.type.isEmpty())
        text += QLatin1Char(' ') + column.type;
    if (!column.nullable)
        text += QStringLiteral(" NOT NULL");
    if (column.computed && !column.defaultValue.isNull())
        text += QStringLiteral(" GENERATED ALWAYS AS (%1)").arg(column.defaultValue);
    else if (!column.defaultValue.isNull())
        text += QStringLiteral(" DEFAULT ") + column.defaultValue;
    // SQLite's INTEGER PRIMARY KEY and PostgreSQL's serial say it already.
    if (column.autoIncrement && dialect == Dialect::MySQL)
        text += QStringLiteral(" AUTO_INCREMENT");
    else if (column.autoIncrement && dialect == Dialect::PostgreSQL && column.defaultValue.isNull())
        text += QStringLiteral(" GENERATED AS IDENTITY");
    return text;
}

QString indexDefinition(Dialect dialect, const SchemaTable &table, const SchemaIndex &index)
{
    if (!index.definition.isEmpty())
        return index.definition;
    if (index.primary)
        return QStringLiteral("ALTER TABLE %1 ADD PRIMARY KEY (%2)")
            .arg(qualified(dialect, table.schema, table.name),
                 identifierList(dialect, index.columns));
    return QStringLiteral("CREATE %1INDEX %2 ON %3 (%4)")
        .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), identifier(dialect, index.name),
             qualified(dialect, table.schema, table.name), identifierList(dialect, index.columns));
}

QString foreignKeyDefinition(Dialect dialect, const SchemaTable &table, const SchemaForeignKey &key)
{
    QString text;
    if (!key.name.isEmpty())
        text = QStringLiteral("CONSTRAINT %1 ").arg(identifier(dialect, key.name));
    const QString target = key.referencedSchema == table.schema
                               ? identifier(dialect, key.referencedTable)
                               : qualified(dialect, key.referencedSchema, key.referencedTable);
    text += QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                .arg(identifierList(dialect, key.columns), target,
                     identifierList(dialect, key.referencedColumns));
    if (!key.onDelete.isEmpty())
        text += QStringLiteral(" ON DELETE ") + key.onDelete;
    if (!key.onUpdate.isEmpty())
        text += QStringLiteral(" ON UPDATE ") + key.onUpdate;
    return text;
}

QString tableDefinition(Dialect dialect, const SchemaTable &table)
{
    const QString name = qualified(dialect, table.schema, table.name);
    if (table.isView()) {
        if (table.definition.startsWith(QLatin1String("CREATE"), Qt::CaseInsensitive))
            return table.definition;
        return QStringLiteral("CREATE VIEW %1 AS\n%2").arg(name, table.definition);
    }
    QStringList lines;
    for (const SchemaColumn &column : table.columns)
        lines << QStringLiteral("    ") + columnDefinition(dialect, column);
    const QStringList primaryKey = table.primaryKey();
    if (!primaryKey.isEmpty())
        lines << QStringLiteral("    PRIMARY KEY (%1)").arg(identifierList(dialect, primaryKey));
    for (const SchemaForeignKey &key : table.foreignKeys)
        lines << QStringLiteral("    ") + foreignKeyDefinition(dialect, table, key);
    return QStringLiteral("CREATE TABLE %1 (\n%2\n)").arg(name, lines.join(QLatin1String(",\n")));
}

} // namespace schematext

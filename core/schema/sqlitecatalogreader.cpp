#include "core/schema/sqlitecatalogreader.h"

#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString literal(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString textOrNull(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

// Tables SQLite keeps for itself (sqlite_sequence, sqlite_stat1) are not the user's.
const char userObjects[] = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

} // namespace

SqliteCatalogReader::SqliteCatalogReader(QSqlDatabase &database, std::function<bool()> cancelled)
    : CatalogReader(Dialect::SQLite, database, std::move(cancelled))
{
}

bool SqliteCatalogReader::readCatalog(const QStringList &schemas)
{
    m_schema.defaultSchema = QStringLiteral("main");
    QStringList names;
    {
        QSqlQuery query(database());
        if (!exec(query, QStringLiteral("SELECT name FROM pragma_database_list ORDER BY seq")))
            return false;
        while (query.next())
            names << query.value(0).toString();
    }
    for (const QString &name : std::as_const(names)) {
        if (!schemas.isEmpty() && !schemas.contains(name))
            continue;
        const int before = int(m_schema.tables.size());
        if (!readDatabase(name))
            return false;
        // The temp database exists in every connection; it matters only when it holds something.
        if (name != QLatin1String("temp") || !schemas.isEmpty() || m_schema.tables.size() > before)
            m_schema.schemaNames << name;
    }
    resolveImplicitReferences();
    return true;
}

bool SqliteCatalogReader::readDatabase(const QString &name)
{
    {
        QSqlQuery query(database());
        const QString sql =
            QStringLiteral("SELECT m.type, m.name, m.sql FROM %1.sqlite_schema AS m "
                           "WHERE m.type IN ('table', 'view') AND %2")
                .arg(dialects::quoteIdentifier(Dialect::SQLite, name), QLatin1String(userObjects));
        if (!exec(query, sql))
            return false;
        while (query.next()) {
            const bool view = query.value(0).toString() == QLatin1String("view");
            const int row = addTable(name, query.value(1).toString(),
                                     view ? SchemaTable::Kind::View : SchemaTable::Kind::Table);
            if (view)
                m_schema.tables[row].definition = query.value(2).toString();
        }
    }
    return readColumns(name) && readIndexes(name) && readForeignKeys(name);
}

bool SqliteCatalogReader::readColumns(const QString &name)
{
    bool joined = false;
    {
        QSqlQuery query(database());
        const QString sql =
            QStringLiteral(
                "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, "
                "p.hidden FROM %1.sqlite_schema AS m "
                "JOIN pragma_table_xinfo(m.name, %2) AS p "
                "WHERE m.type IN ('table', 'view') AND %3 ORDER BY m.name, p.cid")
                .arg(dialects::quoteIdentifier(Dialect::SQLite, name), literal(name),
                     QLatin1String(userObjects));
        joined = exec(query, sql);
        QList<QPair<SchemaTable *, SchemaColumn>> found;
        while (joined && query.next()) {
            SchemaTable *table = this->table(name, query.value(0).toString());
            // 1: a virtual table's hidden column, not something to show.
            const int hidden = query.value(7).toInt();
            if (!table || hidden == 1)
                continue;
            SchemaColumn column;
            column.ordinal = query.value(1).toInt() + 1;
            column.name = query.value(2).toString();
            column.type = query.value(3).toString();
            column.nullable = query.value(4).toInt() == 0;
            column.defaultValue = textOrNull(query.value(5));
            column.primaryKeyPosition = query.value(6).toInt();
            column.computed = hidden == 2 || hidden == 3;
            found.append({table, column});
        }
        // A broken view fails the statement when the scan reaches it, not before.
        if (query.lastError().isValid())
            joined = false;
        if (joined) {
            for (const auto &[table, column] : std::as_const(found))
                table->columns << column;
        }
    }
    if (!joined) {
        if (isCancelled())
            return false;
        // One broken view (its table dropped) fails the joined query; read the
        // others one by one so the rest of the schema still shows.
        for (int row = 0; row < m_schema.tables.size(); ++row) {
            if (m_schema.tables.at(row).schema == name && !readColumnsOf(name, row) &&
                isCancelled())
                return false;
        }
    }
    for (SchemaTable &table : m_schema.tables) {
        if (table.schema != name || table.isView())
            continue;
        SchemaColumn *key = nullptr;
        int keyColumns = 0;
        for (SchemaColumn &column : table.columns) {
            if (column.isPrimaryKey()) {
                key = &column;
                ++keyColumns;
            }
        }
        // INTEGER PRIMARY KEY is the rowid: never NULL, numbered by SQLite.
        if (keyColumns == 1 &&
            key->type.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0) {
            key->nullable = false;
            key->autoIncrement = true;
        }
    }
    return true;
}

bool SqliteCatalogReader::readColumnsOf(const QString &name, int row)
{
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral("SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden "
                       "FROM pragma_table_xinfo(%1, %2) ORDER BY cid")
            .arg(literal(m_schema.tables.at(row).name), literal(name));
    if (!exec(query, sql))
        return false;
    SchemaTable &table = m_schema.tables[row];
    while (query.next()) {
        const int hidden = query.value(6).toInt();
        if (hidden == 1)
            continue;
        SchemaColumn column;
        column.ordinal = query.value(0).toInt() + 1;
        column.name = query.value(1).toString();
        column.type = query.value(2).toString();
        column.nullable = query.value(3).toInt() == 0;
        column.defaultValue = textOrNull(query.value(4));
        column.primaryKeyPosition = query.value(5).toInt();
        column.computed = hidden == 2 || hidden == 3;
        table.columns << column;
    }
    return true;
}

bool SqliteCatalogReader::readIndexes(const QString &name)
{
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral(
            "SELECT m.name, il.name, il.\"unique\", il.origin, ii.seqno, ii.cid, ii.name, "
            "s.sql FROM %1.sqlite_schema AS m "
            "JOIN pragma_index_list(m.name, %2) AS il "
            "JOIN pragma_index_xinfo(il.name, %2) AS ii "
            "LEFT JOIN %1.sqlite_schema AS s ON s.type = 'index' AND s.name = il.name "
            "WHERE m.type = 'table' AND ii.key = 1 AND %3 "
            "ORDER BY m.name, il.name, ii.seqno")
            .arg(dialects::quoteIdentifier(Dialect::SQLite, name), literal(name),
                 QLatin1String(userObjects));
    if (!exec(query, sql))
        return false;
    SchemaIndex *current = nullptr;
    QString currentTable;
    QStringList parts;
    while (query.next()) {
        SchemaTable *table = this->table(name, query.value(0).toString());
        if (!table)
            continue;
        const QString indexName = query.value(1).toString();
        if (!current || currentTable != table->name || current->name != indexName) {
            SchemaIndex index;
            index.name = indexName;
            index.unique = query.value(2).toInt() != 0;
            index.primary = query.value(3).toString() == QLatin1String("pk");
            index.definition = textOrNull(query.value(7));
            parts = indexParts(index.definition);
            table->indexes << index;
            current = &table->indexes.last();
            currentTable = table->name;
        }
        const int seqno = query.value(4).toInt();
        const int cid = query.value(5).toInt();
        if (cid == -2) // an expression: the catalog keeps only the statement's text
            current->columns << (seqno < parts.size() ? parts.at(seqno) : QStringLiteral("?"));
        else if (cid == -1)
            current->columns << QStringLiteral("rowid");
        else
            current->columns << query.value(6).toString();
    }
    return true;
}

bool SqliteCatalogReader::readForeignKeys(const QString &name)
{
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
                       "f.on_delete FROM %1.sqlite_schema AS m "
                       "JOIN pragma_foreign_key_list(m.name, %2) AS f "
                       "WHERE m.type = 'table' AND %3 ORDER BY m.name, f.id, f.seq")
            .arg(dialects::quoteIdentifier(Dialect::SQLite, name), literal(name),
                 QLatin1String(userObjects));
    if (!exec(query, sql))
        return false;
    SchemaForeignKey *current = nullptr;
    QString currentTable;
    int currentId = -1;
    while (query.next()) {
        SchemaTable *table = this->table(name, query.value(0).toString());
        if (!table)
            continue;
        const int id = query.value(1).toInt();
        if (!current || currentTable != table->name || currentId != id) {
            SchemaForeignKey key;
            key.referencedSchema = name; // SQLite's references never leave their database
            key.referencedTable = query.value(2).toString();
            key.onUpdate = query.value(5).toString();
            key.onDelete = query.value(6).toString();
            table->foreignKeys << key;
            current = &table->foreignKeys.last();
            currentTable = table->name;
            currentId = id;
        }
        current->columns << query.value(3).toString();
        // NULL "to": REFERENCES t without columns means t's primary key.
        current->referencedColumns << textOrNull(query.value(4));
    }
    return true;
}

void SqliteCatalogReader::resolveImplicitReferences()
{
    for (SchemaTable &table : m_schema.tables) {
        for (SchemaForeignKey &key : table.foreignKeys) {
            if (!key.referencedColumns.contains(QString()))
                continue;
            const SchemaTable *target = this->table(key.referencedSchema, key.referencedTable);
            const QStringList primaryKey = target ? target->primaryKey() : QStringList();
            if (primaryKey.size() == key.columns.size())
                key.referencedColumns = primaryKey;
        }
    }
}

QStringList SqliteCatalogReader::indexParts(const QString &createIndex)
{
    static const QRegularExpression order(QStringLiteral("\\s+(ASC|DESC)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    QStringList parts;
    QString current;
    int depth = 0;
    QChar closing; // set while inside a quoted name or string
    const auto finish = [&] {
        parts << current.trimmed().remove(order);
        current.clear();
    };
    for (int i = 0; i < createIndex.size(); ++i) {
        const QChar c = createIndex.at(i);
        const QChar next = i + 1 < createIndex.size() ? createIndex.at(i + 1) : QChar();
        if (!closing.isNull()) {
            if (depth > 0)
                current += c;
            if (c == closing) {
                if (next == closing && closing != QLatin1Char(']')) { // doubled: still inside
                    if (depth > 0)
                        current += next;
                    ++i;
                } else {
                    closing = QChar();
                }
            }
            continue;
        }
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            const int end = createIndex.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? int(createIndex.size()) : end;
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const int end = createIndex.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? int(createIndex.size()) : end + 1;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`'))
            closing = c;
        else if (c == QLatin1Char('['))
            closing = QLatin1Char(']');
        if (c == QLatin1Char('(')) {
            if (depth++ == 0)
                continue;
        } else if (c == QLatin1Char(')')) {
            if (--depth == 0) {
                finish();
                break;
            }
        } else if (c == QLatin1Char(',') && depth == 1) {
            finish();
            continue;
        }
        if (depth > 0)
            current += c;
    }
    return parts;
}

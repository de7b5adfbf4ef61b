#include "core/schema/postgrescatalogreader.h"

#include <QSqlQuery>
#include <QVariant>

namespace {

QString textOrNull(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

// pg_constraint's one-letter referential actions.
QString ruleName(const QString &code)
{
    if (code == QLatin1String("r"))
        return QStringLiteral("RESTRICT");
    if (code == QLatin1String("c"))
        return QStringLiteral("CASCADE");
    if (code == QLatin1String("n"))
        return QStringLiteral("SET NULL");
    if (code == QLatin1String("d"))
        return QStringLiteral("SET DEFAULT");
    return QStringLiteral("NO ACTION");
}

} // namespace

PostgresCatalogReader::PostgresCatalogReader(QSqlDatabase &database,
                                             std::function<bool()> cancelled)
    : CatalogReader(Dialect::PostgreSQL, database, std::move(cancelled))
{
}

bool PostgresCatalogReader::readCatalog(const QStringList &schemas)
{
    m_tableByOid.clear();
    m_namespaceOids.clear();
    if (!readNamespaces(schemas))
        return false;
    if (m_namespaceOids.isEmpty())
        return true;
    const bool ok = plannerForCatalogs() && readRelations() && readColumns() && readIndexes() &&
                    readForeignKeys();
    restorePlanner();
    if (!ok)
        return false;
    markPrimaryKeysFromIndexes();
    return true;
}

bool PostgresCatalogReader::plannerForCatalogs()
{
    // Over thousands of tables these queries pass jit_above_cost, and compiling
    // them takes longer than running them; parallel workers take longer to start
    // than they save on catalogs (and the server reads them on a fresh
    // connection each time). The settings are the session's (maybe a user's
    // tab), so restorePlanner() puts them back, also after a failure.
    static const QStringList names = {QStringLiteral("jit"),
                                      QStringLiteral("max_parallel_workers_per_gather")};
    static const QStringList quick = {QStringLiteral("off"), QStringLiteral("0")};
    m_plannerBefore.clear();
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT current_setting('jit', true), "
                                    "current_setting('max_parallel_workers_per_gather', true)")) ||
        !query.next())
        return false;
    for (int i = 0; i < names.size(); ++i) {
        const QString value = query.value(i).toString();
        if (value.isEmpty() || value == quick.at(i))
            continue;
        QSqlQuery set(database());
        if (!exec(set, QStringLiteral("SELECT set_config('%1', '%2', false)")
                           .arg(names.at(i), quick.at(i))))
            return false;
        m_plannerBefore.append({names.at(i), value});
    }
    return true;
}

void PostgresCatalogReader::restorePlanner()
{
    for (const auto &[name, value] : std::as_const(m_plannerBefore)) {
        QString quoted = value;
        quoted.replace(QLatin1Char('\''), QLatin1String("''"));
        QSqlQuery query(database());
        query.exec(QStringLiteral("SELECT set_config('%1', '%2', false)").arg(name, quoted));
    }
    m_plannerBefore.clear();
}

SchemaTable *PostgresCatalogReader::tableByOid(qint64 oid)
{
    const auto known = m_tableByOid.constFind(oid);
    return known == m_tableByOid.cend() ? nullptr : &m_schema.tables[*known];
}

bool PostgresCatalogReader::readNamespaces(const QStringList &schemas)
{
    // Filtered here rather than in SQL, so no name ever needs quoting.
    QSqlQuery query(database());
    if (!exec(query, QStringLiteral("SELECT n.oid::bigint, n.nspname, current_schema(), "
                                    "n.nspname ~ '^pg_(toast|temp_|catalog$)' "
                                    "OR n.nspname = 'information_schema' "
                                    "FROM pg_catalog.pg_namespace AS n")))
        return false;
    QStringList oids;
    while (query.next()) {
        m_schema.defaultSchema = query.value(2).toString();
        const QString name = query.value(1).toString();
        const bool system = query.value(3).toBool();
        if (schemas.isEmpty() ? system : !schemas.contains(name))
            continue;
        oids << QString::number(query.value(0).toLongLong());
        m_schema.schemaNames << name;
    }
    m_namespaceOids = oids.join(QLatin1String(", "));
    return true;
}

bool PostgresCatalogReader::readRelations()
{
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral(
            "SELECT c.oid::bigint, n.nspname, c.relname, c.relkind::text, "
            "CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END "
            "FROM pg_catalog.pg_class AS c "
            "JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relnamespace IN (%1)")
            .arg(m_namespaceOids);
    if (!exec(query, sql))
        return false;
    while (query.next()) {
        const QString kind = query.value(3).toString();
        const bool view = kind == QLatin1String("v") || kind == QLatin1String("m");
        const int row = addTable(query.value(1).toString(), query.value(2).toString(),
                                 view ? SchemaTable::Kind::View : SchemaTable::Kind::Table);
        m_tableByOid.insert(query.value(0).toLongLong(), row);
        if (view)
            m_schema.tables[row].definition = query.value(4).toString().trimmed();
    }
    return true;
}

bool PostgresCatalogReader::readColumns()
{
    // A default cannot refer to columns, so it is deparsed without its table:
    // with the table, the server opens every table that has a default, which
    // in a fresh connection over 10,000 tables took longer than the rest of
    // the query. A generated column's expression does refer to columns.
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral("SELECT a.attrelid::bigint, a.attname, "
                       "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                       "CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0) "
                       "ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attnum, "
                       "a.attidentity::text, a.attgenerated::text "
                       "FROM pg_catalog.pg_attribute AS a "
                       "JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid "
                       "LEFT JOIN pg_catalog.pg_attrdef AS d "
                       "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                       "WHERE a.attnum > 0 AND NOT a.attisdropped "
                       "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relnamespace IN (%1)")
            .arg(m_namespaceOids);
    if (!exec(query, sql))
        return false;
    while (query.next()) {
        SchemaTable *table = tableByOid(query.value(0).toLongLong());
        if (!table)
            continue;
        SchemaColumn column;
        column.name = query.value(1).toString();
        column.type = query.value(2).toString();
        column.nullable = !query.value(3).toBool();
        column.defaultValue = textOrNull(query.value(4));
        column.ordinal = query.value(5).toInt();
        const QString identity = query.value(6).toString();
        column.autoIncrement =
            !identity.isEmpty() || column.defaultValue.startsWith(QLatin1String("nextval("));
        column.computed = query.value(7).toString() == QLatin1String("s");
        table->columns << column;
    }
    return true;
}

bool PostgresCatalogReader::readIndexes()
{
    // One row per index: its key columns as attribute numbers ("1 3"), named
    // from the columns already read; a 0 is an expression, whose text comes
    // from readIndexExpressions(). Joining pg_attribute per key part instead
    // took most of the read on big catalogs. pg_get_indexdef() is slow over
    // thousands of indexes, so the statement is fetched only when it says
    // more than name, columns and uniqueness: a predicate, expressions,
    // INCLUDE, an access method other than btree (403) or DESC / NULLS FIRST.
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral("SELECT i.indrelid::bigint, i.indexrelid::bigint, ic.relname, "
                       "i.indisunique, i.indisprimary, i.indnkeyatts, i.indkey::text, "
                       "CASE WHEN i.indpred IS NOT NULL OR i.indexprs IS NOT NULL "
                       "OR i.indnatts > i.indnkeyatts OR ic.relam <> 403 "
                       "OR NOT i.indoption::int2[] <@ '{0}'::int2[] "
                       "THEN pg_catalog.pg_get_indexdef(i.indexrelid) END "
                       "FROM pg_catalog.pg_index AS i "
                       "JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid "
                       "WHERE ic.relnamespace IN (%1)")
            .arg(m_namespaceOids);
    if (!exec(query, sql))
        return false;
    QHash<qint64, std::pair<int, int>> expressionIndexes; // index oid -> table, index
    while (query.next()) {
        SchemaTable *table = tableByOid(query.value(0).toLongLong());
        if (!table)
            continue;
        SchemaIndex index;
        index.name = query.value(2).toString();
        index.unique = query.value(3).toBool();
        index.primary = query.value(4).toBool();
        index.definition = query.value(7).toString();
        const int keyParts = query.value(5).toInt();
        const QStringList numbers = query.value(6).toString().split(QLatin1Char(' '));
        bool expression = false;
        for (int part = 0; part < keyParts && part < numbers.size(); ++part) {
            const int number = numbers.at(part).toInt();
            expression = expression || number == 0;
            index.columns << (number == 0 ? QString() : columnName(*table, number));
        }
        table->indexes << index;
        if (expression) {
            expressionIndexes.insert(
                query.value(1).toLongLong(),
                {int(table - m_schema.tables.data()), int(table->indexes.size()) - 1});
        }
    }
    return expressionIndexes.isEmpty() || readIndexExpressions(expressionIndexes);
}

bool PostgresCatalogReader::readIndexExpressions(const QHash<qint64, std::pair<int, int>> &indexes)
{
    QStringList oids;
    for (auto it = indexes.cbegin(); it != indexes.cend(); ++it)
        oids << QString::number(it.key());
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral("SELECT i.indexrelid::bigint, k.n, "
                       "pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) "
                       "FROM pg_catalog.pg_index AS i "
                       "CROSS JOIN LATERAL pg_catalog.generate_series(1, i.indnkeyatts) AS k(n) "
                       "WHERE i.indexrelid IN (%1) AND i.indkey[k.n - 1] = 0")
            .arg(oids.join(QLatin1String(", ")));
    if (!exec(query, sql))
        return false;
    while (query.next()) {
        const auto known = indexes.constFind(query.value(0).toLongLong());
        const int part = query.value(1).toInt() - 1;
        if (known == indexes.cend())
            continue;
        SchemaIndex &index = m_schema.tables[known->first].indexes[known->second];
        if (part >= 0 && part < index.columns.size())
            index.columns[part] = query.value(2).toString();
    }
    return true;
}

QString PostgresCatalogReader::columnName(const SchemaTable &table, int number)
{
    // Ordinals are still the catalog's attnum here (sortSchema renumbers them later).
    for (const SchemaColumn &column : table.columns) {
        if (column.ordinal == number)
            return column.name;
    }
    return QString();
}

bool PostgresCatalogReader::readForeignKeys()
{
    // A foreign key that references a partitioned table is cloned once per
    // partition on the same referencing table; only the original is the user's.
    // Column names come from scalar subqueries: joined, the planner misjudges
    // the unnest() and scans pg_attribute per row.
    QSqlQuery query(database());
    const QString sql =
        QStringLiteral("SELECT con.conrelid::bigint, con.conname, "
                       "(SELECT a.attname FROM pg_catalog.pg_attribute AS a "
                       "WHERE a.attrelid = con.conrelid AND a.attnum = k.attnum), "
                       "fn.nspname, fc.relname, "
                       "(SELECT a.attname FROM pg_catalog.pg_attribute AS a "
                       "WHERE a.attrelid = con.confrelid AND a.attnum = k.fattnum), "
                       "con.confdeltype::text, con.confupdtype::text "
                       "FROM pg_catalog.pg_constraint AS con "
                       "JOIN pg_catalog.pg_class AS fc ON fc.oid = con.confrelid "
                       "JOIN pg_catalog.pg_namespace AS fn ON fn.oid = fc.relnamespace "
                       "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) "
                       "WITH ORDINALITY AS k(attnum, fattnum, n) "
                       "WHERE con.contype = 'f' AND con.connamespace IN (%1) "
                       "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS p "
                       "WHERE p.oid = con.conparentid AND p.conrelid = con.conrelid) "
                       "ORDER BY con.conrelid, con.conname, k.n")
            .arg(m_namespaceOids);
    if (!exec(query, sql))
        return false;
    SchemaForeignKey *current = nullptr;
    const SchemaTable *currentTable = nullptr;
    while (query.next()) {
        SchemaTable *table = tableByOid(query.value(0).toLongLong());
        if (!table)
            continue;
        const QString name = query.value(1).toString();
        if (!current || currentTable != table || current->name != name) {
            SchemaForeignKey key;
            key.name = name;
            key.referencedSchema = query.value(3).toString();
            key.referencedTable = query.value(4).toString();
            key.onDelete = ruleName(query.value(6).toString());
            key.onUpdate = ruleName(query.value(7).toString());
            table->foreignKeys << key;
            current = &table->foreignKeys.last();
            currentTable = table;
        }
        current->columns << query.value(2).toString();
        current->referencedColumns << query.value(5).toString();
    }
    return true;
}

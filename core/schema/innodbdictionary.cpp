#include "core/schema/innodbdictionary.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace {

// InnoDB's index type flags (dict0mem.h).
constexpr int kUnique = 2;
constexpr int kCorrupt = 16;
constexpr int kFullText = 32;

struct Index
{
    qint64 table = 0;
    SchemaIndex index;
};

bool exec(QSqlQuery &query, const QString &sql)
{
    query.setForwardOnly(true);
    return query.exec(sql);
}

// An index being built (or dropped) carries a 0xFF byte before its name.
bool isInTheMaking(const QString &name)
{
    return name.startsWith(QChar(0xFF)) || name.startsWith(QChar(0xFFFD));
}

} // namespace

QString InnodbDictionary::decodedName(const QString &part)
{
    return QStringLiteral("CONVERT(CAST(CONVERT(%1 USING binary) AS CHAR CHARACTER SET "
                          "filename) USING utf8mb4)")
        .arg(part);
}

bool InnodbDictionary::read(QSqlDatabase &database, const QString &databases)
{
    m_tables.clear();
    // A '#' in a name is a partition's ("t#P#p0") or a temporary table's
    // ("#sql-…"): a '#' of the people's own is encoded (@0023). The server
    // keeps every database's tables here: only the ones asked for are read.
    const QString databaseName = decodedName(QStringLiteral("SUBSTRING_INDEX(NAME, '/', 1)"));
    QHash<qint64, QPair<QString, QString>> names; // TABLE_ID -> database, table
    QSqlQuery tables(database);
    if (!exec(tables,
              QStringLiteral("SELECT TABLE_ID, %1, %2 FROM information_schema."
                             "INNODB_SYS_TABLES WHERE NAME LIKE '%/%' AND NAME NOT "
                             "LIKE '%#%' AND %1 IN (%3)")
                  .arg(databaseName,
                       decodedName(QStringLiteral("SUBSTRING(NAME, LOCATE('/', NAME) + 1)")),
                       databases)))
        return false;
    while (tables.next())
        names.insert(tables.value(0).toLongLong(),
                     {tables.value(1).toString(), tables.value(2).toString()});
    tables.finish();

    QHash<qint64, Index> indexes; // INDEX_ID ->
    QSet<qint64> unsure;          // TABLE_IDs
    QSqlQuery query(database);
    if (!exec(query, QStringLiteral("SELECT INDEX_ID, TABLE_ID, NAME, TYPE "
                                    "FROM information_schema.INNODB_SYS_INDEXES")))
        return false;
    while (query.next()) {
        const qint64 table = query.value(1).toLongLong();
        if (!names.contains(table))
            continue; // another database's, or the system's
        const QString name = query.value(2).toString();
        const int type = query.value(3).toInt();
        // The clustered index InnoDB makes for a table without a primary key.
        if (name == QLatin1String("GEN_CLUST_INDEX"))
            continue;
        if ((type & (kCorrupt | kFullText)) || isInTheMaking(name))
            unsure.insert(table);
        Index &entry = indexes[query.value(0).toLongLong()];
        entry.table = table;
        entry.index.name = name;
        entry.index.unique = type & kUnique;
        entry.index.primary = name == QLatin1String("PRIMARY");
    }
    if (!exec(query, QStringLiteral("SELECT INDEX_ID, NAME FROM information_schema."
                                    "INNODB_SYS_FIELDS ORDER BY INDEX_ID, POS")))
        return false;
    while (query.next()) {
        const auto found = indexes.find(query.value(0).toLongLong());
        if (found == indexes.end())
            continue;
        const QString column = query.value(1).toString();
        // MariaDB's UNIQUE over a blob is an index on a hidden hash column.
        if (column.startsWith(QLatin1String("DB_ROW_HASH_")))
            unsure.insert(found->table);
        found->index.columns << column;
    }

    QHash<qint64, QVector<SchemaIndex>> byTable;
    for (const Index &entry : std::as_const(indexes))
        byTable[entry.table] << entry.index;
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        const auto found = byTable.constFind(it.key());
        // Without an index it may be a sequence, which InnoDB keeps as a table.
        if (found == byTable.cend() || unsure.contains(it.key()))
            continue;
        m_tables.insert(it.value(), *found);
    }
    return true;
}

const QVector<SchemaIndex> *InnodbDictionary::indexesOf(const QString &schemaName,
                                                        const QString &tableName) const
{
    const auto found = m_tables.constFind(QPair<QString, QString>(schemaName, tableName));
    return found == m_tables.cend() ? nullptr : &*found;
}

#include "core/schema/innodbdictionary.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/rowsink.h"
#include "core/driver/statementresult.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

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

// One row of a dictionary query, from whichever client read it.
class Row
{
public:
    virtual ~Row() = default;
    virtual qint64 number(int column) const = 0;
    virtual QString text(int column) const = 0;
};

class NativeRow final : public Row, public RowSink
{
public:
    explicit NativeRow(const std::function<void(const Row &)> &take)
        : m_take(take)
    {
    }
    qint64 number(int column) const override
    {
        return QByteArrayView(m_cells[column].data, m_cells[column].size).toLongLong();
    }
    QString text(int column) const override { return m_cells[column].text(); }
    bool begin(const Columns &) override { return true; }
    bool row(const CellView *cells) override
    {
        m_cells = cells;
        m_take(*this);
        return true;
    }

private:
    const std::function<void(const Row &)> &m_take;
    const CellView *m_cells = nullptr;
};

class QueryRow final : public Row
{
public:
    explicit QueryRow(const QSqlQuery &query)
        : m_query(query)
    {
    }
    qint64 number(int column) const override { return m_query.value(column).toLongLong(); }
    QString text(int column) const override { return m_query.value(column).toString(); }

private:
    const QSqlQuery &m_query;
};

// Runs sql, each row to take: through the native client as the rows come
// when there is one (Qt's driver keeps a whole result and makes a QVariant
// of every value, most of the time a dictionary read takes), else through
// Qt's. False when the statement fails.
bool eachRow(QSqlDatabase &database, NativeConnection *native, const QString &sql,
             const std::function<void(const Row &)> &take)
{
    if (native) {
        NativeRow rows(take);
        StatementResult result;
        native->execute(sql.toUtf8(), rows, result);
        return result.ok;
    }
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return false;
    const QueryRow row(query);
    while (query.next())
        take(row);
    return true;
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

bool InnodbDictionary::read(QSqlDatabase &database, const QString &databases,
                            NativeConnection *native)
{
    m_tables.clear();
    // A '#' in a name is a partition's ("t#P#p0") or a temporary table's
    // ("#sql-…"): a '#' of the people's own is encoded (@0023). The server
    // keeps every database's tables here: only the ones asked for are read.
    const QString databaseName = decodedName(QStringLiteral("SUBSTRING_INDEX(NAME, '/', 1)"));
    QHash<qint64, QPair<QString, QString>> names; // TABLE_ID -> database, table
    if (!eachRow(database, native,
                 QStringLiteral("SELECT TABLE_ID, %1, %2 FROM information_schema."
                                "INNODB_SYS_TABLES WHERE NAME LIKE '%/%' AND NAME NOT "
                                "LIKE '%#%' AND %1 IN (%3)")
                     .arg(databaseName,
                          decodedName(QStringLiteral("SUBSTRING(NAME, LOCATE('/', NAME) + 1)")),
                          databases),
                 [&names](const Row &row) {
                     names.insert(row.number(0), {row.text(1), row.text(2)});
                 }))
        return false;

    QHash<qint64, Index> indexes; // INDEX_ID ->
    QSet<qint64> unsure;          // TABLE_IDs
    if (!eachRow(database, native,
                 QStringLiteral("SELECT INDEX_ID, TABLE_ID, NAME, TYPE "
                                "FROM information_schema.INNODB_SYS_INDEXES"),
                 [&](const Row &row) {
                     const qint64 table = row.number(1);
                     if (!names.contains(table))
                         return; // another database's, or the system's
                     const QString name = row.text(2);
                     const int type = int(row.number(3));
                     // The clustered index InnoDB makes for a table without a primary key.
                     if (name == QLatin1String("GEN_CLUST_INDEX"))
                         return;
                     if ((type & (kCorrupt | kFullText)) || isInTheMaking(name))
                         unsure.insert(table);
                     Index &entry = indexes[row.number(0)];
                     entry.table = table;
                     entry.index.name = name;
                     entry.index.unique = type & kUnique;
                     entry.index.primary = name == QLatin1String("PRIMARY");
                 }))
        return false;
    if (!eachRow(database, native,
                 QStringLiteral("SELECT INDEX_ID, NAME FROM information_schema."
                                "INNODB_SYS_FIELDS ORDER BY INDEX_ID, POS"),
                 [&](const Row &row) {
                     const auto found = indexes.find(row.number(0));
                     if (found == indexes.end())
                         return;
                     const QString column = row.text(1);
                     // MariaDB's UNIQUE over a blob is an index on a hidden hash column.
                     if (column.startsWith(QLatin1String("DB_ROW_HASH_")))
                         unsure.insert(found->table);
                     found->index.columns << column;
                 }))
        return false;

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

#include "core/schema/catalogreader.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/statementresult.h"
#include "core/schema/mysqlcatalogreader.h"
#include "core/schema/postgrescatalogreader.h"
#include "core/schema/sqlitecatalogreader.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

// Case-insensitive first so "Orders" sits next to "orders", then exact, so the
// order never depends on the server's collation.
bool nameLess(const QString &a, const QString &b)
{
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a.compare(b) < 0;
}

void sortSchema(Schema &schema)
{
    std::sort(schema.schemaNames.begin(), schema.schemaNames.end(), nameLess);
    schema.schemaNames.erase(std::unique(schema.schemaNames.begin(), schema.schemaNames.end()),
                             schema.schemaNames.end());
    std::sort(schema.tables.begin(), schema.tables.end(),
              [](const SchemaTable &a, const SchemaTable &b) {
                  if (a.schema != b.schema)
                      return nameLess(a.schema, b.schema);
                  return nameLess(a.name, b.name);
              });
    for (SchemaTable &table : schema.tables) {
        std::stable_sort(
            table.columns.begin(), table.columns.end(),
            [](const SchemaColumn &a, const SchemaColumn &b) { return a.ordinal < b.ordinal; });
        // Catalog positions have gaps where columns were dropped; people count 1, 2, 3.
        for (int i = 0; i < table.columns.size(); ++i)
            table.columns[i].ordinal = i + 1;
        std::stable_sort(
            table.indexes.begin(), table.indexes.end(),
            [](const SchemaIndex &a, const SchemaIndex &b) { return nameLess(a.name, b.name); });
        std::stable_sort(table.foreignKeys.begin(), table.foreignKeys.end(),
                         [](const SchemaForeignKey &a, const SchemaForeignKey &b) {
                             if (a.name != b.name)
                                 return nameLess(a.name, b.name);
                             return nameLess(a.columns.join(QLatin1Char(',')),
                                             b.columns.join(QLatin1Char(',')));
                         });
    }
}

} // namespace

std::unique_ptr<CatalogReader> CatalogReader::create(Dialect dialect, QSqlDatabase &database,
                                                     std::function<bool()> cancelled)
{
    switch (dialect) {
    case Dialect::SQLite:
        return std::make_unique<SqliteCatalogReader>(database, std::move(cancelled));
    case Dialect::PostgreSQL:
        return std::make_unique<PostgresCatalogReader>(database, std::move(cancelled));
    case Dialect::MySQL:
        return std::make_unique<MysqlCatalogReader>(database, std::move(cancelled));
    }
    return nullptr;
}

CatalogReader::CatalogReader(Dialect dialect, QSqlDatabase &database,
                             std::function<bool()> cancelled)
    : m_database(database)
    , m_cancelled(std::move(cancelled))
{
    m_schema.dialect = dialect;
}

bool CatalogReader::read(const QStringList &schemas, Schema *schema)
{
    const Dialect dialect = m_schema.dialect;
    m_schema = Schema();
    m_schema.dialect = dialect;
    m_tableRows.clear();
    m_error.clear();
    if (!readCatalog(schemas))
        return false;
    if (isCancelled()) {
        m_error = QStringLiteral("Cancelled");
        return false;
    }
    sortSchema(m_schema);
    m_schema.shareTexts();
    *schema = std::move(m_schema);
    m_schema = Schema();
    m_schema.dialect = dialect;
    m_tableRows.clear();
    return true;
}

bool CatalogReader::stream(const QString &sql, RowSink &sink)
{
    Q_ASSERT(m_native); // readers stream only when they have one
    if (isCancelled()) {
        m_error = QStringLiteral("Cancelled");
        return false;
    }
    StatementResult result;
    m_native->execute(sql.toUtf8(), sink, result);
    if (result.ok)
        return true;
    m_error = result.cancelled || isCancelled()
                  ? QStringLiteral("Cancelled")
                  : QCoreApplication::translate("CatalogReader", "Reading the schema failed: %1")
                        .arg(result.error.trimmed());
    return false;
}

bool CatalogReader::isCancelled() const
{
    return m_cancelled && m_cancelled();
}

bool CatalogReader::exec(QSqlQuery &query, const QString &sql)
{
    if (isCancelled()) {
        m_error = QStringLiteral("Cancelled");
        return false;
    }
    query.setForwardOnly(true);
    if (query.exec(sql))
        return true;
    m_error = isCancelled()
                  ? QStringLiteral("Cancelled")
                  : QCoreApplication::translate("CatalogReader", "Reading the schema failed: %1")
                        .arg(query.lastError().text().trimmed());
    return false;
}

int CatalogReader::addTable(const QString &schemaName, const QString &name, SchemaTable::Kind kind)
{
    const QPair<QString, QString> key(schemaName, name);
    const auto known = m_tableRows.constFind(key);
    if (known != m_tableRows.cend())
        return *known;
    SchemaTable table;
    table.schema = schemaName;
    table.name = name;
    table.kind = kind;
    m_schema.tables << table;
    const int row = int(m_schema.tables.size()) - 1;
    m_tableRows.insert(key, row);
    return row;
}

SchemaTable *CatalogReader::table(const QString &schemaName, const QString &name)
{
    const auto known = m_tableRows.constFind(QPair<QString, QString>(schemaName, name));
    return known == m_tableRows.cend() ? nullptr : &m_schema.tables[*known];
}

void CatalogReader::markPrimaryKeysFromIndexes()
{
    for (SchemaTable &table : m_schema.tables) {
        for (const SchemaIndex &index : std::as_const(table.indexes)) {
            if (!index.primary)
                continue;
            for (int position = 0; position < index.columns.size(); ++position) {
                for (SchemaColumn &column : table.columns) {
                    if (column.name == index.columns.at(position))
                        column.primaryKeyPosition = position + 1;
                }
            }
        }
    }
}

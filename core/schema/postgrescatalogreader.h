#pragma once

#include "core/schema/catalogreader.h"

#include <QHash>

// PostgreSQL: pg_catalog, one query per kind of fact for every user schema at
// once (namespaces, relations, columns, indexes, foreign keys), matched to
// tables by oid.
class PostgresCatalogReader final : public CatalogReader
{
public:
    PostgresCatalogReader(QSqlDatabase &database, std::function<bool()> cancelled);

protected:
    bool readCatalog(const QStringList &schemas) override;

private:
    bool plannerForCatalogs();
    void restorePlanner();
    bool readNamespaces(const QStringList &schemas);
    bool readRelations();
    bool readColumns();
    bool readIndexes();
    bool readIndexExpressions(const QHash<qint64, std::pair<int, int>> &indexes);
    bool readForeignKeys();
    static QString columnName(const SchemaTable &table, int number);
    SchemaTable *tableByOid(qint64 oid);

    QString m_namespaceOids; // "2200, 16384": the namespaces to read, for IN (...)
    QHash<qint64, int> m_tableByOid;
    QList<std::pair<QString, QString>> m_plannerBefore; // setting, the session's value
};

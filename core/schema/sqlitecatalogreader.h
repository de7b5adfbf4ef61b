#pragma once

#include "core/schema/catalogreader.h"

// SQLite: sqlite_schema of every attached database, with the table-valued
// pragma functions joined to it, so each kind of fact is one query for all
// tables of a database.
class SqliteCatalogReader final : public CatalogReader
{
public:
    SqliteCatalogReader(QSqlDatabase &database, std::function<bool()> cancelled);

    // The key parts of a CREATE INDEX statement's column list as written:
    // "lower(email)", "country DESC".
    static QStringList indexParts(const QString &createIndex);

protected:
    bool readCatalog(const QStringList &schemas) override;

private:
    bool readDatabase(const QString &name);
    bool readColumns(const QString &name);
    bool readColumnsOf(const QString &name, int row);
    bool readIndexes(const QString &name);
    bool readForeignKeys(const QString &name);
    void resolveImplicitReferences();
};

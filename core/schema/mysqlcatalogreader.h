#pragma once

#include "core/schema/catalogreader.h"

// MySQL and MariaDB: information_schema (TABLES, VIEWS, COLUMNS, STATISTICS,
// KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS), one query each for the chosen
// databases, the current one by default; MariaDB's foreign keys from InnoDB's
// dictionary when the user may read it.
class MysqlCatalogReader final : public CatalogReader
{
public:
    MysqlCatalogReader(QSqlDatabase &database, std::function<bool()> cancelled);

protected:
    bool readCatalog(const QStringList &schemas) override;

private:
    bool readDatabases(const QStringList &schemas);
    bool readTables();
    bool readColumns();
    bool readIndexes();
    bool readForeignKeys();
    bool readInnodbForeignKeys();
    bool readForeignKeysFromViews();
    QString literal(const QString &text) const;
    QString columnDefault(const QVariant &value, const QString &extra) const;

    bool m_mariadb = true;
    bool m_noBackslashEscapes = false;
    QString m_databases; // "'shop', 'crm'": the databases to read, for IN (...)
};

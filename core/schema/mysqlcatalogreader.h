#pragma once

#include "core/schema/catalogreader.h"
#include "core/schema/innodbdictionary.h"

#include <QHash>
#include <QSet>
#include <QVariant>

#include <functional>

struct CellView;

// MySQL and MariaDB: information_schema (TABLES, VIEWS, COLUMNS, STATISTICS,
// KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS), one query each for the chosen
// databases, the current one by default. MariaDB's foreign keys, and its
// InnoDB base tables and their indexes, come from InnoDB's dictionary when the
// user may read it (InnodbDictionary); information_schema is then asked only
// about the tables the dictionary cannot speak for.
class MysqlCatalogReader final : public CatalogReader
{
public:
    MysqlCatalogReader(QSqlDatabase &database, std::function<bool()> cancelled);

protected:
    bool readCatalog(const QStringList &schemas) override;

private:
    bool readDatabases(const QStringList &schemas);
    bool readTables();
    // TABLE_TYPE of the tables, only of the unsure ones when the dictionary
    // answered for the rest.
    bool readTableTypes(const QSet<QPair<QString, QString>> &unsure, QStringList *withViews);
    // " AND TABLE_NAME IN (...)" narrowing a query to these tables when the
    // dictionary answered for the others; empty otherwise.
    QString unsureOnly(const QSet<QPair<QString, QString>> &tables) const;
    bool readColumns();
    // One row of information_schema.COLUMNS of table, its values by position.
    void addColumn(SchemaTable *table, const std::function<QVariant(int)> &value);
    bool readIndexes();
    bool readForeignKeys();
    bool readInnodbForeignKeys();
    bool readForeignKeysFromViews();
    QString literal(const QString &text) const;
    QString columnDefault(const QVariant &value, const QString &extra) const;
    // A value of the columns' result as text, one QString for each distinct
    // value: types, defaults, extras and positions repeat over thousands of
    // columns.
    QString sharedText(const CellView &cell);

    bool m_mariadb = true;
    bool m_noBackslashEscapes = false;
    QString m_databases; // "'shop', 'crm'": the databases to read, for IN (...)
    InnodbDictionary m_dictionary;
    bool m_fromDictionary = false;
    QHash<QByteArray, QString> m_texts; // sharedText(), while the columns are read
};

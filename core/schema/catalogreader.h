#pragma once

#include "core/schema/schema.h"

#include <QHash>
#include <QPair>

#include <functional>
#include <memory>

class NativeConnection;
class QSqlDatabase;
class QSqlQuery;
class RowSink;

// Reads one dialect's catalogs into a Schema, with a handful of queries for
// the whole database rather than a few per table. Runs on the thread that owns
// the connection. Subclasses add tables first, then their columns, indexes and
// foreign keys; rows about a table that was not added (dropped or created in
// between) are skipped, so concurrent DDL cannot break a read.
class CatalogReader
{
public:
    // cancelled is asked between queries; a running query is stopped by the
    // connection's interrupter.
    static std::unique_ptr<CatalogReader> create(Dialect dialect, QSqlDatabase &database,
                                                 std::function<bool()> cancelled);
    virtual ~CatalogReader() = default;

    // The connection's native client, where a reader may stream a large
    // result instead of Qt's driver keeping it whole first (not owned; on the
    // same thread). Without one, every query goes through QSqlQuery.
    void setNative(NativeConnection *native) { m_native = native; }

    // Reads schemas (every user schema when empty); false with error() on
    // failure, or "Cancelled".
    bool read(const QStringList &schemas, Schema *schema);
    QString error() const { return m_error; }

protected:
    CatalogReader(Dialect dialect, QSqlDatabase &database, std::function<bool()> cancelled);

    virtual bool readCatalog(const QStringList &schemas) = 0;

    // Runs sql forward-only; false with the error set on failure or cancel.
    bool exec(QSqlQuery &query, const QString &sql);
    NativeConnection *native() const { return m_native; }
    // Runs sql on native(), each row to sink as it comes; the same errors.
    bool stream(const QString &sql, RowSink &sink);
    QSqlDatabase &database() const { return m_database; }
    bool isCancelled() const;

    // Returns the position of the new table in m_schema.tables.
    int addTable(const QString &schemaName, const QString &name, SchemaTable::Kind kind);
    // The table added as schemaName.name, or nullptr.
    SchemaTable *table(const QString &schemaName, const QString &name);
    // Sets primaryKeyPosition of each table's columns from its primary index.
    void markPrimaryKeysFromIndexes();

    Schema m_schema;

private:
    QSqlDatabase &m_database;
    std::function<bool()> m_cancelled;
    NativeConnection *m_native = nullptr;
    QHash<QPair<QString, QString>, int> m_tableRows;
    QString m_error;
};

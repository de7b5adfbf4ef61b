#pragma once

#include "core/connection/workercontext.h"
#include "core/schema/schema.h"

#include <functional>

class QSqlDatabase;

// Reads a database's tables, views, columns, indexes and foreign keys from its
// catalogs. Runs SQL, so only on the connection's worker thread: inside a
// WorkerTask (Session::runTask), or through SchemaLoader from the GUI thread.
//
// schemas chooses the namespaces: PostgreSQL schemas, MySQL databases, SQLite
// databases ("main", attached ones, "temp"). Empty means every user schema
// (PostgreSQL, without pg_catalog, information_schema, pg_toast and temp
// schemas), the current database (MySQL; all but the server's own when the
// URL names none), or every attached database (SQLite).
class SchemaReader final
{
public:
    // On failure returns an empty Schema and sets *error; "Cancelled" when the
    // task was cancelled.
    static Schema read(WorkerContext &context, QString *error,
                       const QStringList &schemas = QStringList());
    // The same on a Qt SQL connection owned by the calling thread; cancelled
    // is asked between queries. native, the same connection's native client
    // if given, streams the largest results (CatalogReader::setNative).
    static Schema read(QSqlDatabase &database, Dialect dialect, QString *error,
                       const QStringList &schemas = QStringList(),
                       const std::function<bool()> &cancelled = {},
                       NativeConnection *native = nullptr);
    // A task for Session::runTask: its value is the Schema, or a QString with
    // the error.
    static WorkerTask task(const QStringList &schemas = QStringList());
};

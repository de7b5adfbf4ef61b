#include "core/schema/schemareader.h"

#include "core/schema/catalogreader.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

Schema SchemaReader::read(WorkerContext &context, QString *error, const QStringList &schemas)
{
    Schema schema = read(
        context.database(), context.dialect(), error, schemas,
        [&context] { return context.isCancelled(); }, &context.native());
#ifdef __GLIBC__
    // The driver's result rows were freed between the strings the schema
    // keeps; glibc holds on to those pages (tens of MB over 10,000 tables)
    // unless told to give them back.
    malloc_trim(0);
#endif
    if (error->isEmpty())
        context.reportProgress(schema.tables.size());
    return schema;
}

Schema SchemaReader::read(QSqlDatabase &database, Dialect dialect, QString *error,
                          const QStringList &schemas, const std::function<bool()> &cancelled,
                          NativeConnection *native)
{
    error->clear();
    std::unique_ptr<CatalogReader> reader = CatalogReader::create(dialect, database, cancelled);
    reader->setNative(native);
    Schema schema;
    if (reader->read(schemas, &schema))
        return schema;
    // DDL running elsewhere can pull an object out from under a catalog
    // function ("cache lookup failed"); a second read sees the settled catalog.
    if (!(cancelled && cancelled()) && reader->read(schemas, &schema))
        return schema;
    *error = reader->error();
    Schema empty;
    empty.dialect = dialect;
    return empty;
}

WorkerTask SchemaReader::task(const QStringList &schemas)
{
    return [schemas](WorkerContext &context) -> QVariant {
        QString error;
        Schema schema = read(context, &error, schemas);
        if (!error.isEmpty())
            return error;
        return QVariant::fromValue(schema);
    };
}

#include "core/import/importpreview.h"

#include "core/driver/nativeconnection.h"

ImportPreview ImportPreview::read(WorkerContext &context, const ImportOptions &options,
                                  int sampleRows)
{
    ImportPreview preview;
    preview.file = ImportColumns::guess(options, context.dialect(), sampleRows);
    if (options.table.trimmed().isEmpty())
        return preview;
    const QString table = dialects::qualifiedName(context.dialect(), options.schema, options.table);
    QString missing;
    // Only in a transaction it owns may a failed probe be rolled back: on
    // PostgreSQL a failed statement would spoil the session's open one.
    const bool savepoint = context.native().transactionState() == TransactionState::InTransaction;
    if (savepoint)
        context.native().run("SAVEPOINT poolscope_preview");
    preview.tableColumns = ImportColumns::ofTable(context.native(), table, &missing);
    if (savepoint)
        context.native().run(preview.tableColumns.isEmpty()
                                 ? "ROLLBACK TO SAVEPOINT poolscope_preview"
                                 : "RELEASE SAVEPOINT poolscope_preview");
    preview.tableExists = !preview.tableColumns.isEmpty();
    if (preview.tableExists && preview.file.error.isEmpty())
        preview.targets =
            ImportColumns::match(options.header ? preview.file.names : QStringList(),
                                 preview.tableColumns, options.table, &preview.matchError);
    return preview;
}

WorkerTask ImportPreview::task(const ImportOptions &options, int sampleRows)
{
    return [options, sampleRows](WorkerContext &context) {
        return QVariant::fromValue(read(context, options, sampleRows));
    };
}

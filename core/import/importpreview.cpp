#include "core/import/importpreview.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/nativetransaction.h"

ImportPreview ImportPreview::read(WorkerContext &context, const ImportOptions &options,
                                  int sampleRows)
{
    ImportPreview preview;
    preview.file = ImportColumns::guess(options, context.dialect(), sampleRows);
    if (options.table.trimmed().isEmpty()) {
        preview.verdict = preview.file.error.isEmpty() ? tr("Name the table.") : preview.file.error;
        return preview;
    }
    const QString table = dialects::qualifiedName(context.dialect(), options.schema, options.table);
    QString missing;
    // Its own transaction, rolled back: on PostgreSQL a failed read of a table
    // that does not exist would otherwise spoil a transaction the session has open.
    NativeTransaction probe(context.native(), context.dialect(),
                            QByteArrayLiteral("poolscope_preview"));
    preview.tableColumns = ImportColumns::ofTable(context.native(), table, &missing);
    probe.rollback();
    preview.tableExists = !preview.tableColumns.isEmpty();
    if (preview.tableExists && preview.file.error.isEmpty())
        preview.targets =
            ImportColumns::match(options.header ? preview.file.names : QStringList(),
                                 preview.tableColumns, options.table, &preview.matchError);
    preview.judge(options);
    return preview;
}

void ImportPreview::judge(const ImportOptions &options)
{
    const QString table = options.qualifiedTable();
    const int columns = int(file.names.size());
    if (!file.error.isEmpty())
        verdict = file.error;
    else if (options.create && tableExists)
        verdict = tr("%1 exists already: import into it, or name a new table.").arg(table);
    else if (!options.create && !tableExists)
        verdict = tr("There is no table %1: create it, or name an existing one.").arg(table);
    else if (!options.create && !matchError.isEmpty())
        verdict = matchError;
    else
        ready = true;
    if (ready)
        verdict = options.create ? tr("A new table %1 with these %n column(s); names and types "
                                      "can be changed.",
                                      nullptr, columns)
                                       .arg(table)
                                 : tr("The file's %n column(s) go to the columns of %1 shown.",
                                      nullptr, columns)
                                       .arg(table);
}

WorkerTask ImportPreview::task(const ImportOptions &options, int sampleRows)
{
    return [options, sampleRows](WorkerContext &context) {
        return QVariant::fromValue(read(context, options, sampleRows));
    };
}

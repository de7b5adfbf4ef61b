#include "core/export/exporttask.h"

#include "core/driver/nativeconnection.h"
#include "core/export/exportfile.h"
#include "core/export/exportresult.h"
#include "core/export/exportwriter.h"

#include <QElapsedTimer>

WorkerTask ExportTask::make(const QString &sql, const ExportOptions &options, const QString &path)
{
    const QByteArray utf8 = sql.toUtf8();
    return [utf8, options, path](WorkerContext &context) {
        return run(context, utf8, options, path);
    };
}

QVariant ExportTask::run(WorkerContext &context, const QByteArray &sql,
                         const ExportOptions &options, const QString &path)
{
    const ExportResult result =
        ExportFile::write(path, options, [&](ExportWriter &writer, ExportResult &outcome) {
            QElapsedTimer sinceProgress;
            sinceProgress.start();
            writer.setRowCallback(ExportWriter::kCallbackEveryRows, [&](qint64 rows) {
                if (context.isCancelled())
                    return false;
                if (sinceProgress.elapsed() >= ExportWriter::kProgressEveryMs) {
                    context.reportProgress(rows);
                    sinceProgress.restart();
                }
                return true;
            });
            StatementResult statement;
            context.native().execute(sql, writer, statement);
            if (context.isCancelled()) {
                outcome.cancelled = true;
            } else if (!statement.ok) {
                // A server-side cancel (statement_timeout, KILL QUERY) keeps its reason.
                outcome.cancelled = statement.cancelled;
                outcome.error = statement.error;
            }
            context.reportProgress(writer.rows());
        });
    return QVariant::fromValue(result);
}

#include "core/export/exporttask.h"

#include "core/driver/nativeconnection.h"
#include "core/export/exportfile.h"
#include "core/export/exportresult.h"
#include "core/export/exportwriter.h"

#include <QElapsedTimer>

namespace {

// Rows between looks at the clock and the cancel flag: cheap next to a row.
constexpr qint64 kCheckEveryRows = 4096;
constexpr qint64 kProgressEveryMs = 100;

} // namespace

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
            writer.setRowCallback(kCheckEveryRows, [&](qint64 rows) {
                if (context.isCancelled())
                    return false;
                if (sinceProgress.elapsed() >= kProgressEveryMs) {
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

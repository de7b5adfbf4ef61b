#include "core/export/exporttask.h"

#include "core/driver/nativeconnection.h"
#include "core/export/exportfile.h"
#include "core/export/exportresult.h"
#include "core/export/exportwriter.h"
#include "core/sql/sqlsplitter.h"
#include "core/sql/statementkind.h"

#include <QElapsedTimer>

namespace {

// The server writes the CSV itself when the export is CSV and sql is a single
// query that only reads; false when it cannot, and nothing ran.
bool exportServerCsv(WorkerContext &context, const QByteArray &sql, ExportWriter &writer,
                     const ExportOptions &options, StatementResult &statement)
{
    CsvLineSink *lines = writer.csvLines();
    if (!lines)
        return false;
    const Dialect dialect = context.dialect();
    const QList<SqlSplitter::Statement> statements =
        SqlSplitter(dialect).split(QString::fromUtf8(sql));
    if (statements.size() != 1)
        return false;
    const SqlSplitter::Statement &query = statements.first();
    static const QStringList queries = {QStringLiteral("SELECT"), QStringLiteral("WITH"),
                                        QStringLiteral("VALUES"), QStringLiteral("TABLE")};
    if (!queries.contains(StatementKind::firstKeyword(query.text, dialect)) ||
        StatementKind::mayWrite(query.text, dialect))
        return false;
    if (!context.native().copyCsv(query.text.toUtf8(), options.header, *lines, statement))
        return false;
    if (statement.errorPosition >= 0)
        statement.errorPosition += query.start;
    return true;
}

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
            if (!exportServerCsv(context, sql, writer, options, statement))
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

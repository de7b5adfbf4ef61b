#pragma once

#include "core/connection/workercontext.h"
#include "core/export/exportoptions.h"

#include <QString>

// Exports a query's whole result by running it again on a session's
// connection, streaming rows from the native client API through an
// ExportWriter into a file, in constant memory:
//
//   session->runTask(ExportTask::make(sql, options, path));
//
// The task reports the rows written through taskProgress and returns an
// ExportResult; on error or cancel nothing is left under path (see
// ExportFile). Cancel it with Session::cancel().
//
// PostgreSQL could export CSV and TSV faster with COPY (query) TO STDOUT
// (WITH CSV HEADER), which skips the per-row protocol; not done yet.
class ExportTask final
{
public:
    static WorkerTask make(const QString &sql, const ExportOptions &options, const QString &path);

    // The same, run directly: for code that already is on the worker thread.
    static QVariant run(WorkerContext &context, const QByteArray &sql, const ExportOptions &options,
                        const QString &path);
};

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
// CSV of one query that only reads goes through NativeConnection::copyCsv
// when the connection can (PostgreSQL's COPY (query) TO STDOUT): the same
// bytes, formatted by the server without the per-row protocol.
class ExportTask final
{
public:
    static WorkerTask make(const QString &sql, const ExportOptions &options, const QString &path);

    // The same, run directly: for code that already is on the worker thread.
    static QVariant run(WorkerContext &context, const QByteArray &sql, const ExportOptions &options,
                        const QString &path);
};

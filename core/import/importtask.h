#pragma once

#include "core/connection/workercontext.h"
#include "core/import/importoptions.h"
#include "core/import/importresult.h"

#include <QCoreApplication>

// Imports a CSV file into a table on the connection's worker, in constant
// memory: records are read, checked against the column types and streamed to
// the table (RowWriter: COPY on PostgreSQL, multi-row INSERT on MySQL, one
// prepared INSERT on SQLite) inside one transaction, a savepoint when the
// session already has one open. A bad value, a server error or a cancel rolls
// everything back, so the table is as it was; progress is the rows sent.
class ImportTask final
{
    Q_DECLARE_TR_FUNCTIONS(ImportTask)

public:
    static ImportResult run(WorkerContext &context, const ImportOptions &options);
    // A task for Session::runTask; its value is the ImportResult.
    static WorkerTask task(const ImportOptions &options);
};

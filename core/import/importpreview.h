#pragma once

#include "core/connection/workercontext.h"
#include "core/import/importcolumns.h"

#include <QMetaType>

// What an import would do, shown before it runs: the file's columns with
// their guessed types and first records, and, when the table exists, its
// columns and which file column goes where. Read on the connection's worker
// (the file from disk, the table from the server).
struct ImportPreview
{
    ImportColumns::Guess file;
    bool tableExists = false;
    Columns tableColumns;
    // For each file column, the table column it goes to; empty when they do
    // not match (matchError says why) or there is no table.
    QVector<int> targets;
    QString matchError;

    static ImportPreview read(WorkerContext &context, const ImportOptions &options, int sampleRows);
    // A task for Session::runTask; its value is the ImportPreview.
    static WorkerTask task(const ImportOptions &options, int sampleRows = 20);
};

Q_DECLARE_METATYPE(ImportPreview)

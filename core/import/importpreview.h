#pragma once

#include "core/connection/workercontext.h"
#include "core/import/importcolumns.h"

#include <QCoreApplication>
#include <QMetaType>

// What an import would do, shown before it runs: the file's columns with
// their guessed types and first records, and, when the table exists, its
// columns and which file column goes where. Read on the connection's worker
// (the file from disk, the table from the server).
struct ImportPreview
{
    Q_DECLARE_TR_FUNCTIONS(ImportPreview)

public:
    ImportColumns::Guess file;
    bool tableExists = false;
    Columns tableColumns;
    // For each file column, the table column it goes to; empty when they do
    // not match (matchError says why) or there is no table.
    QVector<int> targets;
    QString matchError;
    // Whether the import may run as asked (a new table that does not exist
    // yet, an existing one whose columns take the file's), and what to tell
    // the person either way.
    bool ready = false;
    QString verdict;

    static ImportPreview read(WorkerContext &context, const ImportOptions &options, int sampleRows);
    // Sets ready and verdict from what was read.
    void judge(const ImportOptions &options);
    // A task for Session::runTask; its value is the ImportPreview.
    static WorkerTask task(const ImportOptions &options, int sampleRows = 20);
};

Q_DECLARE_METATYPE(ImportPreview)

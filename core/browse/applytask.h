#pragma once

#include "core/browse/applyresult.h"
#include "core/connection/workercontext.h"
#include "core/driver/sqlparams.h"

#include <QCoreApplication>
#include <QVector>

// Runs a table tab's changes on the tab's connection, in one transaction (a
// savepoint when the session has one open): every statement must touch
// exactly one row, or everything is rolled back and the row is named. Runs
// on the connection's worker; progress is the statements done.
class ApplyTask final
{
    Q_DECLARE_TR_FUNCTIONS(ApplyTask)

public:
    // rows holds each statement's grid row, for messages.
    static ApplyResult run(WorkerContext &context, const QVector<BoundStatement> &statements,
                           const QVector<int> &rows);
    // A task for Session::runTask; its value is the ApplyResult.
    static WorkerTask task(const QVector<BoundStatement> &statements, const QVector<int> &rows);
};

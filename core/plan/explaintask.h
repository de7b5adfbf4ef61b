#pragma once

#include "core/connection/workercontext.h"
#include "core/plan/queryplan.h"

#include <QCoreApplication>

// Asks the server for the plan of one statement, on the connection's worker:
//   PostgreSQL  EXPLAIN (FORMAT JSON[, ANALYZE, BUFFERS])
//   MariaDB     EXPLAIN FORMAT=JSON, ANALYZE FORMAT=JSON
//   MySQL       EXPLAIN FORMAT=JSON (its ANALYZE gives text only: refused)
//   SQLite      EXPLAIN QUERY PLAN; with analyze the statement also runs once,
//               timed as a whole (SQLite measures no step on its own)
// With analyze the statement runs, always inside a transaction that is rolled
// back (a savepoint when the session already has one open), so an UPDATE it
// explains changes nothing; QueryPlan::rolledBack says whether it may write.
class ExplainTask final
{
    Q_DECLARE_TR_FUNCTIONS(ExplainTask)

public:
    static QueryPlan run(WorkerContext &context, const QString &sql, bool analyze);
    // A task for Session::runTask; its value is the QueryPlan (error inside).
    static WorkerTask task(const QString &sql, bool analyze);
};

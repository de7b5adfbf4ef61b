#pragma once

#include "core/plan/queryplan.h"

// Reads PostgreSQL's EXPLAIN (FORMAT JSON[, ANALYZE, BUFFERS]) into plan:
// "Plan" and its "Plans" become the tree; "Actual Total Time" (per loop) times
// "Actual Loops" becomes the node's total time.
class PostgresPlanReader final
{
public:
    // False with plan.error set when json is not such a plan.
    static bool read(const QString &json, QueryPlan &plan);
};

#pragma once

#include "core/plan/queryplan.h"

// Builds plan from the rows of SQLite's EXPLAIN QUERY PLAN (id, parent,
// notused, detail). SQLite names each step and its table but gives no row
// counts or costs, so the numbers stay empty; full-table SCANs are marked.
class SqlitePlanReader final
{
public:
    struct Row
    {
        int id = 0;
        int parent = 0;
        QString detail;
    };
    // False with plan.error set when rows is empty.
    static bool read(const QList<Row> &rows, QueryPlan &plan);
};

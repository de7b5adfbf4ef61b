#pragma once

#include "core/plan/queryplan.h"

// Reads MariaDB's EXPLAIN FORMAT=JSON and ANALYZE FORMAT=JSON (and MySQL's
// EXPLAIN FORMAT=JSON) into plan. Their JSON nests steps by name: every object
// under a step's key (query_block, table, filesort, temporary_table,
// union_result, materialized, …) is a step, lists (nested_loop,
// query_specifications, subqueries) hold steps side by side, and objects of
// plain values (r_engine_stats, cost_info) are properties of their step.
class MysqlPlanReader final
{
public:
    // False with plan.error set when json is not such a plan.
    static bool read(const QString &json, QueryPlan &plan);
};

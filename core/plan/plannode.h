#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <vector>

// One step of a query plan as the server described it. Numbers the server did
// not give stay empty: SQLite gives none, an EXPLAIN without ANALYZE gives no
// actual ones.
struct PlanNode
{
    // What the step does, in the server's words: "Hash Join", "filesort", "ALL",
    // "SCAN items".
    QString operation;
    // The table (or its alias) the step reads, if any.
    QString relation;
    // The one line that says why: its condition, index or sort key.
    QString detail;
    // Rows per loop.
    std::optional<double> estimatedRows;
    std::optional<double> actualRows;
    std::optional<double> loops;
    // Milliseconds over all loops, this step and the steps below it.
    std::optional<double> totalMs;
    // totalMs without the steps below it; set by QueryPlan::finish().
    std::optional<double> selfMs;
    // PostgreSQL's estimated total cost, inclusive, and without the steps below.
    std::optional<double> cost;
    std::optional<double> selfCost;
    // Reads every row of a table (Seq Scan, access type ALL, SCAN without an index).
    bool fullScan = false;
    // The step that took the most time (or the highest cost without ANALYZE).
    bool hottest = false;
    // Everything else the server said of the step, in its words, by name.
    QList<QPair<QString, QString>> properties;
    std::vector<PlanNode> children;
};

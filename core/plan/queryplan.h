#pragma once

#include "core/plan/plannode.h"
#include "core/sql/dialect.h"

#include <QMetaType>
#include <QStringList>

// A statement's plan as poolscope shows it: a tree of PlanNodes, whichever of
// the three servers made it (core/plan/*planreader.h), with the totals the
// server gave and what poolscope did to get it.
struct QueryPlan
{
    Dialect dialect = Dialect::SQLite;
    QString sql;
    // ANALYZE: the statement ran, and the actual numbers are the server's.
    bool analyzed = false;
    // The statement may write, so it ran inside a transaction (or savepoint)
    // that was rolled back.
    bool rolledBack = false;
    PlanNode root;
    std::optional<double> planningMs;
    std::optional<double> executionMs;
    // Things the reader should know: what was rolled back, what the server
    // cannot measure.
    QStringList notes;
    // The server's own answer (its JSON, or SQLite's rows as text).
    QString serverText;
    // Set when the server refused: its message, and the character of sql it
    // points at (-1 when none).
    QString error;
    int errorPosition = -1;

    bool isValid() const { return error.isEmpty() && !root.operation.isEmpty(); }
    // Fills selfMs and selfCost from the inclusive numbers and marks the hottest
    // step: the most self time, else the most self cost. Nothing is marked when
    // fewer than two steps were measured.
    void finish();
    // The steps in display order (depth first), with their depth.
    QList<QPair<const PlanNode *, int>> flatten() const;
};

Q_DECLARE_METATYPE(QueryPlan)

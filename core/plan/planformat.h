#pragma once

#include "core/plan/queryplan.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// A QueryPlan written out: as an indented table for people (the command line,
// Copy in the plan view) or as JSON for programs, with the server's own plan
// inside.
class PlanFormat final
{
    Q_DECLARE_TR_FUNCTIONS(PlanFormat)

public:
    static QString text(const QueryPlan &plan);
    static QByteArray json(const QueryPlan &plan);
};

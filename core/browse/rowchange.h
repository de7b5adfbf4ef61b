#pragma once

#include "core/driver/sqlparams.h"

#include <QVector>

// One pending change of a table tab, as values: what ChangeStatements turns
// into one UPDATE, INSERT or DELETE. Columns are indexes into the
// TableShape's columns.
struct RowChange
{
    enum class Kind { Update, Insert, Delete };

    Kind kind = Kind::Update;
    // The grid's row (0-based), to say which row a conflict is about.
    int row = 0;
    // Update and Insert: the columns written and their new values; an
    // insert's other columns take their defaults.
    QVector<int> columns;
    SqlParams values;
    // Update and Delete: the key as read (the rowid, or the primary key's
    // columns in key order).
    SqlParams key;
    // Update: the written columns' values as read, compared so that a row
    // changed since is a conflict. Columns whose values cannot be compared
    // exactly (floating point, values cut on reading) are left out.
    QVector<int> checkedColumns;
    SqlParams checkedValues;
};

#pragma once

#include "core/browse/browsecolumn.h"
#include "core/sql/dialect.h"

#include <QCoreApplication>
#include <QVariant>

// A value typed into a cell or a filter, on its way to a placeholder: checked
// against the column's type before anything is sent ("id is integer: 'abc'
// is not an integer"), then given the form the server compares right
// (integers as numbers, so MySQL does not compare them as floating point;
// booleans in the dialect's words). A null QVariant is NULL.
class EditValue final
{
    Q_DECLARE_TR_FUNCTIONS(EditValue)

public:
    // Empty when value may go into column; else the whole sentence, naming
    // the column and its type.
    static QString problem(const BrowseColumn &column, const QVariant &value);
    // value as a parameter for column.
    static QVariant param(Dialect dialect, const BrowseColumn &column, const QVariant &value);
};

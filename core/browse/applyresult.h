#pragma once

#include <QMetaType>
#include <QString>

// How a table tab's Apply went: all of it, or nothing.
struct ApplyResult
{
    bool ok = false;
    bool cancelled = false;
    // The statement that failed, its grid row, and whether it failed because
    // it found no row (changed or deleted since it was read).
    int failedStatement = -1;
    int failedRow = -1;
    bool conflict = false;
    // The whole sentence, naming the row.
    QString error;
    int statements = 0;
};

Q_DECLARE_METATYPE(ApplyResult)

#pragma once

#include "core/driver/cellview.h"
#include "core/driver/column.h"

#include <QString>

// Checks a value from a file against the kind of column it goes to, before it
// is sent, so that a bad value is named with its line and column instead of
// failing a whole batch on the server. Only what is certain is refused:
// integers, numbers and booleans; dates and times are left to the server,
// whose formats vary.
class ValueChecker final
{
public:
    // Empty when value may go into a column of kind; else what is wrong, for
    // "line 12, column price: …".
    static QString problem(ColumnKind kind, const CellView &value);
    static bool isInteger(const char *data, qsizetype size);
    static bool isNumber(const char *data, qsizetype size);
    static bool isBoolean(const char *data, qsizetype size);
    // "\x" followed by an even number of hex digits: how exports write bytes.
    static bool isHexBytes(const char *data, qsizetype size);
};

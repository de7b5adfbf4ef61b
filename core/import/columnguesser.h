#pragma once

#include "core/driver/cellview.h"
#include "core/driver/column.h"
#include "core/sql/dialect.h"

#include <QString>

// Guesses a column's type from values read from a file, the narrowest that
// holds them all: integer, number (with the precision and scale seen), real,
// boolean (PostgreSQL only), date, timestamp, bytes (\x hex), else text.
// Fed value by value, so it needs no copy of the sample.
class ColumnGuesser final
{
public:
    void add(const CellView &value);
    ColumnKind kind() const;
    // The type to create the column with, in dialect's words.
    QString typeName(Dialect dialect) const;

private:
    bool m_any = false;
    bool m_integer = true;
    bool m_number = true;
    bool m_exponent = false;
    bool m_boolean = true;
    bool m_date = true;
    bool m_dateTime = true;
    bool m_zone = false;
    bool m_bytes = true;
    int m_intDigits = 1;
    int m_scale = 0;
    int m_fraction = 0; // digits of fractional seconds
};

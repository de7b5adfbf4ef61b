#pragma once

#include "core/sql/dialect.h"

#include <QString>

// What a statement does, read from its words: enough to warn before running
// it, not a parser. Quoted text, quoted identifiers and comments are skipped.
class StatementKind final
{
public:
    // The first keyword, upper case ("SELECT", "WITH"); empty when there is none.
    static QString firstKeyword(const QString &sql, Dialect dialect);
    // Whether running sql may change data or schema. Reads are SELECT, VALUES,
    // TABLE, WITH, SHOW, DESCRIBE and EXPLAIN without a data-changing clause
    // inside (INSERT, UPDATE, DELETE, MERGE, SELECT … INTO); everything else
    // may write. Functions the statement calls are not looked into.
    static bool mayWrite(const QString &sql, Dialect dialect);
};

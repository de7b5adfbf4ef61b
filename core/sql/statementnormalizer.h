#pragma once

#include "core/sql/dialect.h"

#include <QString>

// Turns the text of one statement into its shape, so that sessions stuck after
// the same query with different values fall into one group:
//   UPDATE items SET hits = hits + 1 WHERE id = 1001
//   → UPDATE items SET hits = hits + ? WHERE id = ?
// Literals (strings, numbers, $n placeholders) become ?, lists of them become
// one ?, comments go, whitespace collapses, a trailing ; goes. Identifiers,
// keywords and their case stay. Not a parser: good enough to group, not to run.
class StatementNormalizer final
{
public:
    // Backslashes escape inside '...' on MySQL; on PostgreSQL only in E'...'.
    static QString normalize(const QString &sql, Dialect dialect = Dialect::PostgreSQL);
};

#pragma once

#include <QString>

// The three database families poolscope speaks. MariaDB is the MySQL dialect,
// as in SQLAlchemy.
enum class Dialect { SQLite, PostgreSQL, MySQL };

namespace dialects {

// SQLAlchemy's backend name: "sqlite", "postgresql", "mysql".
QString name(Dialect dialect);
// Name for people: "SQLite", "PostgreSQL", "MySQL/MariaDB".
QString displayName(Dialect dialect);
// The Qt SQL driver that opens connections of this dialect.
QString qtDriver(Dialect dialect);
// Statement that starts a transaction explicitly.
QString beginStatement(Dialect dialect);
// Quotes an identifier the way the dialect does: "x" or `x`.
QString quoteIdentifier(Dialect dialect, const QString &identifier);
// The schema a name needs no prefix for: SQLite's "main" database and
// PostgreSQL's "public" schema; none on MySQL, where a schema is a database.
QString defaultSchema(Dialect dialect);
// name quoted, prefixed by its quoted schema unless that is empty or the default.
QString qualifiedName(Dialect dialect, const QString &schema, const QString &name);
// The number-th (1-based) placeholder of a statement with parameters: $1
// (PostgreSQL), ?1 (SQLite), ? (MySQL, where order alone counts).
QString placeholder(Dialect dialect, int number);
// "a IS NOT DISTINCT FROM b" in the dialect's words: equal, or both NULL.
QString nullSafeEquals(Dialect dialect, const QString &left, const QString &right);

} // namespace dialects

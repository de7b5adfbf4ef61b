#include "core/sql/dialect.h"

namespace dialects {

QString name(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QStringLiteral("sqlite");
    case Dialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case Dialect::MySQL:
        return QStringLiteral("mysql");
    }
    return {};
}

QString displayName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QStringLiteral("SQLite");
    case Dialect::PostgreSQL:
        return QStringLiteral("PostgreSQL");
    case Dialect::MySQL:
        return QStringLiteral("MySQL/MariaDB");
    }
    return {};
}

QString qtDriver(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QStringLiteral("QSQLITE");
    case Dialect::PostgreSQL:
        return QStringLiteral("QPSQL");
    case Dialect::MySQL:
        return QStringLiteral("QMYSQL");
    }
    return {};
}

QString beginStatement(Dialect dialect)
{
    return dialect == Dialect::MySQL ? QStringLiteral("START TRANSACTION")
                                     : QStringLiteral("BEGIN");
}

QString quoteIdentifier(Dialect dialect, const QString &identifier)
{
    if (dialect == Dialect::MySQL) {
        QString escaped = identifier;
        escaped.replace(QLatin1Char('`'), QLatin1String("``"));
        return QLatin1Char('`') + escaped + QLatin1Char('`');
    }
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString defaultSchema(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QStringLiteral("main");
    case Dialect::PostgreSQL:
        return QStringLiteral("public");
    case Dialect::MySQL:
        break;
    }
    return QString();
}

QString qualifiedName(Dialect dialect, const QString &schema, const QString &name)
{
    const QString quoted = quoteIdentifier(dialect, name);
    if (schema.isEmpty() || schema == defaultSchema(dialect))
        return quoted;
    return quoteIdentifier(dialect, schema) + QLatin1Char('.') + quoted;
}

QString placeholder(Dialect dialect, int number)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("$%1").arg(number);
    case Dialect::SQLite:
        return QStringLiteral("?%1").arg(number);
    case Dialect::MySQL:
        break;
    }
    return QStringLiteral("?");
}

QString nullSafeEquals(Dialect dialect, const QString &left, const QString &right)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("%1 IS NOT DISTINCT FROM %2").arg(left, right);
    case Dialect::SQLite:
        return QStringLiteral("%1 IS %2").arg(left, right);
    case Dialect::MySQL:
        break;
    }
    return QStringLiteral("%1 <=> %2").arg(left, right);
}

} // namespace dialects

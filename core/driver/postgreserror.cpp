#include "core/driver/postgreserror.h"

#include "core/driver/libpq.h"
#include "core/driver/statementresult.h"

#include <QString>

#include <libpq-fe.h>

QString PostgresError::text(const PGresult *res, PGconn *conn)
{
    const char *primary = res ? pq().PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (!primary)
        return QString::fromUtf8(pq().PQerrorMessage(conn)).trimmed();
    QString text = QString::fromUtf8(primary);
    if (const char *detail = pq().PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL))
        text += QStringLiteral("\nDETAIL: ") + QString::fromUtf8(detail);
    if (const char *hint = pq().PQresultErrorField(res, PG_DIAG_MESSAGE_HINT))
        text += QStringLiteral("\nHINT: ") + QString::fromUtf8(hint);
    return text;
}

void PostgresError::describe(StatementResult &result, const PGresult *res, PGconn *conn)
{
    result.ok = false;
    result.error = text(res, conn);
    if (const char *state = pq().PQresultErrorField(res, PG_DIAG_SQLSTATE))
        result.errorCode = QString::fromLatin1(state);
    if (const char *position = pq().PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION))
        result.errorPosition = QByteArray(position).toInt() - 1;
    result.cancelled = result.errorCode == QLatin1String("57014");
}

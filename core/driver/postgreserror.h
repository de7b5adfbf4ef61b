#pragma once

struct StatementResult;
struct pg_conn;
struct pg_result;
class QString;

// What PostgreSQL said about a failed statement, as poolscope shows it.
class PostgresError final
{
public:
    // The primary message with its DETAIL and HINT lines; libpq's own message
    // when there is no result (the connection failed).
    static QString text(const pg_result *res, pg_conn *conn);
    // result fails with res's message, SQLSTATE and position; a cancel
    // (SQLSTATE 57014) is marked cancelled.
    static void describe(StatementResult &result, const pg_result *res, pg_conn *conn);
};

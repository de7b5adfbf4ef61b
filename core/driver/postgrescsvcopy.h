#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

class CsvLineSink;
class PostgresBinaryCsv;
class Interrupter;
struct StatementResult;
struct pg_conn;

// A query's result as PostgreSQL writes CSV itself: COPY (query) TO STDOUT
// WITH (FORMAT csv). The server formats each row once and libpq hands over one
// row per message, so no result object is made per row as in single-row mode.
// Its CSV is ours byte for byte (CsvWriter): the same quoting, NULL as an
// empty field, the empty string as "", LF line ends; bytea as \x and hex
// digits while the session keeps bytea_output = hex (PostgresNativeConnection
// sets it; a user who changes it gets what psql's COPY would write).
// When every result column has a type PostgresBinaryCsv writes, the server
// sends binary COPY instead and the same CSV is made here (cheaper for the
// server, which is the slower end).
class PostgresCsvCopy final
{
public:
    PostgresCsvCopy(pg_conn *conn, CsvLineSink &sink, StatementResult &result,
                    Interrupter &interrupter);
    ~PostgresCsvCopy();

    // Sends the COPY of query and reads all it returns into the sink and the
    // result. False, with the result untouched, when the server did not take
    // the query inside COPY (SELECT … INTO, a data-changing WITH without
    // RETURNING): nothing ran, and the query may still run on its own.
    bool run(const QByteArray &query, bool header);

private:
    std::unique_ptr<PostgresBinaryCsv> describeBinary(const QByteArray &query);
    void readLines(bool header);
    void readBinary(bool header);
    void stop(const QString &reason, bool cancelled);
    bool readError(const struct pg_result *res);

    pg_conn *m_conn;
    CsvLineSink &m_sink;
    StatementResult &m_result;
    Interrupter &m_interrupter;
    std::unique_ptr<PostgresBinaryCsv> m_binary;
    bool m_started = false;
    bool m_stopped = false;
};

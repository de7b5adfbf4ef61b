#include "core/driver/postgrescsvcopy.h"

#include "core/driver/csvlinesink.h"
#include "core/driver/interrupter.h"
#include "core/driver/libpq.h"
#include "core/driver/postgreserror.h"
#include "core/driver/statementresult.h"

#include <libpq-fe.h>

namespace {

// What goes before the query; the server's error positions count it.
constexpr char kPrefix[] = "COPY (\n";
constexpr int kPrefixLength = sizeof kPrefix - 1;

} // namespace

PostgresCsvCopy::PostgresCsvCopy(PGconn *conn, CsvLineSink &sink, StatementResult &result,
                                 Interrupter &interrupter)
    : m_conn(conn)
    , m_sink(sink)
    , m_result(result)
    , m_interrupter(interrupter)
{
}

bool PostgresCsvCopy::run(const QByteArray &query, bool header)
{
    // The query's own line ends stay, so a -- comment on its last line ends
    // before the closing parenthesis.
    const QByteArray copy = kPrefix + query + "\n) TO STDOUT WITH (FORMAT csv, HEADER " +
                            (header ? "true" : "false") + ")";
    if (!pq().PQsendQuery(m_conn, copy.constData()))
        return false;
    bool refused = false;
    while (PGresult *res = pq().PQgetResult(m_conn)) {
        switch (pq().PQresultStatus(res)) {
        case PGRES_COPY_OUT:
            readLines(header);
            break;
        case PGRES_COMMAND_OK:
            m_result.commandTag = QString::fromUtf8(pq().PQcmdStatus(res));
            break;
        default:
            refused = readError(res) || refused;
            break;
        }
        pq().PQclear(res);
    }
    if (refused)
        return false;
    m_result.ok = !m_stopped && m_result.error.isEmpty();
    return true;
}

void PostgresCsvCopy::readLines(bool header)
{
    m_started = true;
    m_result.returnedRows = true;
    m_stopped = !m_sink.csvBegin();
    bool headerLine = header;
    char *line = nullptr;
    int length = 0;
    // One message is one row (or the header), which libpq copies out for us.
    while ((length = pq().PQgetCopyData(m_conn, &line, 0)) > 0) {
        if (!m_stopped) {
            if (!headerLine)
                ++m_result.rowCount;
            m_stopped = !m_sink.csvLine(line, length, headerLine);
            headerLine = false;
            if (m_stopped) {
                // The sink wants no more: the server stops instead of sending
                // the rest, which is still read off the socket here.
                m_interrupter.interruptRunning();
                m_result.ok = false;
                m_result.cancelled = true;
                m_result.error = QStringLiteral("Statement cancelled");
            }
        }
        pq().PQfreemem(line);
    }
}

bool PostgresCsvCopy::readError(const PGresult *res)
{
    if (m_stopped)
        return false; // the cancel that stopping asked for
    const char *state = pq().PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (!m_started && state && qstrcmp(state, "0A000") == 0)
        return true;
    PostgresError::describe(m_result, res, m_conn);
    m_result.errorPosition =
        m_result.errorPosition >= kPrefixLength ? m_result.errorPosition - kPrefixLength : -1;
    return false;
}

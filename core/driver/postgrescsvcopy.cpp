#include "core/driver/postgrescsvcopy.h"

#include "core/driver/csvlinesink.h"
#include "core/driver/interrupter.h"
#include "core/driver/libpq.h"
#include "core/driver/postgresbinarycsv.h"
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

PostgresCsvCopy::~PostgresCsvCopy() = default;

bool PostgresCsvCopy::run(const QByteArray &query, bool header)
{
    m_binary = describeBinary(query);
    // The query's own line ends stay, so a -- comment on its last line ends
    // before the closing parenthesis.
    const QByteArray copy =
        kPrefix + query + "\n) TO STDOUT WITH " +
        (m_binary ? QByteArrayLiteral("(FORMAT binary)")
                  : "(FORMAT csv, HEADER " + QByteArray(header ? "true" : "false") + ")");
    if (!pq().PQsendQuery(m_conn, copy.constData()))
        return false;
    bool refused = false;
    while (PGresult *res = pq().PQgetResult(m_conn)) {
        switch (pq().PQresultStatus(res)) {
        case PGRES_COPY_OUT:
            if (m_binary)
                readBinary(header);
            else
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
    if (m_binary && m_started && !m_stopped && m_result.error.isEmpty() && !m_binary->finished())
        m_result.error = QStringLiteral("The server's COPY data ended early");
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
            if (!m_sink.csvLine(line, length, headerLine))
                stop(QStringLiteral("Statement cancelled"), true);
            headerLine = false;
        }
        pq().PQfreemem(line);
    }
}

std::unique_ptr<PostgresBinaryCsv> PostgresCsvCopy::describeBinary(const QByteArray &query)
{
    // The unnamed statement, parsed but not run, tells the result's columns.
    // Whatever the server does not take here (not one query, an error) goes
    // the way of the CSV, which reports it.
    PGresult *prepared = pq().PQprepare(m_conn, "", query.constData(), 0, nullptr);
    const bool parsed = pq().PQresultStatus(prepared) == PGRES_COMMAND_OK;
    pq().PQclear(prepared);
    if (!parsed)
        return nullptr;
    PGresult *described = pq().PQdescribePrepared(m_conn, "");
    std::vector<unsigned int> types;
    QList<QByteArray> names;
    bool settingsNeeded = false;
    if (pq().PQresultStatus(described) == PGRES_COMMAND_OK) {
        for (int i = 0; i < pq().PQnfields(described); ++i) {
            types.push_back(pq().PQftype(described, i));
            names.append(QByteArray(pq().PQfname(described, i)));
            settingsNeeded = settingsNeeded || PostgresBinaryCsv::needsSettings(types.back());
        }
    }
    pq().PQclear(described);
    if (types.empty())
        return nullptr;
    PostgresBinaryCsv::Settings settings;
    const char *dateStyle = pq().PQparameterStatus(m_conn, "DateStyle");
    settings.isoDates = dateStyle && qstrncmp(dateStyle, "ISO", 3) == 0;
    if (settingsNeeded) {
        PGresult *shown =
            pq().PQexec(m_conn, "SELECT current_setting('extra_float_digits')::int > 0, "
                                "current_setting('bytea_output') = 'hex'");
        if (pq().PQresultStatus(shown) == PGRES_TUPLES_OK && pq().PQntuples(shown) == 1) {
            settings.shortestFloats = qstrcmp(pq().PQgetvalue(shown, 0, 0), "t") == 0;
            settings.hexBytes = qstrcmp(pq().PQgetvalue(shown, 0, 1), "t") == 0;
        }
        pq().PQclear(shown);
    }
    for (const unsigned int type : types) {
        if (!PostgresBinaryCsv::supports(type, settings))
            return nullptr;
    }
    return std::make_unique<PostgresBinaryCsv>(std::move(types), std::move(names));
}

void PostgresCsvCopy::readBinary(bool header)
{
    m_started = true;
    m_result.returnedRows = true;
    m_stopped = !m_sink.csvBegin();
    if (!m_stopped && header) {
        const QByteArray names = m_binary->headerLine();
        if (!m_sink.csvLine(names.constData(), names.size(), true))
            stop(QStringLiteral("Statement cancelled"), true);
    }
    char *data = nullptr;
    int length = 0;
    while ((length = pq().PQgetCopyData(m_conn, &data, 0)) > 0) {
        if (!m_stopped) {
            const PostgresBinaryCsv::Outcome outcome = m_binary->feed(data, length, m_sink);
            m_result.rowCount = m_binary->rows();
            if (outcome == PostgresBinaryCsv::Outcome::Stopped)
                stop(QStringLiteral("Statement cancelled"), true);
            else if (outcome == PostgresBinaryCsv::Outcome::Malformed)
                stop(QStringLiteral("The server's COPY data could not be read"), false);
        }
        pq().PQfreemem(data);
    }
}

void PostgresCsvCopy::stop(const QString &reason, bool cancelled)
{
    // The server stops instead of sending the rest, which is still read off
    // the socket by the caller.
    m_stopped = true;
    m_interrupter.interruptRunning();
    m_result.ok = false;
    m_result.cancelled = cancelled;
    m_result.error = reason;
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

#include "core/driver/postgresrowwriter.h"

#include "core/driver/libpq.h"

#include <QRegularExpression>

#include <libpq-fe.h>

namespace {

constexpr qsizetype kChunk = 256 * 1024;

// COPY's text format: backslash escapes for the bytes that end fields and rows.
void appendEscaped(QByteArray &out, const char *data, qsizetype size)
{
    const char *end = data + size;
    const char *run = data;
    for (const char *p = data; p < end; ++p) {
        const char c = *p;
        if (c != '\\' && c != '\t' && c != '\n' && c != '\r')
            continue;
        out.append(run, p - run);
        out.append('\\');
        out.append(c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
        run = p + 1;
    }
    out.append(run, end - run);
}

} // namespace

PostgresRowWriter::PostgresRowWriter(pg_conn *conn, const QByteArray &copySql, int columns)
    : m_conn(conn)
    , m_columns(columns)
{
    m_buffer.reserve(kChunk + 4096);
    if (!pq().PQsendQuery(m_conn, copySql.constData())) {
        m_error = QString::fromUtf8(pq().PQerrorMessage(m_conn)).trimmed();
        return;
    }
    PGresult *res = pq().PQgetResult(m_conn);
    m_open = res && pq().PQresultStatus(res) == PGRES_COPY_IN;
    if (!m_open)
        m_error =
            QString::fromUtf8(res ? pq().PQresultErrorMessage(res) : pq().PQerrorMessage(m_conn))
                .trimmed();
    pq().PQclear(res);
    if (!m_open) {
        while (PGresult *rest = pq().PQgetResult(m_conn))
            pq().PQclear(rest);
    }
}

PostgresRowWriter::~PostgresRowWriter()
{
    if (m_open) { // never finished: end the COPY so the connection is usable again
        pq().PQputCopyEnd(m_conn, "abandoned");
        readEnd();
    }
}

bool PostgresRowWriter::write(const CellView *cells)
{
    if (!m_open)
        return false;
    for (int c = 0; c < m_columns; ++c) {
        if (c > 0)
            m_buffer.append('\t');
        const CellView &cell = cells[c];
        if (cell.isNull()) {
            m_buffer.append("\\N", 2);
        } else if (cell.kind == CellKind::Binary) {
            // bytea's hex input form, its backslash escaped for COPY.
            m_buffer.append("\\\\x", 3);
            static const char digits[] = "0123456789abcdef";
            for (qsizetype i = 0; i < cell.size; ++i) {
                const auto byte = static_cast<unsigned char>(cell.data[i]);
                m_buffer.append(digits[byte >> 4]);
                m_buffer.append(digits[byte & 15]);
            }
        } else {
            appendEscaped(m_buffer, cell.data, cell.size);
        }
    }
    m_buffer.append('\n');
    ++m_rows;
    return m_buffer.size() < kChunk || flush();
}

bool PostgresRowWriter::flush()
{
    if (m_buffer.isEmpty())
        return true;
    if (pq().PQputCopyData(m_conn, m_buffer.constData(), int(m_buffer.size())) != 1) {
        m_error = QString::fromUtf8(pq().PQerrorMessage(m_conn)).trimmed();
        return false;
    }
    m_buffer.clear();
    return true;
}

bool PostgresRowWriter::finish()
{
    if (!m_open)
        return false;
    const bool sent = flush();
    pq().PQputCopyEnd(m_conn, sent ? nullptr : "the client stopped");
    readEnd();
    return m_error.isEmpty();
}

void PostgresRowWriter::readEnd()
{
    m_open = false;
    while (PGresult *res = pq().PQgetResult(m_conn)) {
        if (pq().PQresultStatus(res) != PGRES_COMMAND_OK && m_error.isEmpty()) {
            m_error = QString::fromUtf8(pq().PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                                            ? pq().PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                                            : pq().PQresultErrorMessage(res))
                          .trimmed();
            const char *state = pq().PQresultErrorField(res, PG_DIAG_SQLSTATE);
            m_cancelled = state && qstrcmp(state, "57014") == 0;
            // "COPY t, line 5, column a: "abc"": the line of the stream, one per row.
            static const QRegularExpression line(QStringLiteral("COPY [^,]+, line (\\d+)"));
            const QRegularExpressionMatch match =
                line.match(QString::fromUtf8(pq().PQresultErrorField(res, PG_DIAG_CONTEXT)));
            if (match.hasMatch())
                m_failedRow = match.captured(1).toLongLong() - 1;
        }
        pq().PQclear(res);
    }
}

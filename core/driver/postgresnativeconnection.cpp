#include "core/driver/postgresnativeconnection.h"

#include "core/driver/interrupter.h"
#include "core/driver/libpq.h"
#include "core/driver/postgrescsvcopy.h"
#include "core/driver/postgreserror.h"
#include "core/driver/postgresrowwriter.h"
#include "core/driver/rowsink.h"

#include <QVarLengthArray>

#include <libpq-fe.h>
#include <vector>

class PostgresInterrupter final : public Interrupter
{
public:
    explicit PostgresInterrupter(PGconn *conn)
        : Interrupter(pq().PQsocket(conn))
        , m_cancel(pq().PQgetCancel(conn))
    {
    }
    ~PostgresInterrupter() override { detach(); }

protected:
    void doInterrupt() override
    {
        char error[256];
        pq().PQcancel(m_cancel, error, sizeof error);
    }
    void onDetach() override
    {
        if (m_cancel)
            pq().PQfreeCancel(m_cancel);
        m_cancel = nullptr;
    }

private:
    PGcancel *m_cancel;
};

namespace {

// Built-in type oids (pg_type.dat); anything else shows its oid.
struct PgType
{
    Oid oid;
    const char *name;
    ColumnKind kind;
};

const PgType kTypes[] = {
    {16, "boolean", ColumnKind::Boolean},
    {17, "bytea", ColumnKind::Binary},
    {18, "char", ColumnKind::Text},
    {19, "name", ColumnKind::Text},
    {20, "bigint", ColumnKind::Integer},
    {21, "smallint", ColumnKind::Integer},
    {23, "integer", ColumnKind::Integer},
    {25, "text", ColumnKind::Text},
    {26, "oid", ColumnKind::Integer},
    {114, "json", ColumnKind::Json},
    {700, "real", ColumnKind::Real},
    {701, "double precision", ColumnKind::Real},
    {790, "money", ColumnKind::Decimal},
    {1042, "character", ColumnKind::Text},
    {1043, "character varying", ColumnKind::Text},
    {1082, "date", ColumnKind::Date},
    {1083, "time", ColumnKind::Time},
    {1114, "timestamp", ColumnKind::DateTime},
    {1184, "timestamptz", ColumnKind::DateTime},
    {1186, "interval", ColumnKind::Other},
    {1266, "timetz", ColumnKind::Time},
    {1700, "numeric", ColumnKind::Decimal},
    {2950, "uuid", ColumnKind::Text},
    {3802, "jsonb", ColumnKind::Json},
    {869, "inet", ColumnKind::Text},
    {650, "cidr", ColumnKind::Text},
    {142, "xml", ColumnKind::Text},
};

Columns columnsOf(const PGresult *res)
{
    Columns columns;
    const int count = pq().PQnfields(res);
    columns.reserve(count);
    for (int i = 0; i < count; ++i) {
        Column column;
        column.name = QString::fromUtf8(pq().PQfname(res, i));
        const Oid oid = pq().PQftype(res, i);
        column.typeName = QStringLiteral("oid %1").arg(oid);
        for (const PgType &type : kTypes) {
            if (type.oid == oid) {
                column.typeName = QString::fromLatin1(type.name);
                column.kind = type.kind;
                break;
            }
        }
        columns.append(column);
    }
    return columns;
}

// Streams the rows of one result (one row in single-row mode, all of them
// otherwise); false when the sink stopped.
bool deliverRows(const PGresult *res, RowSink &sink, StatementResult &result,
                 const Columns &columns)
{
    const Libpq &api = pq(); // once, not once a value
    const int rows = api.PQntuples(res);
    const int fields = api.PQnfields(res);
    QVarLengthArray<CellView, 16> cells(fields);
    for (int r = 0; r < rows; ++r) {
        QVarLengthArray<unsigned char *, 4> unescaped;
        for (int c = 0; c < fields; ++c) {
            CellView &cell = cells[c];
            if (api.PQgetisnull(res, r, c)) {
                cell = CellView{};
                continue;
            }
            cell.data = api.PQgetvalue(res, r, c);
            cell.size = api.PQgetlength(res, r, c);
            cell.kind = CellKind::Text;
            if (columns.at(c).kind == ColumnKind::Binary) {
                size_t length = 0;
                unsigned char *bytes = api.PQunescapeBytea(
                    reinterpret_cast<const unsigned char *>(cell.data), &length);
                if (bytes) {
                    unescaped.append(bytes);
                    cell.kind = CellKind::Binary;
                    cell.data = reinterpret_cast<const char *>(bytes);
                    cell.size = qsizetype(length);
                }
            }
            cell.fullSize = cell.size;
        }
        ++result.rowCount;
        const bool more = sink.row(cells.constData());
        for (unsigned char *bytes : unescaped)
            api.PQfreemem(bytes);
        if (!more)
            return false;
    }
    return true;
}

// Reads what PQgetResult returns for one statement, result by result, into the
// sink and the statement's result.
class ResultReader
{
public:
    ResultReader(PGconn *conn, RowSink &sink, StatementResult &result)
        : m_conn(conn)
        , m_sink(sink)
        , m_result(result)
    {
    }

    bool stopped() const { return m_stopped; }
    qint64 affected() const { return m_affected; } // -1 when no statement reported a count

    void read(PGresult *res)
    {
        switch (pq().PQresultStatus(res)) {
        case PGRES_SINGLE_TUPLE:
        case PGRES_TUPLES_OK:
            readRows(res);
            break;
        case PGRES_COMMAND_OK:
            readCommand(res);
            break;
        case PGRES_EMPTY_QUERY:
            break;
        case PGRES_COPY_OUT:
            readCopyOut();
            break;
        case PGRES_COPY_IN:
        case PGRES_COPY_BOTH:
            pq().PQputCopyEnd(m_conn, "poolscope does not send COPY data from the client");
            break;
        default:
            readError(res);
            break;
        }
    }

private:
    void readRows(PGresult *res)
    {
        if (!m_inResultSet) {
            m_columns = columnsOf(res);
            m_result.returnedRows = true;
            m_inResultSet = true;
            if (!m_sink.begin(m_columns))
                m_stopped = true;
        }
        if (!m_stopped && !deliverRows(res, m_sink, m_result, m_columns))
            m_stopped = true;
        if (pq().PQresultStatus(res) == PGRES_TUPLES_OK || m_stopped) {
            m_sink.end();
            m_inResultSet = false;
            m_result.commandTag = QString::fromUtf8(pq().PQcmdStatus(res));
        }
    }

    void readCommand(PGresult *res)
    {
        m_result.commandTag = QString::fromUtf8(pq().PQcmdStatus(res));
        const QByteArray tuples(pq().PQcmdTuples(res));
        if (!tuples.isEmpty())
            m_affected = (m_affected < 0 ? 0 : m_affected) + tuples.toLongLong();
    }

    void readCopyOut()
    {
        // COPY ... TO STDOUT: each line becomes one row of one column.
        m_columns =
            Columns{Column{QStringLiteral("copy"), QStringLiteral("text"), ColumnKind::Text}};
        m_result.returnedRows = true;
        m_stopped = !m_sink.begin(m_columns);
        char *line = nullptr;
        int length = 0;
        while ((length = pq().PQgetCopyData(m_conn, &line, 0)) > 0) {
            if (!m_stopped) {
                CellView cell{CellKind::Text, line,
                              length > 0 && line[length - 1] == '\n' ? length - 1 : length};
                cell.fullSize = cell.size;
                ++m_result.rowCount;
                m_stopped = !m_sink.row(&cell);
            }
            pq().PQfreemem(line);
        }
        m_sink.end();
    }

    void readError(const PGresult *res)
    {
        PostgresError::describe(m_result, res, m_conn);
        if (m_inResultSet) {
            m_sink.end();
            m_inResultSet = false;
        }
    }

    PGconn *m_conn;
    RowSink &m_sink;
    StatementResult &m_result;
    Columns m_columns;
    bool m_inResultSet = false;
    bool m_stopped = false;
    qint64 m_affected = -1;
};

} // namespace

PostgresNativeConnection::PostgresNativeConnection(PGconn *conn)
    : m_conn(conn)
    , m_interrupter(std::make_shared<PostgresInterrupter>(conn))
{
    m_previousReceiver =
        pq().PQsetNoticeReceiver(m_conn, &PostgresNativeConnection::noticeReceiver, this);
    // Qt's driver switches its sessions to bytea_output = escape for its own
    // decoding, which reads hex as well. PostgreSQL's default comes back, so
    // bytes read the same in poolscope as in psql, and an export through COPY
    // (copyCsv) writes them as \x and hex digits like every other export.
    if (pq().PQstatus(m_conn) == CONNECTION_OK && pq().PQtransactionStatus(m_conn) == PQTRANS_IDLE)
        pq().PQclear(pq().PQexec(m_conn, "SET bytea_output = hex"));
}

PostgresNativeConnection::~PostgresNativeConnection()
{
    release();
}

void PostgresNativeConnection::noticeReceiver(void *self, const PGresult *result)
{
    auto *connection = static_cast<PostgresNativeConnection *>(self);
    const char *severity = pq().PQresultErrorField(result, PG_DIAG_SEVERITY);
    const char *message = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    connection->m_notices << QStringLiteral("%1: %2").arg(
        QString::fromUtf8(severity ? severity : "NOTICE"),
        QString::fromUtf8(message ? message : ""));
}

qint64 PostgresNativeConnection::serverId() const
{
    return m_conn ? pq().PQbackendPID(m_conn) : 0;
}

QString PostgresNativeConnection::serverVersion() const
{
    const char *version = m_conn ? pq().PQparameterStatus(m_conn, "server_version") : nullptr;
    return version ? QStringLiteral("PostgreSQL ") + QString::fromUtf8(version) : QString();
}

TransactionState PostgresNativeConnection::transactionState() const
{
    if (!m_conn || pq().PQstatus(m_conn) != CONNECTION_OK)
        return TransactionState::Unknown;
    switch (pq().PQtransactionStatus(m_conn)) {
    case PQTRANS_IDLE:
        return TransactionState::Idle;
    case PQTRANS_INTRANS:
        return TransactionState::InTransaction;
    case PQTRANS_INERROR:
        return TransactionState::Failed;
    default:
        return TransactionState::Unknown;
    }
}

void PostgresNativeConnection::execute(const QByteArray &sql, const SqlParams &params,
                                       RowSink &sink, StatementResult &result)
{
    m_notices.clear();
    result.ok = true;
    if (!send(sql, params)) {
        result.ok = false;
        result.error = PostgresError::text(nullptr, m_conn);
        result.connectionLost = pq().PQstatus(m_conn) != CONNECTION_OK;
        return;
    }
    pq().PQsetSingleRowMode(m_conn);

    ResultReader reader(m_conn, sink, result);
    while (PGresult *res = pq().PQgetResult(m_conn)) {
        if (reader.stopped()) { // draining after a stop
            pq().PQclear(res);
            continue;
        }
        reader.read(res);
        pq().PQclear(res);
        if (reader.stopped() && !result.cancelled) {
            // The sink wants no more: ask the server to stop instead of reading
            // the rest of a possibly huge result.
            m_interrupter->interruptRunning();
            result.ok = false;
            result.cancelled = true;
            result.error = QStringLiteral("Statement cancelled");
        }
    }
    result.connectionLost = pq().PQstatus(m_conn) != CONNECTION_OK;
    if (result.connectionLost && result.ok) {
        result.ok = false;
        result.error = PostgresError::text(nullptr, m_conn);
    }
    if (!result.returnedRows)
        result.rowsAffected = reader.affected();
    result.notices = m_notices;
}

bool PostgresNativeConnection::copyCsv(const QByteArray &sql, bool header, CsvLineSink &sink,
                                       StatementResult &result)
{
    // Outside a transaction a query the server refuses inside COPY costs
    // nothing; inside one, the refusal would abort the user's transaction.
    if (!m_conn || pq().PQtransactionStatus(m_conn) != PQTRANS_IDLE)
        return false;
    m_notices.clear();
    if (!PostgresCsvCopy(m_conn, sink, result, *m_interrupter).run(sql, header))
        return false;
    result.connectionLost = pq().PQstatus(m_conn) != CONNECTION_OK;
    if (result.connectionLost && result.ok) {
        result.ok = false;
        result.error = PostgresError::text(nullptr, m_conn);
    }
    result.notices = m_notices;
    return true;
}

bool PostgresNativeConnection::send(const QByteArray &sql, const SqlParams &params)
{
    if (params.isEmpty())
        return pq().PQsendQuery(m_conn, sql.constData()) != 0;
    // Text for everything but bytes: the server parses each value as the type
    // it infers for its placeholder, as it would a literal.
    std::vector<QByteArray> storage(size_t(params.size()));
    std::vector<const char *> values(size_t(params.size()), nullptr);
    std::vector<int> lengths(size_t(params.size()), 0);
    std::vector<int> formats(size_t(params.size()), 0);
    for (qsizetype i = 0; i < params.size(); ++i) {
        const QVariant &value = params.at(i);
        if (value.isNull())
            continue;
        const bool bytes = value.typeId() == QMetaType::QByteArray;
        storage[size_t(i)] = bytes ? value.toByteArray() : value.toString().toUtf8();
        values[size_t(i)] = storage[size_t(i)].constData();
        lengths[size_t(i)] = int(storage[size_t(i)].size());
        formats[size_t(i)] = bytes ? 1 : 0;
    }
    return pq().PQsendQueryParams(m_conn, sql.constData(), int(params.size()), nullptr,
                                  values.data(), lengths.data(), formats.data(), 0) != 0;
}

bool PostgresNativeConnection::ping(QString *error)
{
    PGresult *res = pq().PQexec(m_conn, "SELECT 1");
    const bool ok = pq().PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok && error)
        *error = PostgresError::text(res, m_conn);
    pq().PQclear(res);
    return ok;
}

int PostgresNativeConnection::socket() const
{
    return m_conn ? pq().PQsocket(m_conn) : -1;
}

bool PostgresNativeConnection::checkAlive(QString *reason)
{
    if (!m_conn)
        return false;
    pq().PQconsumeInput(m_conn);
    // LISTEN notifications are the only other thing an idle server sends.
    while (PGnotify *notify = pq().PQnotifies(m_conn))
        pq().PQfreemem(notify);
    if (pq().PQstatus(m_conn) == CONNECTION_OK)
        return true;
    // libpq hands the server's goodbye to an idle connection ("FATAL:
    // terminating connection due to administrator command") to the notice
    // receiver; it says more than the end of file that follows it. The list
    // starts empty with every statement.
    *reason = QString::fromUtf8(pq().PQerrorMessage(m_conn)).simplified();
    for (const QString &notice : std::as_const(m_notices)) {
        if (notice.startsWith(QLatin1String("FATAL")))
            *reason = notice;
    }
    return false;
}

std::optional<bool> PostgresNativeConnection::sessionReadOnly()
{
    if (!m_conn || pq().PQstatus(m_conn) != CONNECTION_OK)
        return std::nullopt;
    // Reported by the server on every change since PostgreSQL 14: no round trip.
    if (const char *value = pq().PQparameterStatus(m_conn, "default_transaction_read_only"))
        return qstrcmp(value, "on") == 0;
    if (pq().PQtransactionStatus(m_conn) == PQTRANS_INERROR)
        return std::nullopt;
    PGresult *res = pq().PQexec(m_conn, "SHOW default_transaction_read_only");
    std::optional<bool> readOnly;
    if (pq().PQresultStatus(res) == PGRES_TUPLES_OK && pq().PQntuples(res) == 1)
        readOnly = qstrcmp(pq().PQgetvalue(res, 0, 0), "on") == 0;
    pq().PQclear(res);
    return readOnly;
}

std::shared_ptr<Interrupter> PostgresNativeConnection::interrupter() const
{
    return m_interrupter;
}

void PostgresNativeConnection::release()
{
    m_interrupter->detach();
    if (m_conn)
        pq().PQsetNoticeReceiver(m_conn, m_previousReceiver, nullptr);
    m_conn = nullptr;
}

std::unique_ptr<RowWriter> PostgresNativeConnection::rowWriter(const QString &table,
                                                               const QStringList &columns,
                                                               QString *error)
{
    const QByteArray copy = QStringLiteral("COPY %1 (%2) FROM STDIN")
                                .arg(table, columns.join(QStringLiteral(", ")))
                                .toUtf8();
    auto writer = std::make_unique<PostgresRowWriter>(m_conn, copy, int(columns.size()));
    if (!writer->isOpen()) {
        *error = writer->error();
        return nullptr;
    }
    return writer;
}

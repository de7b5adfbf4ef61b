#include "core/driver/mysqlnativeconnection.h"

#include "core/driver/interrupter.h"
#include "core/driver/libmariadb.h"
#include "core/driver/mariadbbulkrowwriter.h"
#include "core/driver/mysqlparambinder.h"
#include "core/driver/mysqlrowwriter.h"
#include "core/driver/rowsink.h"

#include <QRegularExpression>
#include <QVarLengthArray>

#include <cerrno>
#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <sys/socket.h>

class MysqlInterrupter final : public Interrupter
{
public:
    MysqlInterrupter(const ConnectSpec &spec, unsigned long threadId, int socket)
        : Interrupter(socket)
        , m_url(spec.url)
        , m_threadId(threadId)
    {
    }

protected:
    void doInterrupt() override
    {
        // A statement cannot be stopped from its own connection while it runs,
        // so a short-lived side connection asks the server to kill it.
        MYSQL *side = mariadb().mysql_init(nullptr);
        if (!side)
            return;
        // A server that accepts and never answers must not hold this thread
        // (and the statement's disarm, which waits for it) for ever.
        const unsigned int timeout = 5;
        mariadb().mysql_options(side, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
        mariadb().mysql_options(side, MYSQL_OPT_READ_TIMEOUT, &timeout);
        mariadb().mysql_options(side, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
        const QByteArray host = m_url.host().toUtf8();
        const QByteArray user = m_url.username().toUtf8();
        const QByteArray password = m_url.password().toUtf8();
        const QByteArray socket = m_url.option(QStringLiteral("unix_socket")).toUtf8();
        if (mariadb().mysql_real_connect(side, host.isEmpty() ? nullptr : host.constData(),
                                         user.constData(),
                                         m_url.hasPassword() ? password.constData() : nullptr,
                                         nullptr, m_url.port() > 0 ? unsigned(m_url.port()) : 0,
                                         socket.isEmpty() ? nullptr : socket.constData(), 0)) {
            const QByteArray kill = "KILL QUERY " + QByteArray::number(qulonglong(m_threadId));
            mariadb().mysql_real_query(side, kill.constData(), kill.size());
        }
        mariadb().mysql_close(side);
    }

private:
    Url m_url;
    unsigned long m_threadId;
};

namespace {

// Long, but one flat case per type: split up, a type would only be harder to look up.
Column columnOf(const MYSQL_FIELD &field)
{
    Column column;
    column.name = QString::fromUtf8(field.name, int(field.name_length));
    const bool binary = field.charsetnr == 63;
    switch (field.type) {
    case MYSQL_TYPE_TINY:
        column.typeName = QStringLiteral("tinyint");
        column.kind = ColumnKind::Integer;
        break;
    case MYSQL_TYPE_SHORT:
        column.typeName = QStringLiteral("smallint");
        column.kind = ColumnKind::Integer;
        break;
    case MYSQL_TYPE_INT24:
        column.typeName = QStringLiteral("mediumint");
        column.kind = ColumnKind::Integer;
        break;
    case MYSQL_TYPE_LONG:
        column.typeName = QStringLiteral("int");
        column.kind = ColumnKind::Integer;
        break;
    case MYSQL_TYPE_LONGLONG:
        column.typeName = QStringLiteral("bigint");
        column.kind = ColumnKind::Integer;
        break;
    case MYSQL_TYPE_YEAR:
        column.typeName = QStringLiteral("year");
        column.kind = ColumnKind::Integer;
        break;
    case MYSQL_TYPE_FLOAT:
        column.typeName = QStringLiteral("float");
        column.kind = ColumnKind::Real;
        break;
    case MYSQL_TYPE_DOUBLE:
        column.typeName = QStringLiteral("double");
        column.kind = ColumnKind::Real;
        break;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
        column.typeName = QStringLiteral("decimal");
        column.kind = ColumnKind::Decimal;
        break;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
        column.typeName = QStringLiteral("date");
        column.kind = ColumnKind::Date;
        break;
    case MYSQL_TYPE_TIME:
        column.typeName = QStringLiteral("time");
        column.kind = ColumnKind::Time;
        break;
    case MYSQL_TYPE_DATETIME:
        column.typeName = QStringLiteral("datetime");
        column.kind = ColumnKind::DateTime;
        break;
    case MYSQL_TYPE_TIMESTAMP:
        column.typeName = QStringLiteral("timestamp");
        column.kind = ColumnKind::DateTime;
        break;
    case MYSQL_TYPE_JSON:
        column.typeName = QStringLiteral("json");
        column.kind = ColumnKind::Json;
        break;
    case MYSQL_TYPE_BIT:
        column.typeName = QStringLiteral("bit");
        column.kind = ColumnKind::Binary;
        break;
    case MYSQL_TYPE_GEOMETRY:
        column.typeName = QStringLiteral("geometry");
        column.kind = ColumnKind::Binary;
        break;
    case MYSQL_TYPE_NULL:
        column.typeName = QStringLiteral("null");
        column.kind = ColumnKind::Other;
        break;
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
        column.typeName = binary ? QStringLiteral("blob") : QStringLiteral("text");
        column.kind = binary ? ColumnKind::Binary : ColumnKind::Text;
        break;
    default:
        column.typeName = binary ? QStringLiteral("varbinary") : QStringLiteral("varchar");
        column.kind = binary ? ColumnKind::Binary : ColumnKind::Text;
        break;
    }
    return column;
}

bool isConnectionLost(unsigned int code)
{
    return code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST || code == CR_CONNECTION_ERROR ||
           code == CR_CONN_HOST_ERROR || code == ER_CONNECTION_KILLED ||
           code == ER_SERVER_SHUTDOWN || code == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

// MySQL reports syntax errors as "... near 'rest of statement' at line N";
// turn that into a character position.
int positionFromMessage(const QString &message, const QByteArray &sql)
{
    static const QRegularExpression near(QStringLiteral("near '(.*)' at line (\\d+)$"),
                                         QRegularExpression::DotMatchesEverythingOption);
    const auto match = near.match(message);
    if (!match.hasMatch())
        return -1;
    const QString statement = QString::fromUtf8(sql);
    const QString rest = match.captured(1);
    if (rest.isEmpty())
        return int(statement.size());
    const int line = match.captured(2).toInt();
    qsizetype lineStart = 0;
    for (int i = 1; i < line && lineStart >= 0; ++i) {
        lineStart = statement.indexOf(QLatin1Char('\n'), lineStart);
        if (lineStart >= 0)
            ++lineStart;
    }
    const qsizetype found = statement.indexOf(rest, qMax<qsizetype>(lineStart, 0));
    return found >= 0 ? int(found) : -1;
}

} // namespace

MysqlNativeConnection::MysqlNativeConnection(MYSQL *mysql, const ConnectSpec &spec)
    : m_mysql(mysql)
    , m_interrupter(std::make_shared<MysqlInterrupter>(spec, mariadb().mysql_thread_id(mysql),
                                                       int(mariadb().mysql_get_socket(mysql))))
{
}

MysqlNativeConnection::~MysqlNativeConnection()
{
    release();
}

qint64 MysqlNativeConnection::serverId() const
{
    return m_mysql ? qint64(mariadb().mysql_thread_id(m_mysql)) : 0;
}

QString MysqlNativeConnection::serverVersion() const
{
    if (!m_mysql)
        return {};
    const QString info = QString::fromUtf8(mariadb().mysql_get_server_info(m_mysql));
    const bool maria = info.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
    return (maria ? QStringLiteral("MariaDB ") : QStringLiteral("MySQL ")) +
           info.section(QLatin1Char('-'), 0, 0);
}

TransactionState MysqlNativeConnection::transactionState() const
{
    if (!m_mysql)
        return TransactionState::Unknown;
    unsigned int status = 0;
    if (mariadb().mariadb_get_infov(m_mysql, MARIADB_CONNECTION_SERVER_STATUS, &status))
        return TransactionState::Unknown;
    return (status & SERVER_STATUS_IN_TRANS) ? TransactionState::InTransaction
                                             : TransactionState::Idle;
}

void MysqlNativeConnection::fail(StatementResult &result, const QByteArray &sql) const
{
    const unsigned int code = mariadb().mysql_errno(m_mysql);
    result.ok = false;
    result.error = QString::fromUtf8(mariadb().mysql_error(m_mysql));
    result.errorCode = QString::number(code);
    result.connectionLost = isConnectionLost(code);
    result.cancelled = code == ER_QUERY_INTERRUPTED || code == 3024 /* ER_QUERY_TIMEOUT */;
    result.errorPosition = positionFromMessage(result.error, sql);
}

QStringList MysqlNativeConnection::warnings()
{
    QStringList out;
    if (mariadb().mysql_warning_count(m_mysql) == 0 ||
        mariadb().mysql_query(m_mysql, "SHOW WARNINGS") != 0)
        return out;
    if (MYSQL_RES *res = mariadb().mysql_store_result(m_mysql)) {
        while (MYSQL_ROW row = mariadb().mysql_fetch_row(res))
            out << QStringLiteral("%1 %2: %3")
                       .arg(QString::fromUtf8(row[0]), QString::fromUtf8(row[1]),
                            QString::fromUtf8(row[2]));
        mariadb().mysql_free_result(res);
    }
    return out;
}

void MysqlNativeConnection::execute(const QByteArray &statement, const SqlParams &params,
                                    RowSink &sink, StatementResult &result)
{
    result.ok = true;
    const QByteArray sql = params.isEmpty()
                               ? statement
                               : MysqlParamBinder::bind(m_mysql, statement, params, &result.error);
    if (sql.isEmpty() && !statement.isEmpty()) {
        result.ok = false;
        return;
    }
    if (mariadb().mysql_real_query(m_mysql, sql.constData(), sql.size()) != 0) {
        fail(result, sql);
        return;
    }
    qint64 affected = -1;
    bool stopped = false;
    for (;;) {
        if (MYSQL_RES *res = mariadb().mysql_use_result(m_mysql)) {
            const unsigned int fields = mariadb().mysql_num_fields(res);
            const MYSQL_FIELD *info = mariadb().mysql_fetch_fields(res);
            Columns columns;
            columns.reserve(int(fields));
            for (unsigned int i = 0; i < fields; ++i)
                columns.append(columnOf(info[i]));
            result.returnedRows = true;
            stopped = !sink.begin(columns);
            QVarLengthArray<CellView, 16> cells(static_cast<qsizetype>(fields));
            while (!stopped) {
                MYSQL_ROW row = mariadb().mysql_fetch_row(res);
                if (!row)
                    break;
                const unsigned long *lengths = mariadb().mysql_fetch_lengths(res);
                for (unsigned int i = 0; i < fields; ++i) {
                    CellView &cell = cells[int(i)];
                    if (!row[i]) {
                        cell = CellView{};
                        continue;
                    }
                    cell.kind = columns.at(int(i)).kind == ColumnKind::Binary ? CellKind::Binary
                                                                              : CellKind::Text;
                    cell.data = row[i];
                    cell.size = qsizetype(lengths[i]);
                    cell.fullSize = cell.size;
                }
                ++result.rowCount;
                stopped = !sink.row(cells.constData());
            }
            sink.end();
            if (stopped)
                m_interrupter->interruptRunning(); // so freeing the result does not read it all
            const bool fetchError = !stopped && mariadb().mysql_errno(m_mysql) != 0;
            if (fetchError)
                fail(result, sql);
            mariadb().mysql_free_result(res);
            if (fetchError)
                break;
        } else if (mariadb().mysql_field_count(m_mysql) == 0) {
            const my_ulonglong rows = mariadb().mysql_affected_rows(m_mysql);
            if (rows != my_ulonglong(-1))
                affected = (affected < 0 ? 0 : affected) + qint64(rows);
        } else {
            fail(result, sql);
            break;
        }
        if (stopped) {
            result.ok = false;
            result.cancelled = true;
            result.error = QStringLiteral("Statement cancelled");
        }
        const int next = mariadb().mysql_next_result(m_mysql);
        if (next < 0)
            break;
        if (next > 0) {
            if (!stopped)
                fail(result, sql);
            break;
        }
    }
    if (!result.returnedRows)
        result.rowsAffected = affected;
    if (result.ok)
        result.notices = warnings();
}

bool MysqlNativeConnection::ping(QString *error)
{
    const bool ok = mariadb().mysql_ping(m_mysql) == 0;
    if (!ok && error)
        *error = QString::fromUtf8(mariadb().mysql_error(m_mysql));
    return ok;
}

int MysqlNativeConnection::socket() const
{
    return m_mysql ? int(mariadb().mysql_get_socket(m_mysql)) : -1;
}

bool MysqlNativeConnection::checkAlive(QString *reason)
{
    // The protocol has the server speak only when asked: anything readable on
    // an idle connection is its goodbye (an error packet, then end of file).
    const int fd = socket();
    if (fd < 0)
        return false;
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return true;
    *reason = n == 0 ? QStringLiteral("the server closed the connection")
                     : QStringLiteral("the server ended the session");
    return false;
}

std::optional<bool> MysqlNativeConnection::sessionReadOnly()
{
    if (!m_mysql)
        return std::nullopt;
    const char *const queries[] = {"SELECT @@session.tx_read_only",
                                   "SELECT @@session.transaction_read_only"};
    for (const char *query : queries) {
        if (m_readOnlyQuery && m_readOnlyQuery != query)
            continue;
        if (mariadb().mysql_query(m_mysql, query) != 0) {
            if (mariadb().mysql_errno(m_mysql) == ER_UNKNOWN_SYSTEM_VARIABLE)
                continue;
            return std::nullopt;
        }
        MYSQL_RES *res = mariadb().mysql_store_result(m_mysql);
        if (!res)
            return std::nullopt;
        std::optional<bool> readOnly;
        if (MYSQL_ROW row = mariadb().mysql_fetch_row(res); row && row[0])
            readOnly = qstrcmp(row[0], "0") != 0;
        mariadb().mysql_free_result(res);
        m_readOnlyQuery = query;
        return readOnly;
    }
    return std::nullopt;
}

std::shared_ptr<Interrupter> MysqlNativeConnection::interrupter() const
{
    return m_interrupter;
}

void MysqlNativeConnection::release()
{
    m_interrupter->detach();
    m_mysql = nullptr;
}

std::unique_ptr<RowWriter>
MysqlNativeConnection::rowWriter(const QString &table, const QStringList &columns, QString *error)
{
    if (MariadbBulkRowWriter::isSupported(m_mysql)) {
        const QByteArray insert = RowWriter::placeholderInsert(table, columns);
        auto bulk = std::make_unique<MariadbBulkRowWriter>(m_mysql, insert, int(columns.size()));
        if (!bulk->isOpen()) {
            *error = bulk->error();
            return nullptr;
        }
        return bulk;
    }
    return insertRowWriter(table, columns);
}

std::unique_ptr<RowWriter> MysqlNativeConnection::insertRowWriter(const QString &table,
                                                                  const QStringList &columns)
{
    const QByteArray head = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                                .arg(table, columns.join(QStringLiteral(", ")))
                                .toUtf8();
    MYSQL *mysql = m_mysql;
    // mysql_real_escape_string follows the session's NO_BACKSLASH_ESCAPES.
    auto escape = [mysql](QByteArray &out, const char *data, qsizetype size) {
        const qsizetype at = out.size();
        out.resize(at + 2 * size + 1);
        const unsigned long written = mariadb().mysql_real_escape_string(
            mysql, out.data() + at, data, static_cast<unsigned long>(size));
        out.resize(at + qsizetype(written));
    };
    return std::make_unique<MysqlRowWriter>(*this, head, int(columns.size()), escape);
}

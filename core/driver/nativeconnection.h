#pragma once

#include "core/config/connectspec.h"
#include "core/driver/column.h"
#include "core/driver/sqlparams.h"
#include "core/driver/statementresult.h"

#include <QByteArray>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <optional>

class CsvLineSink;
class Interrupter;
class RowSink;
class RowWriter;

enum class TransactionState { Idle, InTransaction, Failed, Unknown };

// The native client API (sqlite3, libpq, libmariadb) behind one open Qt SQL
// connection, reached through QSqlDriver::handle(). Qt opens and closes the
// connection; statements run here because the native APIs stream rows in
// constant memory and can be interrupted. Used only on the worker thread that
// owns the connection, except interrupter().
class NativeConnection
{
public:
    // handle is QSqlDriver::handle() of an open connection; nullptr when it is
    // not a handle of the expected type, or (with *error) when the client
    // library's functions cannot be found (Libpq, Libmariadb).
    static std::unique_ptr<NativeConnection> create(Dialect dialect, const QVariant &handle,
                                                    const ConnectSpec &spec,
                                                    QString *error = nullptr);

    virtual ~NativeConnection() = default;

    // PostgreSQL backend pid, MySQL CONNECTION_ID(), 0 for SQLite.
    virtual qint64 serverId() const = 0;
    virtual QString serverVersion() const = 0;
    virtual TransactionState transactionState() const = 0;
    // Runs sql (one or more statements), streaming every result set to sink.
    void execute(const QByteArray &sql, RowSink &sink, StatementResult &result)
    {
        execute(sql, SqlParams(), sink, result);
    }
    // The same with values for sql's placeholders; a statement with
    // placeholders must be the only one in sql.
    virtual void execute(const QByteArray &sql, const SqlParams &params, RowSink &sink,
                         StatementResult &result) = 0;
    // Runs sql, one query that returns rows (SELECT, WITH, VALUES, TABLE),
    // with the server writing its result as CSV (PostgreSQL's COPY (…) TO
    // STDOUT), the fastest way out of the server, into sink; with a header line
    // when header is true. False, and nothing done, when this connection
    // cannot: its server has no such output, a transaction is open, or the
    // server does not take the query inside COPY. execute() is then the way.
    virtual bool copyCsv(const QByteArray &sql, bool header, CsvLineSink &sink,
                         StatementResult &result)
    {
        Q_UNUSED(sql)
        Q_UNUSED(header)
        Q_UNUSED(sink)
        Q_UNUSED(result)
        return false;
    }
    // Runs sql for its effect, dropping any rows.
    StatementResult run(const QByteArray &sql, const SqlParams &params = SqlParams());
    // A writer of rows into table (qualified and quoted) and its columns
    // (quoted); nullptr with *error when the server refused.
    virtual std::unique_ptr<RowWriter> rowWriter(const QString &table, const QStringList &columns,
                                                 QString *error) = 0;
    // A round trip to the server; false with *error when the connection is dead.
    virtual bool ping(QString *error) = 0;
    virtual std::shared_ptr<Interrupter> interrupter() const = 0;
    // The socket to the server, -1 when there is none (SQLite).
    virtual int socket() const { return -1; }
    // Called when the socket turns readable while no statement runs: a server
    // that ends a session says so on the socket. Reads what arrived; false
    // with *reason when the connection is gone.
    virtual bool checkAlive(QString *reason)
    {
        Q_UNUSED(reason)
        return true;
    }
    // Whether the session still refuses writes by default, as the server
    // says (PostgreSQL's default_transaction_read_only, MySQL's
    // tx_read_only); nullopt when it cannot tell right now. Read-only binds
    // check it after each statement, since any session may switch it off.
    virtual std::optional<bool> sessionReadOnly() { return std::nullopt; }
    // Forgets the handle before Qt closes it.
    virtual void release() = 0;
};

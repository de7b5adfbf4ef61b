#pragma once

#include "core/driver/nativeconnection.h"

struct sqlite3;
struct sqlite3_stmt;
class SqliteInterrupter;

// Statements through sqlite3_prepare_v2 / sqlite3_step; cancel through
// sqlite3_interrupt.
class SqliteNativeConnection final : public NativeConnection
{
public:
    explicit SqliteNativeConnection(sqlite3 *db);
    ~SqliteNativeConnection() override;

    qint64 serverId() const override { return 0; }
    QString serverVersion() const override;
    TransactionState transactionState() const override;
    using NativeConnection::execute;
    void execute(const QByteArray &sql, const SqlParams &params, RowSink &sink,
                 StatementResult &result) override;
    std::unique_ptr<RowWriter> rowWriter(const QString &table, const QStringList &columns,
                                         QString *error) override;
    bool ping(QString *error) override;
    std::shared_ptr<Interrupter> interrupter() const override;
    void release() override;

private:
    bool bindParams(sqlite3_stmt *stmt, const SqlParams &params, StatementResult &result);

    sqlite3 *m_db;
    std::shared_ptr<SqliteInterrupter> m_interrupter;
};

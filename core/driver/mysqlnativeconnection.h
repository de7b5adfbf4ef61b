#pragma once

#include "core/driver/nativeconnection.h"

struct st_mysql;
class MysqlInterrupter;

// Statements through mysql_real_query + mysql_use_result (unbuffered, rows
// stream from the socket); cancel through KILL QUERY on a side connection.
class MysqlNativeConnection final : public NativeConnection
{
public:
    MysqlNativeConnection(st_mysql *mysql, const ConnectSpec &spec);
    ~MysqlNativeConnection() override;

    qint64 serverId() const override;
    QString serverVersion() const override;
    TransactionState transactionState() const override;
    using NativeConnection::execute;
    void execute(const QByteArray &sql, const SqlParams &params, RowSink &sink,
                 StatementResult &result) override;
    std::unique_ptr<RowWriter> rowWriter(const QString &table, const QStringList &columns,
                                         QString *error) override;
    // The writer MySQL servers get (rowWriter() gives MariaDB its bulk
    // execution): multi-row INSERT statements.
    std::unique_ptr<RowWriter> insertRowWriter(const QString &table, const QStringList &columns);
    bool ping(QString *error) override;
    std::shared_ptr<Interrupter> interrupter() const override;
    int socket() const override;
    bool checkAlive(QString *reason) override;
    std::optional<bool> sessionReadOnly() override;
    void release() override;

private:
    void fail(StatementResult &result, const QByteArray &sql) const;
    QStringList warnings();

    st_mysql *m_mysql;
    // MariaDB and MySQL 5.7 call it tx_read_only, MySQL 8 transaction_read_only.
    const char *m_readOnlyQuery = nullptr;
    std::shared_ptr<MysqlInterrupter> m_interrupter;
};

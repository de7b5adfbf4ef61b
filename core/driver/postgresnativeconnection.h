#pragma once

#include "core/driver/nativeconnection.h"

#include <QStringList>

struct pg_conn;
class PostgresInterrupter;

// Statements through PQsendQuery in single-row mode, so rows stream without the
// whole result in memory; cancel through PQcancel.
class PostgresNativeConnection final : public NativeConnection
{
public:
    explicit PostgresNativeConnection(pg_conn *conn);
    ~PostgresNativeConnection() override;

    qint64 serverId() const override;
    QString serverVersion() const override;
    TransactionState transactionState() const override;
    using NativeConnection::execute;
    void execute(const QByteArray &sql, const SqlParams &params, RowSink &sink,
                 StatementResult &result) override;
    bool copyCsv(const QByteArray &sql, bool header, CsvLineSink &sink,
                 StatementResult &result) override;
    std::unique_ptr<RowWriter> rowWriter(const QString &table, const QStringList &columns,
                                         QString *error) override;
    bool ping(QString *error) override;
    std::shared_ptr<Interrupter> interrupter() const override;
    int socket() const override;
    bool checkAlive(QString *reason) override;
    std::optional<bool> sessionReadOnly() override;
    void release() override;

private:
    bool send(const QByteArray &sql, const SqlParams &params);
    static void noticeReceiver(void *self, const struct pg_result *result);

    pg_conn *m_conn;
    void (*m_previousReceiver)(void *, const struct pg_result *) = nullptr;
    std::shared_ptr<PostgresInterrupter> m_interrupter;
    QStringList m_notices;
};

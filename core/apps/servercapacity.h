#pragma once

#include "core/apps/appprocess.h"
#include "core/config/bind.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// Whether everyone who may connect to one server fits in it: max_connections
// (less the superusers' slots) beside what our own binds and the probed
// applications' pools may open, processes × (pool_size + max_overflow). A
// pool without a limit (NullPool, max_overflow -1) can always exceed it.
class ServerCapacity final
{
    Q_DECLARE_TR_FUNCTIONS(ServerCapacity)

public:
    struct Claim
    {
        QString who; // "bind reports", "gunicorn -w 2 app:app"
        int processes = 1;
        std::optional<int> perProcess{}; // unset: no limit
    };

    // limitName names maxConnections in describe(): max_connections, or
    // max_client_conn for PgBouncer.
    ServerCapacity(std::optional<int> maxConnections, int reserved,
                   const QString &limitName = QStringLiteral("max_connections"));

    // Our binds to server, and the probed engines that reach it.
    void addBinds(const QList<Bind> &binds, const Url &server);
    void addApps(const QList<AppProcess> &processes, const Url &server);
    // A PgBouncer in front of the server, which may open serverConnections
    // (PgBouncerState::serverConnectionLimit()).
    void addPooler(const QString &who, int serverConnections);

    const QList<Claim> &claims() const { return m_claims; }
    // The slots clients may use; unset when the server did not say.
    std::optional<int> available() const;
    // The most all claims may open together; unset when one has no limit.
    std::optional<int> demand() const;
    bool canExceed() const;
    // One line for people: "max_connections 100 (97 for clients); bind shop
    // 15, gunicorn -w 2 app:app 2 × 15: up to 45 (fits)".
    QString describe() const;

private:
    std::optional<int> m_maxConnections;
    int m_reserved;
    QString m_limitName;
    QList<Claim> m_claims;
};

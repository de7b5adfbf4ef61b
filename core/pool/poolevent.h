#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

// One thing that happened in a pool, as SQLAlchemy's pool events name them.
struct PoolEvent
{
    enum class Type {
        Connect,
        Checkout,
        Checkin,
        Reset,
        Invalidate,
        Close,
        Timeout,
        LeakSuspected,
        LeakReclaimed,
        Dispose,
    };

    QDateTime time; // UTC
    Type type = Type::Connect;
    QString bind;
    int connection = 0; // pool-local number, 0 when the event is about the pool
    qint64 serverId = 0;
    QString owner;
    QString message; // the echo_pool sentence

    // "checkout", "leak-suspected", ...
    static QString typeName(Type type);
    // "2026-11-25 10:00:00,123 DEBUG poolscope.pool.default Connection <...> checked out from pool"
    QString echoLine() const;
};

Q_DECLARE_METATYPE(PoolEvent)

#include "core/pool/poolevent.h"

QString PoolEvent::typeName(Type type)
{
    switch (type) {
    case Type::Connect:
        return QStringLiteral("connect");
    case Type::Checkout:
        return QStringLiteral("checkout");
    case Type::Checkin:
        return QStringLiteral("checkin");
    case Type::Reset:
        return QStringLiteral("reset");
    case Type::Invalidate:
        return QStringLiteral("invalidate");
    case Type::Close:
        return QStringLiteral("close");
    case Type::Timeout:
        return QStringLiteral("timeout");
    case Type::LeakSuspected:
        return QStringLiteral("leak-suspected");
    case Type::LeakReclaimed:
        return QStringLiteral("leak-reclaimed");
    case Type::Dispose:
        return QStringLiteral("dispose");
    }
    return {};
}

QString PoolEvent::echoLine() const
{
    // Python logging's default asctime ("2026-11-25 10:00:00,123") and the
    // levels SQLAlchemy logs these messages at.
    const bool info = type == Type::Invalidate || type == Type::Timeout || type == Type::Dispose ||
                      type == Type::LeakSuspected || type == Type::LeakReclaimed;
    return QStringLiteral("%1 %2 poolscope.pool.%3 %4")
        .arg(time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz")),
             info ? QStringLiteral("INFO") : QStringLiteral("DEBUG"), bind, message);
}

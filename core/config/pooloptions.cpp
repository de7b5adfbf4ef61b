#include "core/config/pooloptions.h"

#include <QCoreApplication>

QString PoolOptions::validate() const
{
    if (poolSize < 0)
        return QCoreApplication::translate("PoolOptions", "pool_size must be 0 or more, not %1")
            .arg(poolSize);
    if (maxOverflow < -1)
        return QCoreApplication::translate("PoolOptions",
                                           "max_overflow must be -1 (no limit) or more, not %1")
            .arg(maxOverflow);
    if (poolSize == 0 && maxOverflow == 0)
        return QCoreApplication::translate(
            "PoolOptions", "pool_size 0 with max_overflow 0 allows no connection at all");
    if (timeout < 0)
        return QCoreApplication::translate("PoolOptions",
                                           "pool_timeout must be 0 or more seconds, not %1")
            .arg(timeout);
    if (leakThreshold < 0)
        return QCoreApplication::translate("PoolOptions",
                                           "leak_threshold must be 0 (off) or more seconds, not %1")
            .arg(leakThreshold);
    if (connectTimeout < 1)
        return QCoreApplication::translate("PoolOptions",
                                           "connect_timeout must be at least 1 second, not %1")
            .arg(connectTimeout);
    return {};
}

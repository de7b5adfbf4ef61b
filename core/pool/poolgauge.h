#pragma once

#include <QMetaType>

// A pool's load at a glance, for the binds tree's gauge: its connections
// checked out and idle against what it may open, and who waits.
struct PoolGauge
{
    int checkedOut = 0;
    int idle = 0;
    int poolSize = 0;
    // pool_size + max_overflow; 0 when max_overflow is -1 (no limit).
    int capacity = 0;
    int waiting = 0;

    // Connections open beyond pool_size.
    int overflow() const { return qMax(0, checkedOut + idle - poolSize); }
};

Q_DECLARE_METATYPE(PoolGauge)

#pragma once

#include <QtGlobal>

#include <time.h>

// The time a pool event is stamped with, in milliseconds since the epoch, to
// the kernel's tick (CLOCK_REALTIME_COARSE: 1 to 4 ms). Every checkout and
// every checkin stamps one, and on a virtual machine the precise clock costs
// more than the rest of the pair (37 ns a read against 7 ns, bench/README.md).
// What reads these times works in seconds (leak thresholds, "held for") or
// shows milliseconds of an event whose place in the log, not its time, says
// what came first.
class EventClock final
{
public:
    static qint64 nowMSecs()
    {
        timespec now{};
        clock_gettime(CLOCK_REALTIME_COARSE, &now);
        return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
    }
};

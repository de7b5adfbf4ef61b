#pragma once

#include <QElapsedTimer>
#include <QTimer>

// Ticks every 10 ms on the thread that creates it and keeps the longest gap
// between two ticks: how long that thread's event loop could not react.
//
// The gap includes time the thread was ready to run but waited for a CPU,
// which on a loaded 2-core test machine is other processes' doing, not the
// GUI's. The kernel counts that wait per thread (/proc/thread-self/schedstat),
// so longestOwnStallMs() leaves it out: the stall the program caused.
class Heartbeat final
{
public:
    Heartbeat();  // ticking
    void start(); // again from now, keeping the longest gaps so far
    void stop();

    qint64 longestStallMs() const { return m_longest; }
    // The longest gap less the time the thread spent waiting for a CPU in it;
    // the same as longestStallMs() where the kernel does not tell.
    qint64 longestOwnStallMs() const { return m_longestOwn; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_waitedNs = -1;
    qint64 m_longest = 0;
    qint64 m_longestOwn = 0;
};

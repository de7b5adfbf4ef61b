#pragma once

#include <QElapsedTimer>
#include <QTimer>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define POOLSCOPE_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define POOLSCOPE_TEST_SANITIZED 1
#endif
#endif

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
    // A stall budget written for the optimized build. The sanitizer builds
    // (make asan, make tsan) run unoptimized with every memory access
    // checked, several times slower on the same work: they get four times as
    // long. What a budget catches, a wait on the network or on another
    // thread, takes seconds in any build.
    static constexpr qint64 budgetMs(qint64 optimizedMs) { return optimizedMs * kSlowdown; }

    Heartbeat();  // ticking
    void start(); // again from now, keeping the longest gaps so far
    void stop();

    qint64 longestStallMs() const { return m_longest; }
    // The longest gap less the time the thread spent waiting for a CPU in it;
    // the same as longestStallMs() where the kernel does not tell.
    qint64 longestOwnStallMs() const { return m_longestOwn; }

private:
#ifdef POOLSCOPE_TEST_SANITIZED
    static constexpr qint64 kSlowdown = 4;
#else
    static constexpr qint64 kSlowdown = 1;
#endif
    void tick();

    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_waitedNs = -1;
    qint64 m_longest = 0;
    qint64 m_longestOwn = 0;
};

#pragma once

#include "core/driver/interrupter.h"

#include <QMutex>

#include <atomic>
#include <memory>

// What a connection's worker is running right now, shared with the thread that
// owns the connection so that it can cancel exactly that statement and no
// later one.
class RunningStatement final
{
public:
    void setInterrupter(std::shared_ptr<Interrupter> interrupter);

    // Worker side.
    void start(quint64 request);
    void finish();
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // Owner side: marks the request cancelled (if it has not finished yet) and
    // returns the interrupt to send, empty when there is nothing to stop.
    // request 0 means whatever runs.
    PendingInterrupt requestCancel(quint64 request);
    // The connection is closing: cancel what runs and everything still queued.
    PendingInterrupt cancelAll();

private:
    mutable QMutex m_mutex;
    quint64 m_running = 0;
    quint64 m_cancelledRequest = 0;
    bool m_cancelAll = false;
    std::atomic<bool> m_cancelled{false};
    std::shared_ptr<Interrupter> m_interrupter;
};

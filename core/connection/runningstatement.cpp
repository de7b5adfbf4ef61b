#include "core/connection/runningstatement.h"

void RunningStatement::setInterrupter(std::shared_ptr<Interrupter> interrupter)
{
    QMutexLocker lock(&m_mutex);
    m_interrupter = std::move(interrupter);
}

void RunningStatement::start(quint64 request)
{
    QMutexLocker lock(&m_mutex);
    if (m_interrupter)
        m_interrupter->arm(request);
    m_running = request;
    // A cancel can arrive while the request still waits in the worker's queue.
    m_cancelled = m_cancelAll || m_cancelledRequest == request;
}

void RunningStatement::finish()
{
    std::shared_ptr<Interrupter> interrupter;
    {
        QMutexLocker lock(&m_mutex);
        interrupter = m_interrupter;
    }
    // Waits for an interrupt in flight, so it cannot reach the next statement.
    if (interrupter)
        interrupter->disarm();
    QMutexLocker lock(&m_mutex);
    m_running = 0;
    m_cancelled = m_cancelAll;
}

PendingInterrupt RunningStatement::requestCancel(quint64 request)
{
    QMutexLocker lock(&m_mutex);
    if (request == 0)
        request = m_running;
    if (request == 0)
        return {};
    m_cancelledRequest = request;
    if (m_running != request)
        return {}; // still queued: start() will see it
    m_cancelled = true;
    if (!m_interrupter)
        return {};
    return PendingInterrupt(m_interrupter, request);
}

PendingInterrupt RunningStatement::cancelAll()
{
    QMutexLocker lock(&m_mutex);
    m_cancelAll = true;
    m_cancelled = true;
    if (!m_running || !m_interrupter)
        return {};
    return PendingInterrupt(m_interrupter, m_running);
}

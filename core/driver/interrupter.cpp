#include "core/driver/interrupter.h"

#include <sys/socket.h>

void Interrupter::arm(quint64 statement)
{
    QMutexLocker lock(&m_mutex);
    m_armedFor = statement;
    std::lock_guard state(m_stateMutex);
    m_current = statement;
}

void Interrupter::disarm()
{
    {
        // First, so that a severIfStuck() waiting on a hung interrupt sees
        // the statement end.
        std::lock_guard state(m_stateMutex);
        m_current = 0;
        m_stateChanged.notify_all();
    }
    QMutexLocker lock(&m_mutex);
    m_armedFor = 0;
}

void Interrupter::interrupt(quint64 statement)
{
    // Held while the interrupt travels, so disarm() waits for it.
    QMutexLocker lock(&m_mutex);
    if (statement != 0 && statement == m_armedFor)
        interruptLocked();
}

void Interrupter::interruptRunning()
{
    QMutexLocker lock(&m_mutex);
    if (m_armedFor != 0)
        interruptLocked();
}

void Interrupter::interruptLocked()
{
    if (m_detached)
        return;
    m_armedFor = 0;
    doInterrupt();
}

void Interrupter::detach()
{
    {
        // Before the socket is closed and its number reused.
        std::lock_guard state(m_stateMutex);
        m_closed = true;
        m_stateChanged.notify_all();
    }
    QMutexLocker lock(&m_mutex);
    m_detached = true;
    onDetach();
}

void Interrupter::severIfStuck(quint64 statement, QDeadlineTimer grace)
{
    std::unique_lock state(m_stateMutex);
    const auto stuck = [&] {
        return m_current == statement && statement != 0 && !m_closed;
    };
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(qMax<qint64>(0, grace.remainingTime()));
    m_stateChanged.wait_until(state, until, [&] { return !stuck(); });
    // Under the lock, so detach() cannot let the socket close meanwhile.
    if (stuck() && m_socket >= 0)
        ::shutdown(m_socket, SHUT_RDWR);
}

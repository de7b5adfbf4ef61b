#include "core/interrupter.h"

void Interrupter::arm(quint64 statement)
{
    QMutexLocker lock(&m_mutex);
    m_armedFor = statement;
}

void Interrupter::disarm()
{
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
    QMutexLocker lock(&m_mutex);
    m_detached = true;
    onDetach();
}

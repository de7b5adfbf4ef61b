#include "core/interrupter.h"

void Interrupter::arm()
{
    QMutexLocker lock(&m_mutex);
    m_armed = true;
}

void Interrupter::disarm()
{
    QMutexLocker lock(&m_mutex);
    m_armed = false;
}

void Interrupter::interrupt()
{
    // Held while the interrupt travels, so disarm() waits for it.
    QMutexLocker lock(&m_mutex);
    if (!m_armed || m_detached)
        return;
    m_armed = false;
    doInterrupt();
}

void Interrupter::detach()
{
    QMutexLocker lock(&m_mutex);
    m_detached = true;
    onDetach();
}

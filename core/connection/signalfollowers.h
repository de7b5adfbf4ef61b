#pragma once

#include <QAtomicInt>
#include <QMetaMethod>

// How many connections one signal has, kept from connectNotify() and
// disconnectNotify(), so that a signal sent on every checkout and checkin is
// skipped when nothing listens (a headless pool, a command): QMetaObject::
// activate() finding no receiver cost more than the rest of a pair's
// bookkeeping. The count is never too low; a disconnect of "every signal"
// leaves it too high, which is only slower.
class SignalFollowers final
{
public:
    explicit SignalFollowers(const QMetaMethod &signal)
        : m_signal(signal)
    {
    }

    void connected(const QMetaMethod &signal)
    {
        if (signal == m_signal)
            m_count.ref();
    }
    void disconnected(const QMetaMethod &signal)
    {
        if (signal == m_signal)
            m_count.deref();
    }
    bool any() const { return m_count.loadRelaxed() > 0; }

private:
    const QMetaMethod m_signal;
    QAtomicInt m_count;
};

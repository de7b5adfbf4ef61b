#include "tests/support/heartbeat.h"

#include <QFile>
#include <QList>

namespace {

// Nanoseconds the calling thread has spent runnable but not running; -1 when
// the kernel does not say (no schedstats).
qint64 runQueueWaitNs()
{
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    bool ok = false;
    const qint64 waited = fields.size() >= 2 ? fields.at(1).toLongLong(&ok) : -1;
    return ok ? waited : -1;
}

} // namespace

Heartbeat::Heartbeat()
{
    m_timer.setInterval(10);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    start();
}

void Heartbeat::start()
{
    m_since.start();
    m_waitedNs = runQueueWaitNs();
    m_timer.start();
}

void Heartbeat::stop()
{
    tick();
    m_timer.stop();
}

void Heartbeat::tick()
{
    const qint64 gap = m_since.restart();
    const qint64 waited = runQueueWaitNs();
    const qint64 waitedMs = waited >= 0 && m_waitedNs >= 0 ? (waited - m_waitedNs) / 1000000 : 0;
    m_waitedNs = waited;
    m_longest = qMax(m_longest, gap);
    m_longestOwn = qMax(m_longestOwn, gap - waitedMs);
}

#include "bench/benchapplication.h"

#include <QMetaEnum>
#include <QThread>

#include <time.h>

namespace {

qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

} // namespace

BenchApplication::BenchApplication(int &argc, char **argv)
    : QApplication(argc, argv)
    , m_heartbeat([this](qint64 gapNs) { beat(gapNs); })
{
}

void BenchApplication::startWatch()
{
    m_beats = 0;
    m_longestGapNs = 0;
    m_busyNs = 0;
    m_busyInLongestGapNs = 0;
    m_cpuAtBeatNs = threadCpuNs();
    m_cpuInLongestGapNs = 0;
    m_longestEventNs = 0;
    m_longestEventCpuNs = 0;
    m_longestEvent.clear();
    m_watching = true;
    m_heartbeat.start();
}

void BenchApplication::stopWatch()
{
    m_heartbeat.stop();
    m_watching = false;
}

void BenchApplication::beat(qint64 gap)
{
    ++m_beats;
    const qint64 cpu = threadCpuNs();
    if (gap > m_longestGapNs) {
        m_longestGapNs = gap;
        m_busyInLongestGapNs = m_busyNs;
        m_cpuInLongestGapNs = cpu - m_cpuAtBeatNs;
    }
    m_busyNs = 0;
    m_cpuAtBeatNs = cpu;
}

bool BenchApplication::notify(QObject *receiver, QEvent *event)
{
    // Only the outermost event counts: nested ones are part of its time.
    if (!m_watching || m_depth > 0 || QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    const QEvent::Type type = event->type();
    // Static text: still valid if the event deletes its receiver.
    const char *receiverClass = receiver->metaObject()->className();
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuBefore = threadCpuNs();
    ++m_depth;
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const qint64 ns = clock.nsecsElapsed();
    m_busyNs += ns;
    if (ns > m_longestEventNs) {
        m_longestEventNs = ns;
        m_longestEventCpuNs = threadCpuNs() - cpuBefore;
        m_longestEvent =
            QStringLiteral("%1 to %2")
                .arg(QString::fromLatin1(QMetaEnum::fromType<QEvent::Type>().valueToKey(type)),
                     QString::fromLatin1(receiverClass));
    }
    return handled;
}

#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <functional>

namespace bench {

// A timer beating on the GUI thread: the longest gap between two beats is the
// longest time the event loop could not answer, the stall a person would
// feel. The beat bounds how precisely it is measured: a gap is the loop's
// longest busy stretch plus up to one beat, so at 10 ms an idle loop already
// showed 10 ms and a single 7 ms event 17 ms, over a frame. At 2 ms a gap
// is within 2 ms of the stretch; the beats themselves cost the thread
// microseconds.
class Heartbeat final
{
public:
    static constexpr int kBeatMs = 2;

    // onBeat, if given, hears each beat's gap since the previous one (ns).
    explicit Heartbeat(std::function<void(qint64 gapNs)> onBeat = {})
        : m_onBeat(std::move(onBeat))
    {
        m_timer.setInterval(kBeatMs);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { beat(); });
    }

    void start()
    {
        m_longestNs = 0;
        m_sinceBeat.start();
        m_timer.start();
    }
    // Stops, counting the time since the last beat as a gap too.
    void stop()
    {
        beat();
        m_timer.stop();
    }
    qint64 longestNs() const { return m_longestNs; }
    qint64 longestMs() const { return m_longestNs / 1000000; }

private:
    void beat()
    {
        const qint64 gap = m_sinceBeat.nsecsElapsed();
        m_sinceBeat.start();
        m_longestNs = qMax(m_longestNs, gap);
        if (m_onBeat)
            m_onBeat(gap);
    }

    std::function<void(qint64)> m_onBeat;
    QTimer m_timer;
    QElapsedTimer m_sinceBeat;
    qint64 m_longestNs = 0;
};

} // namespace bench

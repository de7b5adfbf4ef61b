#pragma once

#include "bench/heartbeat.h"

#include <QApplication>
#include <QString>

// The application of the GUI benchmarks: a heartbeat on the GUI thread finds
// the longest stall a person would feel (the longest gap between two beats),
// and the time of every event the GUI thread handles is taken, so a stall can
// be told apart: one long event (our code), many short ones in a row (too
// much work per turn), or a gap with the thread idle (it waited for a core).
// The thread's CPU time is taken too: an event whose wall time is much more
// than its CPU time waited inside (for a core, a lock, the display).
class BenchApplication final : public QApplication
{
public:
    BenchApplication(int &argc, char **argv);

    void startWatch();
    void stopWatch();

    qint64 longestStallMs() const { return m_longestGapNs / 1000000; }
    qint64 beats() const { return m_beats; }
    // The time the GUI thread spent handling events inside the longest gap.
    double busyInLongestStallMs() const { return double(m_busyInLongestGapNs) / 1e6; }
    // The GUI thread's CPU time inside the longest gap, events or not.
    double cpuInLongestStallMs() const { return double(m_cpuInLongestGapNs) / 1e6; }
    double longestEventMs() const { return double(m_longestEventNs) / 1e6; }
    double longestEventCpuMs() const { return double(m_longestEventCpuNs) / 1e6; }
    // The longest event's type and receiver, as "MetaCall to ResultModel".
    QString longestEvent() const { return m_longestEvent; }

    bool notify(QObject *receiver, QEvent *event) override;

private:
    void beat(qint64 gapNs);

    bench::Heartbeat m_heartbeat;
    bool m_watching = false;
    int m_depth = 0;
    qint64 m_beats = 0;
    qint64 m_longestGapNs = 0;
    qint64 m_busyNs = 0; // since the last beat
    qint64 m_busyInLongestGapNs = 0;
    qint64 m_cpuAtBeatNs = 0;
    qint64 m_cpuInLongestGapNs = 0;
    qint64 m_longestEventNs = 0;
    qint64 m_longestEventCpuNs = 0;
    QString m_longestEvent;
};

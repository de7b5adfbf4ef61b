#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

class Pool;

// Keeps what a pool looked like over the last minutes, for the pool monitor's
// chart: a sample whenever the pool changes (at most every 100 ms) and once a
// second otherwise, so the line goes on while nothing happens.
class PoolSampler final : public QObject
{
    Q_OBJECT

public:
    struct Sample
    {
        QDateTime time; // UTC
        int checkedOut = 0;
        int idle = 0;
        int overflow = 0; // connections beyond pool_size, never negative
        int waiting = 0;
    };

    // Reads one sample now; false when the pool is gone.
    using Reader = std::function<bool(Sample *sample)>;

    explicit PoolSampler(Pool *pool, int keepSeconds = 600, QObject *parent = nullptr);
    // A pool poolscope only hears about (a probed application's, docs/probe.md):
    // read on every tick and after poke().
    PoolSampler(Reader read, int keepSeconds, QObject *parent = nullptr);

    // The pool changed: a sample soon, at most one per 100 ms.
    void poke();

    const std::deque<Sample> &samples() const { return m_samples; }
    int keepSeconds() const { return m_keepSeconds; }
    // Largest value of any series in the kept window, for the chart's axis.
    int peak() const;

Q_SIGNALS:
    void sampled(const PoolSampler::Sample &sample);

private:
    void sample();

    Reader m_read;
    int m_keepSeconds;
    std::deque<Sample> m_samples;
    QTimer m_tick;
    QTimer m_coalesce;
};

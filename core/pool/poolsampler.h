#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

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

    explicit PoolSampler(Pool *pool, int keepSeconds = 600, QObject *parent = nullptr);

    const std::deque<Sample> &samples() const { return m_samples; }
    int keepSeconds() const { return m_keepSeconds; }
    // Largest value of any series in the kept window, for the chart's axis.
    int peak() const;

Q_SIGNALS:
    void sampled(const PoolSampler::Sample &sample);

private:
    void sample();

    QPointer<Pool> m_pool;
    int m_keepSeconds;
    std::deque<Sample> m_samples;
    QTimer m_tick;
    QTimer m_coalesce;
};

#include "core/pool/poolsampler.h"

#include "core/pool/pool.h"

PoolSampler::PoolSampler(Pool *pool, int keepSeconds, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_keepSeconds(keepSeconds)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &PoolSampler::sample);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &PoolSampler::sample);
    connect(pool, &Pool::changed, this, [this] {
        if (!m_coalesce.isActive())
            m_coalesce.start();
    });
    m_tick.start();
    sample();
}

int PoolSampler::peak() const
{
    int peak = 0;
    for (const Sample &s : m_samples)
        peak = qMax(peak, qMax(qMax(s.checkedOut, s.idle), qMax(s.overflow, s.waiting)));
    return peak;
}

void PoolSampler::sample()
{
    if (!m_pool)
        return;
    Sample s;
    s.time = QDateTime::currentDateTimeUtc();
    s.checkedOut = m_pool->checkedout();
    s.idle = m_pool->checkedin();
    s.overflow = qMax(0, m_pool->overflow());
    s.waiting = m_pool->waiting();
    m_samples.push_back(s);
    const QDateTime oldest = s.time.addSecs(-m_keepSeconds);
    while (!m_samples.empty() && m_samples.front().time < oldest)
        m_samples.pop_front();
    Q_EMIT sampled(s);
}

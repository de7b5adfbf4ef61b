#include "core/pool/poolsampler.h"

#include "core/pool/pool.h"

#include <QPointer>

PoolSampler::PoolSampler(Pool *pool, int keepSeconds, QObject *parent)
    : PoolSampler(
          [pool = QPointer<Pool>(pool)](Sample *s) {
              if (!pool)
                  return false;
              s->checkedOut = pool->checkedout();
              s->idle = pool->checkedin();
              s->overflow = qMax(0, pool->overflow());
              s->waiting = pool->waiting();
              return true;
          },
          keepSeconds, parent)
{
    connect(pool, &Pool::changed, this, &PoolSampler::poke);
}

PoolSampler::PoolSampler(Reader read, int keepSeconds, QObject *parent)
    : QObject(parent)
    , m_read(std::move(read))
    , m_keepSeconds(keepSeconds)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &PoolSampler::sample);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &PoolSampler::sample);
    m_tick.start();
    sample();
}

void PoolSampler::poke()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
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
    Sample s;
    if (!m_read(&s))
        return;
    s.time = QDateTime::currentDateTimeUtc();
    m_samples.push_back(s);
    const QDateTime oldest = s.time.addSecs(-m_keepSeconds);
    while (!m_samples.empty() && m_samples.front().time < oldest)
        m_samples.pop_front();
    Q_EMIT sampled(s);
}

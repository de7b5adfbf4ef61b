#include "core/eventlog.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPool, "poolscope.pool")

EventLog::EventLog(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
}

void EventLog::append(const PoolEvent &event)
{
    if (int(m_events.size()) >= m_capacity) {
        Q_EMIT aboutToDropOldest();
        m_events.pop_front();
        ++m_dropped;
        Q_EMIT droppedOldest();
    }
    m_events.push_back(event);
    if (m_echo)
        qCInfo(lcPool).noquote() << event.echoLine();
    Q_EMIT appended(event);
}

QList<PoolEvent> EventLog::events() const
{
    return QList<PoolEvent>(m_events.cbegin(), m_events.cend());
}

QString EventLog::echoText() const
{
    QString text;
    for (const PoolEvent &event : m_events)
        text += event.echoLine() + QLatin1Char('\n');
    return text;
}

void EventLog::clear()
{
    m_dropped += qint64(m_events.size());
    m_events.clear();
    Q_EMIT cleared();
}

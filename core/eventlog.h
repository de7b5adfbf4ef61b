#pragma once

#include "core/poolevent.h"

#include <QObject>

#include <deque>

// The last pool events of every engine that shares it, oldest first; bounded
// so a busy application cannot grow it without end.
class EventLog final : public QObject
{
    Q_OBJECT

public:
    explicit EventLog(int capacity = 10000, QObject *parent = nullptr);

    void append(const PoolEvent &event);
    int size() const { return int(m_events.size()); }
    int capacity() const { return m_capacity; }
    // Events dropped from the front since the start, so that views can keep
    // absolute positions.
    qint64 dropped() const { return m_dropped; }
    const PoolEvent &at(int index) const { return m_events.at(size_t(index)); }
    QList<PoolEvent> events() const;
    // Every event in echo_pool form, one per line.
    QString echoText() const;
    // Sends each appended event's echo line to the poolscope.pool log category.
    void setEcho(bool echo) { m_echo = echo; }
    void clear();

Q_SIGNALS:
    // The oldest event is about to go (the log is full), then it is gone:
    // models remove the row between the two.
    void aboutToDropOldest();
    void droppedOldest();
    void appended(const PoolEvent &event);
    void cleared();

private:
    int m_capacity;
    qint64 m_dropped = 0;
    bool m_echo = false;
    std::deque<PoolEvent> m_events;
};

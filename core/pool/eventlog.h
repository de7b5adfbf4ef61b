#pragma once

#include "core/pool/poolevent.h"

#include <QAtomicInt>
#include <QObject>

#include <vector>

// The last pool events of every engine that shares it, oldest first; bounded
// so a busy application cannot grow it without end.
class EventLog final : public QObject
{
    Q_OBJECT

public:
    explicit EventLog(int capacity = 10000, QObject *parent = nullptr);

    void append(const PoolEvent &event);
    // The same, from the parts: what a pool records on every checkout and
    // checkin, without building a PoolEvent (and its QDateTime) nobody reads.
    void append(PoolEvent::Type type, qint64 msecsSinceEpoch, const QString &bind, int connection,
                qint64 serverId, const QString &owner, const QString &message);
    int size() const { return m_count; }
    int capacity() const { return m_capacity; }
    // Events dropped from the front since the start, so that views can keep
    // absolute positions.
    qint64 dropped() const { return m_dropped; }
    // Made from the stored parts when asked for.
    PoolEvent at(int index) const;
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

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    // An event as stored: the time as a number, made a QDateTime only when
    // read. Strings are shared with the pool's (bind, owner, sentences).
    struct Record
    {
        qint64 msecs = 0;
        qint64 serverId = 0;
        int connection = 0;
        PoolEvent::Type type = PoolEvent::Type::Connect;
        QString bind;
        QString owner;
        QString message;
    };
    // The slot the next event goes into: a new one until the log is full,
    // then the oldest one, reused in place (a ring).
    Record &nextSlot();
    const Record &record(int index) const;
    static PoolEvent toEvent(const Record &record);
    bool isFollowed() const { return m_followers.loadRelaxed() > 0; }

    int m_capacity;
    qint64 m_dropped = 0;
    bool m_echo = false;
    size_t m_first = 0; // index of the oldest record once the ring is full
    int m_count = 0;
    std::vector<Record> m_records;
    // Connections to aboutToDropOldest, droppedOldest and appended. With none
    // (a headless pool) the per-event signals and the PoolEvent they carry are
    // skipped. Never too low: when Qt does not report a disconnect, the
    // signals are still sent, as before.
    QAtomicInt m_followers;
};

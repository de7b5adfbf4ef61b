#include "core/pool/eventlog.h"

#include <QLoggingCategory>
#include <QMetaMethod>

#include <limits>

Q_LOGGING_CATEGORY(lcPool, "poolscope.pool")

namespace {

// A PoolEvent without a time (a default one) keeps none.
constexpr qint64 NoTime = std::numeric_limits<qint64>::min();

// A slot reused for the same bind, owner or sentence keeps its string: no
// reference count to change.
void assign(QString &to, const QString &from)
{
    if (!to.isSharedWith(from))
        to = from;
}

bool isPerEventSignal(const QMetaMethod &signal)
{
    return signal == QMetaMethod::fromSignal(&EventLog::appended) ||
           signal == QMetaMethod::fromSignal(&EventLog::aboutToDropOldest) ||
           signal == QMetaMethod::fromSignal(&EventLog::droppedOldest);
}

} // namespace

EventLog::EventLog(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
}

void EventLog::connectNotify(const QMetaMethod &signal)
{
    if (isPerEventSignal(signal))
        m_followers.ref();
}

void EventLog::disconnectNotify(const QMetaMethod &signal)
{
    // An invalid signal means "all of them": which ones is unknown, so the
    // count stays (too high is only slower).
    if (isPerEventSignal(signal))
        m_followers.deref();
}

EventLog::Record &EventLog::nextSlot()
{
    if (m_count == m_capacity) {
        const bool followed = isFollowed();
        if (followed)
            Q_EMIT aboutToDropOldest();
        // No division: this runs on every event once the log is full.
        if (++m_first == size_t(m_capacity))
            m_first = 0;
        --m_count;
        ++m_dropped;
        if (followed)
            Q_EMIT droppedOldest();
    }
    if (m_records.size() < size_t(m_capacity)) {
        // Not yet full: m_first is 0 and the slots are the events.
        m_records.emplace_back();
        return m_records.back();
    }
    size_t next = m_first + size_t(m_count);
    if (next >= size_t(m_capacity))
        next -= size_t(m_capacity);
    return m_records[next];
}

const EventLog::Record &EventLog::record(int index) const
{
    return m_records[(m_first + size_t(index)) % m_records.size()];
}

PoolEvent EventLog::toEvent(const Record &record)
{
    PoolEvent event;
    if (record.msecs != NoTime)
        event.time = QDateTime::fromMSecsSinceEpoch(record.msecs, Qt::UTC);
    event.type = record.type;
    event.bind = record.bind;
    event.connection = record.connection;
    event.serverId = record.serverId;
    event.owner = record.owner;
    event.message = record.message;
    return event;
}

void EventLog::append(const PoolEvent &event)
{
    append(event.type, event.time.isValid() ? event.time.toMSecsSinceEpoch() : NoTime, event.bind,
           event.connection, event.serverId, event.owner, event.message);
}

void EventLog::append(PoolEvent::Type type, qint64 msecsSinceEpoch, const QString &bind,
                      int connection, qint64 serverId, const QString &owner, const QString &message)
{
    Record &slot = nextSlot();
    slot.msecs = msecsSinceEpoch;
    slot.serverId = serverId;
    slot.connection = connection;
    slot.type = type;
    assign(slot.bind, bind);
    assign(slot.owner, owner);
    assign(slot.message, message);
    ++m_count;
    const bool followed = isFollowed();
    if (!m_echo && !followed)
        return;
    const PoolEvent event = toEvent(slot);
    if (m_echo)
        qCInfo(lcPool).noquote() << event.echoLine();
    if (followed)
        Q_EMIT appended(event);
}

PoolEvent EventLog::at(int index) const
{
    return toEvent(record(index));
}

QList<PoolEvent> EventLog::events() const
{
    QList<PoolEvent> events;
    events.reserve(m_count);
    for (int i = 0; i < m_count; ++i)
        events.append(at(i));
    return events;
}

QString EventLog::echoText() const
{
    QString text;
    for (int i = 0; i < m_count; ++i)
        text += at(i).echoLine() + QLatin1Char('\n');
    return text;
}

void EventLog::clear()
{
    m_dropped += qint64(m_count);
    m_records.clear();
    m_first = 0;
    m_count = 0;
    Q_EMIT cleared();
}

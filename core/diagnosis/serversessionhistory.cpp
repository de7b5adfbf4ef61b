#include "core/diagnosis/serversessionhistory.h"

#include "core/diagnosis/serversessiongroups.h"

ServerSessionHistory::ServerSessionHistory(int capacity)
    : m_capacity(qMax(2, capacity))
{
}

void ServerSessionHistory::add(const ServerSessionSnapshot &snapshot)
{
    if (!snapshot.isValid())
        return;
    Entry entry;
    entry.takenAt = snapshot.takenAt;
    entry.total = int(snapshot.sessions.size());
    entry.suspects = snapshot.suspectCount();
    for (const ServerSession &session : snapshot.sessions)
        ++entry.stateCounts[size_t(session.state)];
    for (const ServerSessionGroup &group : ServerSessionGroups::byBind(snapshot.sessions))
        entry.groupCounts.insert(group.key, group.count());
    for (const ServerSessionGroup &group :
         ServerSessionGroups::byStatement(snapshot.sessions, snapshot.dialect))
        entry.groupCounts.insert(group.key, group.count());
    m_entries << entry;
    while (m_entries.size() > m_capacity)
        m_entries.removeFirst();
}

QList<int> ServerSessionHistory::countsOf(const QString &key) const
{
    QList<int> counts;
    for (const Entry &entry : m_entries)
        counts << entry.groupCounts.value(key);
    return counts;
}

bool ServerSessionHistory::isGrowing(const QString &key, int steps) const
{
    if (steps < 1 || m_entries.size() < steps + 1)
        return false;
    const QList<int> counts = countsOf(key);
    for (qsizetype i = counts.size() - steps; i < counts.size(); ++i) {
        if (counts.at(i) <= counts.at(i - 1))
            return false;
    }
    return true;
}

QStringList ServerSessionHistory::growingGroups(int steps) const
{
    QStringList keys;
    if (m_entries.isEmpty())
        return keys;
    for (auto it = m_entries.last().groupCounts.cbegin(); it != m_entries.last().groupCounts.cend();
         ++it) {
        if (isGrowing(it.key(), steps))
            keys << it.key();
    }
    keys.sort();
    return keys;
}

#pragma once

#include "core/diagnosis/serversessionsnapshot.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <array>

// The last few snapshots, reduced to counts: per state, and per bind and per
// statement group (ServerSessionGroups keys). A leak shows as a group that keeps
// growing from one refresh to the next, which a single snapshot cannot tell.
class ServerSessionHistory final
{
public:
    struct Entry
    {
        QDateTime takenAt;
        int total = 0;
        int suspects = 0;
        std::array<int, 4> stateCounts{}; // indexed by int(ServerSession::State)
        QHash<QString, int> groupCounts;  // bind and statement group keys
    };

    explicit ServerSessionHistory(int capacity = 30);

    // Keeps the counts of snapshot, dropping the oldest beyond capacity. Failed
    // snapshots are not kept.
    void add(const ServerSessionSnapshot &snapshot);
    void clear() { m_entries.clear(); }

    int capacity() const { return m_capacity; }
    const QList<Entry> &entries() const { return m_entries; }
    // How many sessions group key had in each kept snapshot, oldest first.
    QList<int> countsOf(const QString &key) const;
    // True when key's count rose in each of the last steps snapshots (so
    // steps + 1 snapshots are needed).
    bool isGrowing(const QString &key, int steps = 3) const;
    // Every group key that isGrowing(), as of the last snapshot.
    QStringList growingGroups(int steps = 3) const;

private:
    int m_capacity;
    QList<Entry> m_entries;
};

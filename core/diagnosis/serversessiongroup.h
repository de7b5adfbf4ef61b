#pragma once

#include "core/diagnosis/serversession.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>

// Sessions that belong together: those of one bind (same user, database,
// client address and application: one pool of one program), those stuck after
// the same statement, or one finding (suspects of one bind in one state after
// one statement), so that fifteen leaked connections read as one line.
struct ServerSessionGroup
{
    enum class Kind { Bind, Statement, Finding };

    Kind kind = Kind::Bind;
    QString key; // the same group has the same key in every snapshot
    QString user;
    QString database;
    QString clientAddress;
    QString application;
    ServerSession::State state = ServerSession::State::Other; // Statement, Finding
    QString statement;                // normalised; empty when the server does not say
    QList<qint64> pids;               // oldest first
    std::array<int, 4> stateCounts{}; // indexed by int(ServerSession::State)
    int ownCount = 0;
    int suspectCount = 0;
    std::optional<double> oldestAgeSeconds{};
    QString reason; // Bind: why the group itself is suspect (over the pool limit)

    int count() const { return int(pids.size()); }
    // "user app, database shop, client 10.0.0.5, application flask"
    QString bindLabel() const;
    // One line for people, e.g. "3 sessions idle in transaction after
    // `UPDATE items SET hits = ? WHERE id = ?` (user app, database shop, …):
    // oldest 5 min, pids 101, 102, 103".
    QString describe() const;
};

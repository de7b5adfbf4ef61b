#pragma once

#include "core/diagnosis/serversessiongroup.h"
#include "core/diagnosis/serversessionsnapshot.h"

#include <optional>

struct Bind;
struct PoolOptions;

// When a session looks leaked (`poolscope sessions --idle-in-transaction-over
// S --idle-over S --running-over S`, and the pool limit of a bind). A session
// is suspect when its state has lasted longer than the threshold for that
// state, or when it is one of more sessions of one bind (user, database,
// client address, application) than the bind's pool_size + max_overflow
// allows: a program cannot hold more than that unless it leaks engines or
// runs several processes. poolscope's own connections are judged like any
// other (a forgotten tab is a leak too) but never count toward a pool limit:
// they belong to poolscope's pools, not the program's.
struct SuspectRules
{
    std::optional<double> idleInTransactionOver{}; // seconds
    std::optional<double> idleOver{};
    std::optional<double> runningOver{};
    std::optional<int> poolLimit{}; // pool_size + max_overflow
    // When set, the pool limit applies to sessions of this user / database only.
    QString poolUser;
    QString poolDatabase;

    // pool_size + max_overflow; none when max_overflow is -1 (no limit).
    static std::optional<int> poolLimitOf(const PoolOptions &options);
    // The pool limit of bind, for its user and database (none for SQLite).
    static SuspectRules forBind(const Bind &bind);

    bool isEmpty() const
    {
        return !idleInTransactionOver && !idleOver && !runningOver && !poolLimit;
    }
    // "idle in transaction for 312 s (over 60 s)", or empty; the age rules only.
    QString reasonFor(const ServerSession &session) const;
    // The bind groups with more sessions than the pool limit, reason set.
    QList<ServerSessionGroup> groupsOverLimit(const ServerSessions &sessions) const;
    // Sets (or clears) every session's suspect; returns how many are suspect.
    int apply(ServerSessions &sessions) const;
    int apply(ServerSessionSnapshot &snapshot) const { return apply(snapshot.sessions); }
};

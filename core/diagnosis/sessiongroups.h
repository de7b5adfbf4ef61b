#pragma once

#include "core/diagnosis/sessiongroup.h"
#include "core/sql/dialect.h"

// Groups the sessions of one snapshot. Groups come largest first; the pids in
// a group oldest first (by ServerSession::ageSeconds()).
class SessionGroups final
{
public:
    static QString bindKey(const ServerSession &session);
    static QString statementKey(const ServerSession &session, Dialect dialect);
    static QList<SessionGroup> byBind(const ServerSessions &sessions);
    static QList<SessionGroup> byStatement(const ServerSessions &sessions, Dialect dialect);
    // Suspects only, one finding per bind, state and statement.
    static QList<SessionGroup> findings(const ServerSessions &sessions, Dialect dialect);
};

#pragma once

#include "core/diagnosis/serversessiongroup.h"
#include "core/sql/dialect.h"

// Groups the sessions of one snapshot. Groups come largest first; the pids in
// a group oldest first (by ServerSession::ageSeconds()).
class ServerSessionGroups final
{
public:
    static QString bindKey(const ServerSession &session);
    static QString statementKey(const ServerSession &session, Dialect dialect);
    static QList<ServerSessionGroup> byBind(const ServerSessions &sessions);
    static QList<ServerSessionGroup> byStatement(const ServerSessions &sessions, Dialect dialect);
    // Suspects only, one finding per bind, state and statement.
    static QList<ServerSessionGroup> findings(const ServerSessions &sessions, Dialect dialect);
};

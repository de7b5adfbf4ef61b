#pragma once

#include "core/apps/appprocess.h"
#include "core/config/url.h"
#include "core/connection/workercontext.h"
#include "core/diagnosis/suspectrules.h"
#include "core/models/pgbouncermonitor.h"

#include <QList>

class ServerSessionReader;
struct ServerSessionSnapshot;

// What the server-sessions panel makes of a snapshot before it shows it: each
// session's application and line of code (AppOrigins), a watched PgBouncer's
// pool and client for its server connections (PgBouncerState::linkBackends),
// which sessions are suspects (SuspectRules) and the groups worth a finding
// (ServerSessionGroups). It holds copies of all it needs, so task() does the
// whole of it on the worker that read the sessions: two thousand sessions
// cost the GUI thread only their showing.
class ServerSessionAnalysis final
{
public:
    ServerSessionAnalysis(const Url &server, QList<AppProcess> processes,
                          QList<PgBouncerMonitor::Pooler> poolers, SuspectRules rules);

    void apply(ServerSessionSnapshot &snapshot) const;
    // reader's task, then apply() on the same worker.
    WorkerTask task(const ServerSessionReader &reader) const;

private:
    Url m_server;
    QList<AppProcess> m_processes;
    QList<PgBouncerMonitor::Pooler> m_poolers;
    SuspectRules m_rules;
};

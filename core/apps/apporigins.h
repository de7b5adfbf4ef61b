#pragma once

#include "core/apps/appprocess.h"
#include "core/config/url.h"
#include "core/diagnosis/serversessionsnapshot.h"

// Where server sessions meet code: a session the server lists whose id is a
// probed connection's server id (docs/probe.md) gets that application and the
// line of code holding the connection as its origin. Server ids are only
// unique per server, so the probed engine's URL must name the same server as
// server: same dialect, same port, a host both call local or both name, and,
// where the session says, the same database.
class AppOrigins final
{
public:
    static void attach(ServerSessionSnapshot &snapshot, const Url &server,
                       const QList<AppProcess> &processes);
    // Whether a probed engine's URL (password hidden) reaches server.
    static bool sameServer(const QString &engineUrl, const Url &server);
};

#include "core/models/serversessionanalysis.h"

#include "core/apps/apporigins.h"
#include "core/diagnosis/serversessiongroups.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/diagnosis/serversessionsnapshot.h"

#include <utility>

ServerSessionAnalysis::ServerSessionAnalysis(const Url &server, QList<AppProcess> processes,
                                             QList<PgBouncerMonitor::Pooler> poolers,
                                             SuspectRules rules)
    : m_server(server)
    , m_processes(std::move(processes))
    , m_poolers(std::move(poolers))
    , m_rules(std::move(rules))
{
}

void ServerSessionAnalysis::apply(ServerSessionSnapshot &snapshot) const
{
    if (!snapshot.error.isEmpty())
        return;
    AppOrigins::attach(snapshot, m_server, m_processes);
    // PgBouncer's own console lists its clients, not a server's connections.
    if (!snapshot.pgbouncer) {
        for (const PgBouncerMonitor::Pooler &pooler : m_poolers)
            pooler.state.linkBackends(snapshot.sessions, pooler.bind);
    }
    // A pooled server connection waiting between transactions is no suspect:
    // the rules come after the links.
    m_rules.apply(snapshot);
    snapshot.findings = ServerSessionGroups::findings(snapshot.sessions, snapshot.dialect);
}

WorkerTask ServerSessionAnalysis::task(const ServerSessionReader &reader) const
{
    return [read = reader.task(), analysis = *this](WorkerContext &context) {
        QVariant value = read(context);
        if (value.metaType() == QMetaType::fromType<ServerSessionSnapshot>()) {
            auto snapshot = value.value<ServerSessionSnapshot>();
            value = QVariant(); // the only reference: the sessions are not copied
            analysis.apply(snapshot);
            value = QVariant::fromValue(std::move(snapshot));
        }
        return value;
    };
}

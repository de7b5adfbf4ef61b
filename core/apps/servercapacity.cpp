#include "core/apps/servercapacity.h"

#include "core/apps/appmonitor.h"
#include "core/apps/apporigins.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

std::optional<int> limitOf(std::optional<int> size, std::optional<int> overflow)
{
    if (!size || !overflow || *overflow < 0)
        return std::nullopt;
    return *size + *overflow;
}

} // namespace

ServerCapacity::ServerCapacity(std::optional<int> maxConnections, int reserved,
                               const QString &limitName)
    : m_maxConnections(maxConnections)
    , m_reserved(reserved)
    , m_limitName(limitName)
{
}

void ServerCapacity::addBinds(const QList<Bind> &binds, const Url &server)
{
    for (const Bind &bind : binds) {
        if (!AppOrigins::sameServer(bind.url.toDisplayString(), server))
            continue;
        m_claims.append({tr("bind %1").arg(bind.name), 1,
                         limitOf(bind.options.poolSize, bind.options.maxOverflow)});
    }
}

void ServerCapacity::addPooler(const QString &who, int serverConnections)
{
    m_claims.append({tr("PgBouncer %1").arg(who), 1, serverConnections});
}

void ServerCapacity::addApps(const QList<AppProcess> &processes, const Url &server)
{
    for (const AppMonitor::App &app : AppMonitor::group(processes)) {
        // Per engine of the app: how many processes run it and its limit.
        QList<Claim> engines;
        for (const AppProcess &process : app.processes) {
            for (const ProbeMessage::Engine &engine : process.engines) {
                if (!AppOrigins::sameServer(engine.url, server))
                    continue;
                const QString who = engine.bind.isEmpty()
                                        ? app.title()
                                        : QStringLiteral("%1 (%2)").arg(app.title(), engine.bind);
                const std::optional<int> limit = engine.poolClass == QLatin1String("QueuePool")
                                                     ? limitOf(engine.size, engine.maxOverflow)
                                                     : std::nullopt;
                auto same = std::find_if(engines.begin(), engines.end(), [&](const Claim &claim) {
                    return claim.who == who && claim.perProcess == limit;
                });
                if (same == engines.end())
                    engines.append({who, 1, limit});
                else
                    ++same->processes;
            }
        }
        m_claims += engines;
    }
}

std::optional<int> ServerCapacity::available() const
{
    if (!m_maxConnections)
        return std::nullopt;
    return qMax(0, *m_maxConnections - m_reserved);
}

std::optional<int> ServerCapacity::demand() const
{
    int sum = 0;
    for (const Claim &claim : m_claims) {
        if (!claim.perProcess)
            return std::nullopt;
        sum += claim.processes * *claim.perProcess;
    }
    return sum;
}

bool ServerCapacity::canExceed() const
{
    if (m_claims.isEmpty() || !available())
        return false;
    const std::optional<int> most = demand();
    return !most || *most > *available();
}

QString ServerCapacity::describe() const
{
    QStringList parts;
    for (const Claim &claim : m_claims) {
        const QString limit =
            claim.perProcess ? QString::number(*claim.perProcess) : tr("no limit");
        parts << (claim.processes > 1
                      ? QStringLiteral("%1 %2 × %3").arg(claim.who).arg(claim.processes).arg(limit)
                      : QStringLiteral("%1 %2").arg(claim.who, limit));
    }
    QString line =
        m_maxConnections
            ? tr("%1 %2 (%3 for clients)").arg(m_limitName).arg(*m_maxConnections).arg(*available())
            : tr("%1 unknown").arg(m_limitName);
    if (parts.isEmpty())
        return line;
    const std::optional<int> most = demand();
    line += QStringLiteral("; ") + parts.join(QStringLiteral(", ")) + QStringLiteral(": ");
    line += most ? tr("up to %1").arg(*most) : tr("no limit");
    if (available())
        line += canExceed() ? tr(" — CAN EXCEED %1").arg(m_limitName) : tr(" (fits)");
    return line;
}

#include "core/diagnosis/suspectrules.h"

#include "core/config/bind.h"
#include "core/config/pooloptions.h"
#include "core/diagnosis/serversessiongroups.h"

#include <QCoreApplication>
#include <QHash>

namespace {

QString over(const QString &what, double age, double threshold)
{
    return QCoreApplication::translate("SuspectRules", "%1 for %2 (over %3 s)")
        .arg(what, ServerSession::secondsText(age), QString::number(threshold));
}

} // namespace

std::optional<int> SuspectRules::poolLimitOf(const PoolOptions &options)
{
    if (options.maxOverflow < 0)
        return std::nullopt;
    return options.poolSize + options.maxOverflow;
}

SuspectRules SuspectRules::forBind(const Bind &bind)
{
    SuspectRules rules;
    if (bind.url.dialect() == Dialect::SQLite)
        return rules;
    rules.poolLimit = poolLimitOf(bind.options);
    rules.poolUser = bind.url.username();
    rules.poolDatabase = bind.url.database();
    return rules;
}

QString SuspectRules::reasonFor(const ServerSession &session) const
{
    switch (session.state) {
    case ServerSession::State::IdleInTransaction:
        if (idleInTransactionOver && session.idleSeconds &&
            *session.idleSeconds > *idleInTransactionOver)
            return over(QCoreApplication::translate("SuspectRules", "idle in transaction"),
                        *session.idleSeconds, *idleInTransactionOver);
        break;
    case ServerSession::State::Idle:
        if (session.poolerLink && session.poolerLink->idleIsNormal())
            break; // a pooled server connection waiting for the next transaction
        if (idleOver && session.idleSeconds && *session.idleSeconds > *idleOver)
            return over(QCoreApplication::translate("SuspectRules", "idle"), *session.idleSeconds,
                        *idleOver);
        break;
    case ServerSession::State::Active:
        if (runningOver && session.runningSeconds && *session.runningSeconds > *runningOver)
            return over(QCoreApplication::translate("SuspectRules", "running"),
                        *session.runningSeconds, *runningOver);
        break;
    case ServerSession::State::Other:
        break;
    }
    return QString();
}

QList<ServerSessionGroup> SuspectRules::groupsOverLimit(const ServerSessions &sessions) const
{
    QList<ServerSessionGroup> result;
    if (!poolLimit)
        return result;
    ServerSessions counted;
    for (const ServerSession &session : sessions) {
        if (session.own || (!poolUser.isEmpty() && session.user != poolUser) ||
            (!poolDatabase.isEmpty() && session.database != poolDatabase))
            continue;
        counted << session;
    }
    const QList<ServerSessionGroup> groups = ServerSessionGroups::byBind(counted);
    for (ServerSessionGroup group : groups) {
        if (group.count() <= *poolLimit)
            continue;
        group.reason =
            QCoreApplication::translate(
                "SuspectRules", "%1 sessions of one bind, over pool_size + max_overflow = %2")
                .arg(group.count())
                .arg(*poolLimit);
        result << group;
    }
    return result;
}

int SuspectRules::apply(ServerSessions &sessions) const
{
    QHash<qint64, QString> limitReasons;
    const QList<ServerSessionGroup> overLimit = groupsOverLimit(sessions);
    for (const ServerSessionGroup &group : overLimit) {
        const QString reason =
            QCoreApplication::translate(
                "SuspectRules", "one of %1 sessions of %2 (over pool_size + max_overflow = %3)")
                .arg(QString::number(group.count()), group.bindLabel(),
                     QString::number(*poolLimit));
        for (qint64 pid : group.pids)
            limitReasons.insert(pid, reason);
    }
    int count = 0;
    for (ServerSession &session : sessions) {
        session.suspect = reasonFor(session);
        if (session.suspect.isEmpty())
            session.suspect = limitReasons.value(session.pid);
        count += session.isSuspect() ? 1 : 0;
    }
    return count;
}

#include "core/diagnosis/serversessiongroups.h"

#include "core/sql/statementnormalizer.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace {

template<typename KeyOf, typename Init>
QList<ServerSessionGroup> groupBy(const ServerSessions &sessions, KeyOf keyOf, Init init)
{
    QHash<QString, int> index;
    QList<ServerSessionGroup> groups;
    QList<QList<std::pair<double, qint64>>> ages;
    for (const ServerSession &session : sessions) {
        const QString key = keyOf(session);
        if (key.isNull())
            continue;
        auto found = index.constFind(key);
        int at = 0;
        if (found == index.constEnd()) {
            at = int(groups.size());
            index.insert(key, at);
            ServerSessionGroup group;
            group.key = key;
            group.user = session.user;
            group.database = session.database;
            group.clientAddress = session.clientAddress();
            group.application = session.application;
            group.state = session.state;
            init(group, session);
            groups << group;
            ages << QList<std::pair<double, qint64>>();
        } else {
            at = *found;
        }
        ServerSessionGroup &group = groups[at];
        const std::optional<double> age = session.ageSeconds();
        ages[at] << std::make_pair(age.value_or(-1.0), session.pid);
        if (age && (!group.oldestAgeSeconds || *age > *group.oldestAgeSeconds))
            group.oldestAgeSeconds = age;
        ++group.stateCounts[size_t(session.state)];
        group.ownCount += session.own ? 1 : 0;
        group.suspectCount += session.isSuspect() ? 1 : 0;
    }
    for (int i = 0; i < groups.size(); ++i) {
        auto &list = ages[i];
        std::stable_sort(list.begin(), list.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (const auto &entry : std::as_const(list))
            groups[i].pids << entry.second;
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const ServerSessionGroup &a, const ServerSessionGroup &b) {
                         if (a.count() != b.count())
                             return a.count() > b.count();
                         return a.key < b.key;
                     });
    return groups;
}

// One normalization per distinct statement text of a snapshot: thousands of
// sessions of one application share a handful of statements.
class Normalized
{
public:
    explicit Normalized(Dialect dialect)
        : m_dialect(dialect)
    {
    }
    QString operator()(const QString &query)
    {
        auto found = m_texts.constFind(query);
        if (found == m_texts.constEnd())
            found = m_texts.insert(query, StatementNormalizer::normalize(query, m_dialect));
        return *found;
    }

private:
    Dialect m_dialect;
    QHash<QString, QString> m_texts;
};

QString statementKeyOf(const ServerSession &session, const QString &normalizedQuery)
{
    return QStringLiteral("statement\n%1\n%2")
        .arg(ServerSession::stateName(session.state), normalizedQuery);
}

} // namespace

QString ServerSessionGroup::bindLabel() const
{
    QStringList parts;
    if (!user.isEmpty())
        parts << QCoreApplication::translate("ServerSessionGroup", "user %1").arg(user);
    if (!database.isEmpty())
        parts << QCoreApplication::translate("ServerSessionGroup", "database %1").arg(database);
    if (!clientAddress.isEmpty())
        parts << QCoreApplication::translate("ServerSessionGroup", "client %1").arg(clientAddress);
    if (!application.isEmpty())
        parts
            << QCoreApplication::translate("ServerSessionGroup", "application %1").arg(application);
    return parts.join(QStringLiteral(", "));
}

QString ServerSessionGroup::describe() const
{
    QString text =
        count() == 1
            ? QCoreApplication::translate("ServerSessionGroup", "1 session")
            : QCoreApplication::translate("ServerSessionGroup", "%1 sessions").arg(count());
    if (kind != Kind::Bind)
        text += QLatin1Char(' ') + ServerSession::stateText(state);
    if (!statement.isEmpty())
        text += QCoreApplication::translate("ServerSessionGroup", " after `%1`").arg(statement);
    const QString bind = bindLabel();
    if (kind != Kind::Statement && !bind.isEmpty())
        text += QStringLiteral(" (%1)").arg(bind);
    QStringList details;
    if (oldestAgeSeconds)
        details << QCoreApplication::translate("ServerSessionGroup", "oldest %1")
                       .arg(ServerSession::durationText(*oldestAgeSeconds));
    QStringList ids;
    for (qint64 pid : pids)
        ids << QString::number(pid);
    details << (pids.size() == 1 ? QCoreApplication::translate("ServerSessionGroup", "pid %1")
                                 : QCoreApplication::translate("ServerSessionGroup", "pids %1"))
                   .arg(ids.join(QStringLiteral(", ")));
    if (!reason.isEmpty())
        details << reason;
    return text + QStringLiteral(": ") + details.join(QStringLiteral("; "));
}

QString ServerSessionGroups::bindKey(const ServerSession &session)
{
    return QStringLiteral("bind\n%1\n%2\n%3\n%4")
        .arg(session.user, session.database, session.clientAddress(), session.application);
}

QString ServerSessionGroups::statementKey(const ServerSession &session, Dialect dialect)
{
    return statementKeyOf(session, StatementNormalizer::normalize(session.query, dialect));
}

QList<ServerSessionGroup> ServerSessionGroups::byBind(const ServerSessions &sessions)
{
    return groupBy(
        sessions, [](const ServerSession &session) { return bindKey(session); },
        [](ServerSessionGroup &group, const ServerSession &) {
            group.kind = ServerSessionGroup::Kind::Bind;
        });
}

QList<ServerSessionGroup> ServerSessionGroups::byStatement(const ServerSessions &sessions,
                                                           Dialect dialect)
{
    Normalized normalized(dialect);
    return groupBy(
        sessions,
        [&normalized](const ServerSession &session) {
            return statementKeyOf(session, normalized(session.query));
        },
        [&normalized](ServerSessionGroup &group, const ServerSession &session) {
            group.kind = ServerSessionGroup::Kind::Statement;
            group.statement = normalized(session.query);
            // A statement is shared across binds: only its shape identifies it.
            group.user.clear();
            group.database.clear();
            group.clientAddress.clear();
            group.application.clear();
        });
}

QList<ServerSessionGroup> ServerSessionGroups::findings(const ServerSessions &sessions,
                                                        Dialect dialect)
{
    Normalized normalized(dialect);
    return groupBy(
        sessions,
        [&normalized](const ServerSession &session) {
            if (!session.isSuspect())
                return QString();
            return QStringLiteral("finding\n%1\n%2\n%3")
                .arg(bindKey(session), ServerSession::stateName(session.state),
                     normalized(session.query));
        },
        [&normalized](ServerSessionGroup &group, const ServerSession &session) {
            group.kind = ServerSessionGroup::Kind::Finding;
            group.statement = normalized(session.query);
        });
}

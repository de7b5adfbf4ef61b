#include "core/diagnosis/serversession.h"

#include <QCoreApplication>

#include <cmath>

QString ServerSession::clientAddress() const
{
    if (client.startsWith(QLatin1Char('['))) {
        const qsizetype end = client.indexOf(QLatin1Char(']'));
        return end > 0 ? client.mid(1, end - 1) : client;
    }
    // "a.b.c.d:port" and "host:port" lose the port; readers write IPv6
    // addresses with a port as "[addr]:port", so a bare one is left alone.
    const qsizetype colon = client.indexOf(QLatin1Char(':'));
    if (colon < 0 || client.indexOf(QLatin1Char(':'), colon + 1) >= 0)
        return client;
    return client.left(colon);
}

QString ServerSession::stateName(State state)
{
    switch (state) {
    case State::Active:
        return QStringLiteral("active");
    case State::Idle:
        return QStringLiteral("idle");
    case State::IdleInTransaction:
        return QStringLiteral("idle_in_transaction");
    case State::Other:
        break;
    }
    return QStringLiteral("other");
}

QString ServerSession::stateText(State state)
{
    switch (state) {
    case State::Active:
        return QCoreApplication::translate("ServerSession", "active");
    case State::Idle:
        return QCoreApplication::translate("ServerSession", "idle");
    case State::IdleInTransaction:
        return QCoreApplication::translate("ServerSession", "idle in transaction");
    case State::Other:
        break;
    }
    return QCoreApplication::translate("ServerSession", "other");
}

QString ServerSession::secondsText(double seconds)
{
    if (seconds < 10.0)
        return QCoreApplication::translate("ServerSession", "%1 s")
            .arg(QString::number(std::floor(seconds * 10.0) / 10.0));
    return QCoreApplication::translate("ServerSession", "%1 s").arg(qint64(std::floor(seconds)));
}

QString ServerSession::durationText(double seconds)
{
    if (seconds < 120.0)
        return secondsText(seconds);
    const qint64 minutes = qint64(seconds / 60.0);
    if (minutes < 120)
        return QCoreApplication::translate("ServerSession", "%1 min").arg(minutes);
    return QCoreApplication::translate("ServerSession", "%1 h %2 min")
        .arg(minutes / 60)
        .arg(minutes % 60);
}

QString ServerSessionOrigin::programName() const
{
    const QString first = command.section(QLatin1Char(' '), 0, 0);
    if (first.isEmpty())
        return application;
    return first.section(QLatin1Char('/'), -1);
}

QString ServerSessionOrigin::shortCommand() const
{
    const qsizetype space = command.indexOf(QLatin1Char(' '));
    if (space < 0)
        return programName();
    return programName() + command.mid(space);
}

QString ServerSessionPoolerLink::describe() const
{
    QString text = QCoreApplication::translate("ServerSession", "PgBouncer %1/%2 (%3 mode)")
                       .arg(database, user, poolMode);
    if (client.isEmpty())
        return QCoreApplication::translate("ServerSession", "%1, %2, no client")
            .arg(text, serverState);
    const QString who = clientApplication.isEmpty()
                            ? client
                            : QStringLiteral("%1 (%2)").arg(client, clientApplication);
    return QCoreApplication::translate("ServerSession", "%1, for client %2").arg(text, who);
}

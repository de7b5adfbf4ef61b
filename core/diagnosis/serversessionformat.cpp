#include "core/diagnosis/serversessionformat.h"

#include "core/diagnosis/serversessiongroups.h"

namespace {

QByteArray jsonString(const QString &text)
{
    if (text.isEmpty())
        return QByteArrayLiteral("null");
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20) {
                char escaped[8];
                qsnprintf(escaped, sizeof escaped, "\\u%04x", uchar(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray jsonTime(const QDateTime &time)
{
    if (!time.isValid())
        return QByteArrayLiteral("null");
    return '"' + time.toUTC().toString(Qt::ISODateWithMs).toLatin1() + '"';
}

QByteArray jsonNumber(const std::optional<double> &value)
{
    if (!value)
        return QByteArrayLiteral("null");
    QByteArray text = QByteArray::number(*value, 'f', 3);
    while (text.endsWith('0'))
        text.chop(1);
    if (text.endsWith('.'))
        text.chop(1);
    return text;
}

QByteArray jsonOrigin(const std::optional<ServerSessionOrigin> &origin)
{
    if (!origin)
        return QByteArrayLiteral("null");
    return "{\"pid\": " +
           (origin->pid > 0 ? QByteArray::number(origin->pid) : QByteArrayLiteral("null")) +
           ", \"command\": " + jsonString(origin->command) +
           ", \"application\": " + jsonString(origin->application) +
           ", \"code\": " + jsonString(origin->code) + '}';
}

QString ageCell(const std::optional<double> &seconds)
{
    return seconds ? ServerSession::durationText(*seconds) : QStringLiteral("-");
}

QString textCell(const QString &text, int limit = 0)
{
    QString cell = text.simplified();
    if (cell.isEmpty())
        return QStringLiteral("-");
    if (limit > 0 && cell.size() > limit)
        cell = cell.left(limit - 1) + QChar(0x2026);
    return cell;
}

QByteArray jsonPoolerLink(const std::optional<ServerSessionPoolerLink> &link)
{
    if (!link)
        return QByteArrayLiteral("null");
    return "{\"console\": " + jsonString(link->console) +
           ", \"database\": " + jsonString(link->database) +
           ", \"user\": " + jsonString(link->user) +
           ", \"pool_mode\": " + jsonString(link->poolMode) +
           ", \"server_state\": " + jsonString(link->serverState) +
           ", \"client\": " + jsonString(link->client) +
           ", \"client_application\": " + jsonString(link->clientApplication) + '}';
}

// "4242 python3": the pid and the program's name, enough to find it in ps.
QString originCell(const std::optional<ServerSessionOrigin> &origin)
{
    if (!origin)
        return QStringLiteral("-");
    QStringList parts;
    if (origin->pid > 0)
        parts << QString::number(origin->pid);
    parts << origin->programName();
    return textCell(parts.join(QLatin1Char(' ')), 24);
}

// The header row, then one row per session.
QList<QStringList> tableRows(const ServerSessions &sessions)
{
    QList<QStringList> rows{
        {QString(), QStringLiteral("PID"), QStringLiteral("USER"), QStringLiteral("DATABASE"),
         QStringLiteral("APPLICATION"), QStringLiteral("CLIENT"), QStringLiteral("ORIGIN"),
         QStringLiteral("STATE"), QStringLiteral("IDLE"), QStringLiteral("XACT"),
         QStringLiteral("QUERY"), QStringLiteral("SUSPECT")}};
    for (const ServerSession &s : sessions) {
        const QString mark = QString(s.isSuspect() ? QLatin1Char('!') : QLatin1Char(' ')) +
                             QString(s.own ? QLatin1Char('*') : QLatin1Char(' '));
        rows << QStringList{mark,
                            QString::number(s.pid),
                            textCell(s.user, 20),
                            textCell(s.database, 30),
                            textCell(s.application, 24),
                            textCell(s.client),
                            originCell(s.origin),
                            ServerSession::stateText(s.state),
                            ageCell(s.idleSeconds),
                            ageCell(s.transactionAgeSeconds),
                            textCell(s.query, 48),
                            textCell(s.suspect)};
    }
    return rows;
}

QString alignedColumns(const QList<QStringList> &rows)
{
    QList<int> widths(rows.constFirst().size(), 0);
    for (const QStringList &row : rows) {
        for (int c = 0; c < row.size(); ++c)
            widths[c] = qMax(widths[c], int(row.at(c).size()));
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (int c = 0; c < row.size(); ++c) {
            const bool last = c + 1 == row.size();
            const bool number = c == 1; // the pid reads best right-aligned
            QString cell = last     ? row.at(c)
                           : number ? row.at(c).rightJustified(widths[c])
                                    : row.at(c).leftJustified(widths[c]);
            line += cell;
            if (!last)
                line += QStringLiteral("  ");
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    }
    return out;
}

QString countsLine(const ServerSessionSnapshot &snapshot)
{
    std::array<int, 4> states{};
    for (const ServerSession &s : snapshot.sessions)
        ++states[size_t(s.state)];
    const int total = int(snapshot.sessions.size());
    const int suspects = snapshot.suspectCount();
    return QStringLiteral("\n%1 %2 (%3 active, %4 idle, %5 idle in transaction, %6 other), "
                          "%7 %8. ! suspect, * poolscope's own connection.\n")
        .arg(QString::number(total),
             total == 1 ? QStringLiteral("session") : QStringLiteral("sessions"),
             QString::number(states[0]), QString::number(states[1]), QString::number(states[2]),
             QString::number(states[3]), QString::number(suspects),
             suspects == 1 ? QStringLiteral("suspect") : QStringLiteral("suspects"));
}

QString findingsAndNotes(const ServerSessionSnapshot &snapshot, const SuspectRules &rules)
{
    QString out;
    QStringList findings;
    for (const ServerSessionGroup &group :
         ServerSessionGroups::findings(snapshot.sessions, snapshot.dialect))
        findings << group.describe();
    for (const ServerSessionGroup &group : rules.groupsOverLimit(snapshot.sessions))
        findings << group.describe();
    if (!findings.isEmpty()) {
        out += QStringLiteral("\nFindings:\n");
        for (const QString &finding : std::as_const(findings))
            out += QStringLiteral("  ") + finding + QLatin1Char('\n');
    }
    for (const QString &note : snapshot.notes)
        out += QStringLiteral("Note: ") + note + QLatin1Char('\n');
    return out;
}

} // namespace

QStringList ServerSessionFormat::jsonKeys()
{
    return {QStringLiteral("pid"),           QStringLiteral("user"),
            QStringLiteral("database"),      QStringLiteral("application"),
            QStringLiteral("client"),        QStringLiteral("state"),
            QStringLiteral("backend_start"), QStringLiteral("xact_start"),
            QStringLiteral("state_change"),  QStringLiteral("query"),
            QStringLiteral("idle_s"),        QStringLiteral("transaction_age_s"),
            QStringLiteral("own"),           QStringLiteral("suspect"),
            QStringLiteral("origin"),        QStringLiteral("pooler")};
}

QByteArray ServerSessionFormat::toJson(const ServerSessions &sessions)
{
    if (sessions.isEmpty())
        return QByteArrayLiteral("[]\n");
    QByteArray out = "[\n";
    for (qsizetype i = 0; i < sessions.size(); ++i) {
        const ServerSession &s = sessions.at(i);
        out += "  {\"pid\": " + QByteArray::number(s.pid);
        out += ", \"user\": " + jsonString(s.user);
        out += ", \"database\": " + jsonString(s.database);
        out += ", \"application\": " + jsonString(s.application);
        out += ", \"client\": " + jsonString(s.client);
        out += ", \"state\": " + jsonString(ServerSession::stateName(s.state));
        out += ", \"backend_start\": " + jsonTime(s.backendStart);
        out += ", \"xact_start\": " + jsonTime(s.xactStart);
        out += ", \"state_change\": " + jsonTime(s.stateChange);
        out += ", \"query\": " + jsonString(s.query);
        out += ", \"idle_s\": " + jsonNumber(s.idleSeconds);
        out += ", \"transaction_age_s\": " + jsonNumber(s.transactionAgeSeconds);
        out += ", \"own\": " + QByteArray(s.own ? "true" : "false");
        out += ", \"suspect\": " + jsonString(s.suspect);
        out += ", \"origin\": " + jsonOrigin(s.origin);
        out += ", \"pooler\": " + jsonPoolerLink(s.poolerLink);
        out += i + 1 < sessions.size() ? "},\n" : "}\n";
    }
    out += "]\n";
    return out;
}

QString ServerSessionFormat::toTable(const ServerSessionSnapshot &snapshot,
                                     const SuspectRules &rules)
{
    if (!snapshot.error.isEmpty())
        return snapshot.error + QLatin1Char('\n');
    QString out = alignedColumns(tableRows(snapshot.sessions));
    out += countsLine(snapshot);
    QStringList links;
    for (const ServerSession &s : snapshot.sessions) {
        if (s.poolerLink)
            links << QStringLiteral("  %1: %2\n").arg(s.pid).arg(s.poolerLink->describe());
    }
    if (!links.isEmpty())
        out += QStringLiteral("\nServer connections of a pooler:\n") + links.join(QString());
    if (snapshot.dialect == Dialect::SQLite)
        out += QStringLiteral("poolscope itself has %1 connection(s) to this file.\n")
                   .arg(snapshot.ownConnections);
    out += findingsAndNotes(snapshot, rules);
    return out;
}

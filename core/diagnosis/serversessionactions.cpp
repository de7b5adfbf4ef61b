#include "core/diagnosis/serversessionactions.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/textrowsink.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace {

constexpr int kEndWaitMs = 5000;

QString stateWithAge(const ServerSession &session)
{
    const QString state = ServerSession::stateText(session.state);
    std::optional<double> age = session.state == ServerSession::State::Active
                                    ? session.runningSeconds
                                    : session.idleSeconds;
    if (session.state == ServerSession::State::Active)
        return age ? QCoreApplication::translate("ServerSessionActions", "running for %1")
                         .arg(ServerSession::durationText(*age))
                   : QCoreApplication::translate("ServerSessionActions", "running a statement");
    return age ? QCoreApplication::translate("ServerSessionActions", "%1 for %2")
                     .arg(state, ServerSession::durationText(*age))
               : state;
}

QString shortQuery(const QString &query)
{
    QString text = query.simplified();
    if (text.size() > 80)
        text = text.left(79) + QChar(0x2026);
    return text;
}

struct Outcome
{
    bool ok = false;
    QString error;
    QStringList notices;
    TextRowSink rows;
};

void run(WorkerContext &context, const QByteArray &sql, Outcome &outcome)
{
    StatementResult result;
    context.native().execute(sql, outcome.rows, result);
    outcome.ok = result.ok;
    outcome.error = result.error;
    outcome.notices = result.notices;
}

bool stillListed(WorkerContext &context, qint64 pid)
{
    Outcome outcome;
    run(context,
        context.dialect() == Dialect::PostgreSQL
            ? QByteArray("SELECT count(*) FROM pg_stat_activity WHERE pid = ") +
                  QByteArray::number(pid)
            : QByteArray("SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = ") +
                  QByteArray::number(pid),
        outcome);
    return !outcome.ok || outcome.rows.rowCount() != 1 ||
           outcome.rows.text(0, 0) != QLatin1String("0");
}

// Who was asked about: the pid alone, or with what tells a reused pid apart.
struct Identity
{
    qint64 pid = 0;
    QDateTime backendStart; // PostgreSQL; invalid: not checked
    QString user;           // MySQL; empty: not checked
};

QString notTheSameSession(qint64 pid)
{
    return QCoreApplication::translate(
               "ServerSessionActions",
               "Session %1 is not the one you were asked about any more: it ended, or its id "
               "now belongs to a new session. Nothing was done.")
        .arg(pid);
}

// The pid's session, only while it still started at the same moment: the
// reader reads backend_start the same way, to the millisecond.
QByteArray postgresTarget(const Identity &who)
{
    if (!who.backendStart.isValid())
        return QByteArray::number(who.pid);
    return "(SELECT pid FROM pg_stat_activity WHERE pid = " + QByteArray::number(who.pid) +
           " AND abs(extract(epoch FROM backend_start) - " +
           QByteArray::number(double(who.backendStart.toMSecsSinceEpoch()) / 1000.0, 'f', 3) +
           ") < 0.002)";
}

ServerSessionActions::Result runPostgres(ServerSessionActions::Action action, const Identity &who,
                                         WorkerContext &context)
{
    ServerSessionActions::Result result;
    const qint64 pid = who.pid;
    const QByteArray id = postgresTarget(who);
    QByteArray sql;
    if (action == ServerSessionActions::Action::CancelStatement) {
        sql = "SELECT pg_cancel_backend(" + id + ")";
    } else {
        Outcome version;
        run(context, "SELECT current_setting('server_version_num')::int >= 140000", version);
        // Since PostgreSQL 14 the server itself waits until the backend is gone.
        const bool waits = version.ok && version.rows.rowCount() == 1 &&
                           version.rows.text(0, 0) == QLatin1String("t");
        sql = waits ? "SELECT pg_terminate_backend(" + id + ", " + QByteArray::number(kEndWaitMs) +
                          ")"
                    : "SELECT pg_terminate_backend(" + id + ")";
    }
    Outcome outcome;
    run(context, sql, outcome);
    if (!outcome.ok) {
        result.error = outcome.error;
        return result;
    }
    // pg_*_backend(NULL) is NULL: the subquery found no such session.
    if (who.backendStart.isValid() && outcome.rows.rowCount() == 1 && outcome.rows.isNull(0, 0)) {
        result.error = notTheSameSession(pid);
        result.notTheSame = true;
        return result;
    }
    if (outcome.rows.rowCount() != 1 || outcome.rows.text(0, 0) != QLatin1String("t")) {
        // The server explains in a warning: not a backend, or did not end in time.
        result.error = outcome.notices.isEmpty()
                           ? QCoreApplication::translate("ServerSessionActions",
                                                         "The server did not signal session %1.")
                                 .arg(pid)
                           : outcome.notices.join(QLatin1Char(' '));
        return result;
    }
    result.ok = true;
    return result;
}

// MySQL lists no start time; thread ids only grow, so a reused id within the
// moment between this check and the KILL would take four billion connections.
ServerSessionActions::Result runMysql(ServerSessionActions::Action action, const Identity &who,
                                      WorkerContext &context)
{
    ServerSessionActions::Result result;
    const qint64 pid = who.pid;
    if (!who.user.isEmpty()) {
        Outcome listed;
        run(context,
            "SELECT USER FROM information_schema.PROCESSLIST WHERE ID = " + QByteArray::number(pid),
            listed);
        if (listed.ok && (listed.rows.rowCount() == 0 || listed.rows.text(0, 0) != who.user)) {
            result.error = notTheSameSession(pid);
            result.notTheSame = true;
            return result;
        }
    }
    const QByteArray sql =
        (action == ServerSessionActions::Action::CancelStatement ? QByteArray("KILL QUERY ")
                                                                 : QByteArray("KILL CONNECTION ")) +
        QByteArray::number(pid);
    Outcome outcome;
    run(context, sql, outcome);
    result.ok = outcome.ok;
    result.error = outcome.error;
    return result;
}

} // namespace

bool ServerSessionActions::isOffered(Action action, Dialect dialect, const ServerSession &session,
                                     QString *why)
{
    QString reason;
    if (dialect == Dialect::SQLite) {
        reason = session.own ? QCoreApplication::translate(
                                   "ServerSessionActions",
                                   "SQLite has no server sessions: close the tab or dispose "
                                   "of the engine that holds the file.")
                             : QCoreApplication::translate(
                                   "ServerSessionActions",
                                   "SQLite has no server that could end a session: process %1 "
                                   "(%2) holds the file until that program closes it or ends; "
                                   "poolscope does not stop other programs.")
                                   .arg(session.pid)
                                   .arg(session.program.isEmpty()
                                            ? QCoreApplication::translate("ServerSessionActions",
                                                                          "unknown program")
                                            : session.program);
    } else if (!session.pooler.isEmpty()) {
        reason = QCoreApplication::translate(
                     "ServerSessionActions",
                     "%1 is a client of PgBouncer, whose console cannot cancel or end one "
                     "client: end its server session (pid %2) from a bind to the PostgreSQL "
                     "server, or kill its database (%3) from the Pooler menu.")
                     .arg(session.client,
                          session.pid > 0 ? QString::number(session.pid) : QStringLiteral("-"),
                          session.database);
    } else if (action == Action::CancelStatement && session.state != ServerSession::State::Active) {
        reason = QCoreApplication::translate("ServerSessionActions",
                                             "Session %1 is not running a statement.")
                     .arg(session.pid);
    } else if (session.pid <= 0) {
        reason = QCoreApplication::translate("ServerSessionActions",
                                             "The server gave this session no id.");
    }
    if (why)
        *why = reason;
    return reason.isEmpty();
}

QString ServerSessionActions::label(Action action)
{
    return action == Action::CancelStatement
               ? QCoreApplication::translate("ServerSessionActions", "Cancel statement")
               : QCoreApplication::translate("ServerSessionActions", "End session");
}

QString ServerSessionActions::confirmationText(Action action, Dialect dialect,
                                               const ServerSession &session)
{
    if (action == Action::CancelStatement) {
        QString text =
            QCoreApplication::translate("ServerSessionActions",
                                        "Cancel the statement that session %1 is running?")
                .arg(session.pid);
        if (!session.query.isEmpty())
            text +=
                QStringLiteral(" `%1` (%2).").arg(shortQuery(session.query), stateWithAge(session));
        if (dialect == Dialect::PostgreSQL)
            text += QCoreApplication::translate(
                "ServerSessionActions",
                " The statement fails with \"canceling statement due to user "
                "request\"; inside a transaction the whole transaction fails "
                "and must be rolled back. The session stays connected.");
        else
            text += QCoreApplication::translate(
                "ServerSessionActions",
                " The statement fails with \"Query execution was "
                "interrupted\"; the session and its open transaction stay.");
        return text;
    }

    QString who =
        QCoreApplication::translate("ServerSessionActions", "End session %1").arg(session.pid);
    if (!session.user.isEmpty())
        who += QCoreApplication::translate("ServerSessionActions", " of user %1").arg(session.user);
    if (!session.database.isEmpty())
        who += QCoreApplication::translate("ServerSessionActions", " on %1").arg(session.database);
    QStringList details{stateWithAge(session)};
    if (!session.application.isEmpty())
        details << QCoreApplication::translate("ServerSessionActions", "application '%1'")
                       .arg(session.application);
    QString text = QCoreApplication::translate("ServerSessionActions", "%1 (%2)?")
                       .arg(who, details.join(QStringLiteral(", ")));
    const bool inTransaction =
        session.state == ServerSession::State::IdleInTransaction || session.xactStart.isValid();
    if (session.state == ServerSession::State::Active)
        text += QCoreApplication::translate(
            "ServerSessionActions",
            " Its running statement stops, its open transaction is rolled back "
            "and the client gets a lost-connection error.");
    else if (inTransaction)
        text += QCoreApplication::translate(
            "ServerSessionActions", " The client's open transaction is rolled back and its next "
                                    "statement fails with a lost-connection error.");
    else
        text += QCoreApplication::translate(
            "ServerSessionActions",
            " The client's next statement fails with a lost-connection error "
            "(a pool with pre-ping replaces the connection quietly).");
    if (session.own)
        text += QCoreApplication::translate(
            "ServerSessionActions",
            " It is one of poolscope's own connections: the tab that holds it "
            "loses it.");
    return text;
}

WorkerTask ServerSessionActions::task(Action action, qint64 pid)
{
    ServerSession asked;
    asked.pid = pid;
    return task(action, asked);
}

WorkerTask ServerSessionActions::task(Action action, const ServerSession &asked)
{
    const Identity who{asked.pid, asked.backendStart, asked.user};
    return [action, who](WorkerContext &context) {
        const qint64 pid = who.pid;
        Result result;
        if (context.dialect() == Dialect::SQLite) {
            isOffered(action, Dialect::SQLite, ServerSession(), &result.error);
            return QVariant::fromValue(result);
        }
        if (pid == context.native().serverId()) {
            result.error =
                QCoreApplication::translate("ServerSessionActions",
                                            "Session %1 is the connection poolscope asks with.")
                    .arg(pid);
            return QVariant::fromValue(result);
        }
        result = context.dialect() == Dialect::PostgreSQL ? runPostgres(action, who, context)
                                                          : runMysql(action, who, context);
        if (result.ok && action == Action::EndSession) {
            // Both servers answer before the session is really gone.
            QDeadlineTimer deadline(kEndWaitMs);
            while (stillListed(context, pid)) {
                if (deadline.hasExpired() || context.isCancelled()) {
                    result.ok = false;
                    result.error = QCoreApplication::translate(
                                       "ServerSessionActions",
                                       "Session %1 was told to end but is still there.")
                                       .arg(pid);
                    break;
                }
                QThread::msleep(20);
            }
        }
        return QVariant::fromValue(result);
    };
}

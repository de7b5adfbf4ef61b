#include "core/diagnosis/pgbounceractions.h"

#include "core/driver/nativeconnection.h"

QString PgBouncerActions::label(Action action)
{
    switch (action) {
    case Action::Pause:
        return tr("Pause");
    case Action::Resume:
        return tr("Resume");
    case Action::Kill:
        return tr("Kill");
    case Action::Reconnect:
        return tr("Reconnect");
    }
    return QString();
}

bool PgBouncerActions::isOffered(Action action, const PgBouncerState &state,
                                 const QString &database, QString *why)
{
    QString reason;
    const PgBouncerDatabase *found = state.database(database);
    if (!state.admin)
        reason = tr("Only PgBouncer's admin_users may pause, resume, kill or reconnect a "
                    "database; this bind's user is a stats user, who may only look.");
    else if (!found)
        reason = tr("PgBouncer no longer lists database %1.").arg(database);
    else if (found->isConsole())
        reason = tr("The admin console itself cannot be paused, killed or reconnected.");
    else if (action == Action::Pause && found->paused)
        reason = tr("Database %1 is paused already.").arg(database);
    else if (action == Action::Resume && !found->paused)
        reason = tr("Database %1 is not paused.").arg(database);
    if (why)
        *why = reason;
    return reason.isEmpty();
}

QString PgBouncerActions::confirmationText(Action action, const PgBouncerDatabase &database,
                                           int clients)
{
    const QString who = tr("%n client(s) connected now", nullptr, clients);
    switch (action) {
    case Action::Pause:
        return tr("Pause database %1 on PgBouncer (%2)? PgBouncer waits until every server "
                  "connection of it is released (in %3 mode: %4), then closes them. Clients "
                  "stay connected; their next statements wait until Resume, or fail after "
                  "query_wait_timeout. A leaked transaction holds the pause until it ends.")
            .arg(database.name, who, database.poolMode,
                 database.poolMode == QLatin1String("session")
                     ? tr("when each client disconnects")
                     : tr("at the end of each transaction"));
    case Action::Resume:
        return tr("Resume database %1 on PgBouncer (%2)? Clients waiting since the pause get "
                  "server connections again.")
            .arg(database.name, who);
    case Action::Kill:
        return tr("Kill database %1 on PgBouncer (%2)? Every client and server connection of "
                  "it is dropped at once: open transactions are rolled back and each client's "
                  "next statement fails with a lost-connection error. New clients wait until "
                  "Resume.")
            .arg(database.name, who);
    case Action::Reconnect:
        return tr("Reconnect database %1 on PgBouncer (%2)? Each server connection of it is "
                  "closed as soon as its client releases it and opened again on the next "
                  "request; clients notice nothing. Use it after the server behind it moved or "
                  "changed its settings.")
            .arg(database.name, who);
    }
    return QString();
}

QByteArray PgBouncerActions::command(Action action, const QString &database)
{
    QByteArray quoted = database.toUtf8();
    quoted.replace('"', "\"\"");
    quoted = '"' + quoted + '"';
    switch (action) {
    case Action::Pause:
        return "PAUSE " + quoted;
    case Action::Resume:
        return "RESUME " + quoted;
    case Action::Kill:
        return "KILL " + quoted;
    case Action::Reconnect:
        return "RECONNECT " + quoted;
    }
    return QByteArray();
}

WorkerTask PgBouncerActions::task(Action action, const QString &database)
{
    const QByteArray sql = command(action, database);
    return [sql](WorkerContext &context) {
        TextRowSink rows;
        StatementResult outcome;
        context.native().execute(sql, rows, outcome);
        Result result;
        result.ok = outcome.ok;
        result.error = outcome.error;
        return QVariant::fromValue(result);
    };
}

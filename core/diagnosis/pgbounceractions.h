#pragma once

#include "core/connection/workercontext.h"
#include "core/diagnosis/pgbouncerstate.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

// What PgBouncer's admin console can do to one of its databases: PAUSE,
// RESUME, KILL and RECONNECT, for admin_users only. The question to ask
// first says what the database's clients will see, so the GUI asks the same
// everywhere; the task runs the command on a console connection's worker.
class PgBouncerActions final
{
    Q_DECLARE_TR_FUNCTIONS(PgBouncerActions)

public:
    enum class Action { Pause, Resume, Kill, Reconnect };

    struct Result
    {
        bool ok = false;
        QString error;
    };

    static QList<Action> all()
    {
        return {Action::Pause, Action::Resume, Action::Kill, Action::Reconnect};
    }
    // "Pause", "Resume", "Kill", "Reconnect": for menus.
    static QString label(Action action);
    // Whether state's user may run action on database now; *why says why not.
    static bool isOffered(Action action, const PgBouncerState &state, const QString &database,
                          QString *why = nullptr);
    // The question to confirm, naming the clients connected now.
    static QString confirmationText(Action action, const PgBouncerDatabase &database, int clients);
    // The console command, the database as a quoted identifier: PAUSE "shop".
    static QByteArray command(Action action, const QString &database);
    // Runs the command; answers with a Result. PAUSE returns only when every
    // server connection of the database is released, so run it on a
    // connection of its own.
    static WorkerTask task(Action action, const QString &database);
};

Q_DECLARE_METATYPE(PgBouncerActions::Result)

#pragma once

#include "core/dialect.h"
#include "core/serversession.h"
#include "core/workercontext.h"

#include <QMetaType>

// What poolscope can do about a session it found: cancel the statement it
// runs (pg_cancel_backend, KILL QUERY) or end it (pg_terminate_backend, KILL
// CONNECTION), as tasks on one of poolscope's own connections. The question
// to ask first is here too, so the GUI and the command line say the same.
class ServerSessionActions final
{
public:
    enum class Action { CancelStatement, EndSession };

    struct Result
    {
        bool ok = false;
        QString error;
    };

    // Whether action makes sense for session; *why says why not, for people.
    static bool isOffered(Action action, Dialect dialect, const ServerSession &session,
                          QString *why = nullptr);
    // "End session…" / "Cancel statement…": for buttons and menus.
    static QString label(Action action);
    // The question to confirm, with what will happen to the client.
    static QString confirmationText(Action action, Dialect dialect, const ServerSession &session);
    // Runs the action on the worker; answers with a Result. Ending waits (up to
    // a few seconds) until the server no longer lists the session, so ok means
    // it is gone.
    static WorkerTask task(Action action, qint64 pid);
};

Q_DECLARE_METATYPE(ServerSessionActions::Result)

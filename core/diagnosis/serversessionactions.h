#pragma once

#include "core/connection/workercontext.h"
#include "core/diagnosis/serversession.h"
#include "core/sql/dialect.h"

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
        // The session asked about is gone or its id was reused: nothing was done.
        bool notTheSame = false;
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
    // The same, on the session the user was asked about and nothing else: the
    // server must still list that pid with the same backend start
    // (PostgreSQL) or user (MySQL), checked in the same statement as the
    // action on PostgreSQL; otherwise nothing is done and the error says so.
    static WorkerTask task(Action action, const ServerSession &asked);
};

Q_DECLARE_METATYPE(ServerSessionActions::Result)

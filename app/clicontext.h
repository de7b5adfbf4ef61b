#pragma once

#include "core/config/bind.h"
#include "core/config/bindconfig.h"
#include "core/connection/workercontext.h"

#include <QCommandLineParser>
#include <QStringList>

#include <functional>
#include <optional>

class Engine;

// What every sub-command shares: --config / --bind / SQLALCHEMY_DATABASE_URI,
// turning URL|NAME into a bind, one clear line on stderr, the exit codes the
// README's command line section promises, and waiting for asynchronous core
// work on the event loop.
class CliContext final
{
public:
    enum ExitCode { Ok = 0, Usage = 1, Failure = 2, Suspects = 3 };

    CliContext(QString command, QString usage);

    QCommandLineParser &parser() { return m_parser; }
    // Parses arguments (after the sub-command) and the bind sources. Returns
    // false, having printed why, on a usage error; --help prints and exits 0.
    bool parse(const QStringList &arguments, int *exitCode);
    QStringList positional() const { return m_parser.positionalArguments(); }
    const BindConfig &binds() const { return m_binds; }
    // URL|NAME: a URL when it contains "://", else a bind name from the sources.
    std::optional<Bind> resolve(const QString &target, QString *error) const;

    // "poolscope query: <message>" on stderr; returns code.
    int fail(int code, const QString &message) const;
    void warn(const QString &message) const;
    // Runs task on a connection of its own to bind and waits; the connection
    // is closed on the server before it returns. Returns the task's value and
    // sets *error to the session's error ("Cancelled" when stopped). With
    // cancelOnSignals, TERM, INT and HUP cancel the task (rolled back) instead
    // of ending the program.
    QVariant runTask(Bind bind, const WorkerTask &task, QString *error,
                     bool cancelOnSignals = false) const;
    // Runs the event loop until done() holds.
    static void waitUntil(const std::function<bool()> &done);
    // Disposes engine and waits until its connections are closed on the server.
    static void disposeAndWait(Engine *engine);

private:
    QString helpText() const;

    QString m_command;
    QCommandLineParser m_parser;
    BindConfig m_binds;
};

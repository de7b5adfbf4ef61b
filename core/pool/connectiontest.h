#pragma once

#include "core/config/bind.h"

#include <QObject>
#include <QPointer>

class Engine;
class ThreadReaper;

// "Test connection" of the bind dialog: connects once with a bind that is not
// added yet, through a throwaway engine of pool size 1, reports the server's
// version or the one error, and closes what it opened. Destroying the test or
// starting another while it connects is safe: nothing waits, nothing leaks.
class ConnectionTest final : public QObject
{
    Q_OBJECT

public:
    // reaper, when given, must outlive this test (the workspace's).
    explicit ConnectionTest(ThreadReaper *reaper, QObject *parent = nullptr);

    // Starts connecting with bind, dropping a test still running.
    void start(Bind bind);

Q_SIGNALS:
    // ok: message is the server version; otherwise the error, password hidden.
    void finished(bool ok, const QString &message);

private:
    void drop();

    ThreadReaper *m_reaper;
    QPointer<Engine> m_engine;
};

#pragma once

#include "core/config/bind.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QSet>

class Engine;
class EventLog;
class ThreadReaper;

// The engines an application window works with, one per bind, their shared
// event log, and the reaper that sees their connections' closes through.
// Owns them all. Nothing here waits for a server except shutdown(), at quit.
class Workspace final : public QObject
{
    Q_OBJECT

public:
    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    // Adds a bind; false with *error when the name is taken or the options are bad.
    Engine *addBind(const Bind &bind, QString *error = nullptr);
    // Removes the bind at once (engineRemoved); its engine is disposed and
    // deleted once its connections have closed, or at shutdown().
    void removeBind(const QString &name);
    Engine *engine(const QString &name) const;
    QList<Engine *> engines() const { return m_engines; }
    // The server-side ids of every open connection of every engine: the
    // sessions the server lists that are poolscope's own.
    QSet<qint64> ownServerIds() const;
    EventLog *eventLog() const { return m_log; }
    ThreadReaper *reaper() const { return m_reaper; }
    // At quit: disposes and deletes every engine, removed ones too, and gives
    // the connections until deadline to close. Returns how many threads were
    // left behind. The destructor calls it when nobody did.
    int shutdown(QDeadlineTimer deadline);

Q_SIGNALS:
    void engineAdded(Engine *engine);
    void engineRemoved(const QString &name);

private:
    EventLog *m_log;
    ThreadReaper *m_reaper;
    QList<Engine *> m_engines;
    bool m_shutDown = false;
};

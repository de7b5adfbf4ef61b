#pragma once

#include "core/bind.h"

#include <QObject>

class Engine;
class EventLog;

// The engines an application window works with, one per bind, and their
// shared event log. Owns them: destroying it disposes every engine.
class Workspace final : public QObject
{
    Q_OBJECT

public:
    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    // Adds a bind; false with *error when the name is taken or the options are bad.
    Engine *addBind(const Bind &bind, QString *error = nullptr);
    void removeBind(const QString &name);
    Engine *engine(const QString &name) const;
    QList<Engine *> engines() const { return m_engines; }
    EventLog *eventLog() const { return m_log; }
    // Disposes every engine (used at quit).
    void disposeAll();

Q_SIGNALS:
    void engineAdded(Engine *engine);
    void engineRemoved(const QString &name);

private:
    EventLog *m_log;
    QList<Engine *> m_engines;
};

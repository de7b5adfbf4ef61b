#pragma once

#include "core/diagnosis/pgbounceractions.h"
#include "core/diagnosis/serversession.h"

#include <QHash>
#include <QPointer>
#include <QToolButton>

#include <optional>

class Engine;
class Session;

// The server-sessions panel's Pooler menu, shown while the bind is
// PgBouncer's admin console: per database, Pause, Resume, Kill and
// Reconnect, each after a confirmation that says what the database's clients
// will see. Disabled, with the reason, for a stats-only user. A command runs
// on a console connection of its own, closed when it answers, since PAUSE
// waits for every transaction of the database to end.
class PoolerActionsButton final : public QToolButton
{
    Q_OBJECT

public:
    explicit PoolerActionsButton(QWidget *parent = nullptr);
    ~PoolerActionsButton() override;

    // What the last read said; hidden when state is unset (not a pooler).
    void setState(Engine *engine, const std::optional<PgBouncerState> &state,
                  const ServerSessions &clients);
    // Asks (a real dialog), then runs action on database.
    void act(PgBouncerActions::Action action, const QString &database);
    bool isRunning() const { return m_running != nullptr; }

Q_SIGNALS:
    void actionDone(bool ok, const QString &message);

private:
    void rebuildMenu();
    void run(PgBouncerActions::Action action, const QString &database);

    QPointer<Engine> m_engine;
    PgBouncerState m_state;
    QHash<QString, int> m_clients; // per database
    Session *m_running = nullptr;
};

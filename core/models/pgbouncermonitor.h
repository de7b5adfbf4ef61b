#pragma once

#include "core/diagnosis/pgbouncerstate.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <map>
#include <memory>

class Engine;
class Session;
class Workspace;

// Reads the pools of every PgBouncer console bind of a workspace (a PostgreSQL
// URL to the database pgbouncer) every few seconds, so the binds tree and the
// pool monitor can show them over time like poolscope's own pools. Each bind
// is read through a session of its own engine, which closes its connection
// when the bind goes or this monitor is destroyed; a read waits for the one
// before it, and after a failure the next comes later.
class PgBouncerMonitor final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kReadEveryMs = 2000;
    // After a failed read (the pooler gone, a refused login), wait this many
    // periods before trying again.
    static constexpr int kBackOffPeriods = 5;

    explicit PgBouncerMonitor(Workspace *workspace, int everyMs = kReadEveryMs,
                              QObject *parent = nullptr);
    ~PgBouncerMonitor() override;

    // A PostgreSQL bind to PgBouncer's admin console.
    static bool isConsole(const Engine *engine);

    // The binds watched now, in no particular order.
    QStringList binds() const;
    // The last state read from bind's console; none before the first read or
    // after a failed one.
    std::optional<PgBouncerState> state(const QString &bind) const;
    // Why the last read of bind failed; empty after a good one.
    QString error(const QString &bind) const;
    // A pooler in front of a server, as its console bind says.
    struct Pooler
    {
        QString bind;
        PgBouncerState state;
    };
    // The watched poolers whose server is server, with what they last said
    // (ServerSessionAnalysis links their server connections to sessions).
    QList<Pooler> poolersServing(const Url &server) const;
    // Reads every watched bind now (those not already being read).
    void readNow();
    // No more reads: the window is closing. Closes every console connection
    // this monitor opened.
    void stop();

Q_SIGNALS:
    // bind's state or error changed, or bind stopped being watched.
    void changed(const QString &bind);

private:
    struct Watch
    {
        QPointer<Engine> engine;
        std::unique_ptr<Session> session;
        std::optional<PgBouncerState> state;
        QString error;
        bool reading = false;
        int skip = 0; // periods still to wait after a failure
    };

    void addEngine(Engine *engine);
    void removeEngine(const QString &name);
    void tick();
    void read(Watch &watch);
    void onRead(const QString &bind, const QVariant &value, const QString &error);

    Workspace *m_workspace;
    std::map<QString, Watch> m_watches;
    QTimer m_timer;
    bool m_stopped = false;
};

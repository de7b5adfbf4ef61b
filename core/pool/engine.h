#pragma once

#include "core/config/bind.h"
#include "core/connection/signalfollowers.h"

#include <QObject>

class EventLog;
class Pool;
class ThreadReaper;

// One per bind, as SQLAlchemy's Engine: the URL, its dialect and its pool.
// Destroying it closes every connection it opened, without waiting: the
// reaper sees the closes through.
class Engine final : public QObject
{
    Q_OBJECT

public:
    // log may be shared by several engines; nullptr gives the engine its own.
    // So may reaper, which must outlive the engine; nullptr gives the engine
    // its own, and destroying the engine then waits a bounded time for its
    // connections to close (fine for the command line, not for a window).
    Engine(const Bind &bind, EventLog *log = nullptr, QObject *parent = nullptr,
           ThreadReaper *reaper = nullptr);
    ~Engine() override;

    const Bind &bind() const { return m_bind; }
    QString name() const { return m_bind.name; }
    const Url &url() const { return m_bind.url; }
    Dialect dialect() const { return m_bind.url.dialect(); }
    Pool *pool() const { return m_pool; }
    EventLog *eventLog() const { return m_log; }
    // "PostgreSQL 15.4", known once a connection has opened.
    QString serverVersion() const { return m_serverVersion; }

    // Closes every pooled connection (checked out ones too); disposed() follows
    // once the server has seen them go.
    void dispose();

Q_SIGNALS:
    void disposed();
    void changed();

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    Bind m_bind;
    EventLog *m_log;
    ThreadReaper *m_ownReaper = nullptr;
    Pool *m_pool;
    QString m_serverVersion;
    SignalFollowers m_changedFollowers{QMetaMethod::fromSignal(&Engine::changed)};
};

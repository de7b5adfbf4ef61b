#include "core/pool/engine.h"

#include "core/connection/connection.h"
#include "core/connection/threadreaper.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"

Engine::Engine(const Bind &bind, EventLog *log, QObject *parent, ThreadReaper *reaper)
    : QObject(parent)
    , m_bind(bind)
    , m_log(log ? log : new EventLog(10000, this))
{
    if (!reaper)
        reaper = m_ownReaper = new ThreadReaper;
    ConnectSpec spec;
    spec.url = bind.url;
    spec.bindName = bind.name;
    spec.readOnly = bind.options.readOnly;
    spec.connectTimeoutSeconds = bind.options.connectTimeout;
    m_pool = new Pool(spec, bind.options, m_log, reaper, this);
    if (bind.options.echo)
        m_log->setEcho(true);
    connect(m_pool, &Pool::disposed, this, &Engine::disposed);
    // Every checkout and checkin changes the pool: a plain call is much
    // cheaper than a connection (see Pool::setChangedHandler()).
    m_pool->setChangedHandler([this] {
        if (m_serverVersion.isEmpty()) {
            const auto connections = m_pool->connections();
            for (const Connection *connection : connections) {
                if (!connection->serverVersion().isEmpty()) {
                    m_serverVersion = connection->serverVersion();
                    break;
                }
            }
        }
        if (m_changedFollowers.any())
            Q_EMIT changed();
    });
}

void Engine::connectNotify(const QMetaMethod &signal)
{
    m_changedFollowers.connected(signal);
}

void Engine::disconnectNotify(const QMetaMethod &signal)
{
    m_changedFollowers.disconnected(signal);
}

Engine::~Engine()
{
    // The pool hands its connections to the reaper, which outlives it.
    delete m_pool;
    delete m_ownReaper;
}

void Engine::dispose()
{
    m_pool->dispose();
}

#include "core/pool/connectiontest.h"

#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"

ConnectionTest::ConnectionTest(ThreadReaper *reaper, QObject *parent)
    : QObject(parent)
    , m_reaper(reaper)
{
}

void ConnectionTest::start(Bind bind)
{
    drop();
    bind.options.poolSize = 1;
    bind.options.maxOverflow = 0;
    auto *engine = new Engine(bind, nullptr, this, m_reaper);
    m_engine = engine;
    engine->pool()->checkout(QStringLiteral("connection test"), this,
                             [this, engine](Connection *connection, const QString &error) {
                                 const bool ok = connection != nullptr;
                                 const QString message = ok ? connection->serverVersion() : error;
                                 if (connection)
                                     engine->pool()->checkin(connection);
                                 connect(engine, &Engine::disposed, engine, &QObject::deleteLater);
                                 engine->dispose();
                                 Q_EMIT finished(ok, message);
                             });
}

void ConnectionTest::drop()
{
    // The pool hands whatever it still holds to the reaper: nothing waits here.
    delete m_engine.data();
}

#include "core/models/schemaloader.h"

#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/schema/schemareader.h"

SchemaLoader::SchemaLoader(Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_session(new Session(engine, tr("schema browser"), this))
{
    // A schema read leaves the server as it found it.
    m_session->setClosesItsConnections(true);
    connect(m_session, &Session::taskFinished, this, &SchemaLoader::onTaskFinished);
}

SchemaLoader::~SchemaLoader()
{
    // Nobody listens any more; hand the connection back now (cancelled and
    // rolled back by the pool), so the session's destructor has nothing to reclaim.
    disconnect(m_session, nullptr, this, nullptr);
    m_session->cancel();
    m_session->close();
}

bool SchemaLoader::load(const QStringList &schemas)
{
    return m_session->runTask(SchemaReader::task(schemas));
}

Engine *SchemaLoader::engine() const
{
    return m_engine;
}

void SchemaLoader::cancel()
{
    m_session->cancel();
}

bool SchemaLoader::isLoading() const
{
    return m_session->isBusy();
}

void SchemaLoader::onTaskFinished(const QVariant &value, const QString &error)
{
    m_session->close();
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    if (value.metaType() == QMetaType::fromType<Schema>()) {
        Q_EMIT loaded(value.value<Schema>());
        return;
    }
    Q_EMIT failed(value.toString().isEmpty() ? tr("Reading the schema failed.") : value.toString());
}

#include "core/pool/workspace.h"

#include "core/connection/threadreaper.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_log(new EventLog(10000, this))
    , m_reaper(new ThreadReaper(this))
{
}

Workspace::~Workspace()
{
    if (!m_shutDown)
        shutdown(QDeadlineTimer(ThreadReaper::kQuitDeadlineMs));
}

Engine *Workspace::addBind(const Bind &bind, QString *error)
{
    if (bind.name.trimmed().isEmpty()) {
        if (error)
            *error = tr("A bind needs a name.");
        return nullptr;
    }
    if (engine(bind.name)) {
        if (error)
            *error = tr("There is already a bind named '%1'.").arg(bind.name);
        return nullptr;
    }
    const QString problem = bind.options.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = tr("Bind '%1': %2.").arg(bind.name, problem);
        return nullptr;
    }
    auto *engine = new Engine(bind, m_log, this, m_reaper);
    m_engines.append(engine);
    Q_EMIT engineAdded(engine);
    return engine;
}

void Workspace::removeBind(const QString &name)
{
    Engine *found = engine(name);
    if (!found)
        return;
    m_engines.removeOne(found);
    Q_EMIT engineRemoved(name);
    // Deleting it now would be as quick (the reaper waits, not us), but
    // disposing first lets the pool log each close as the server sees it.
    connect(found, &Engine::disposed, found, &QObject::deleteLater);
    found->dispose();
}

Engine *Workspace::engine(const QString &name) const
{
    for (Engine *engine : m_engines) {
        if (engine->name() == name)
            return engine;
    }
    return nullptr;
}

int Workspace::shutdown(QDeadlineTimer deadline)
{
    m_shutDown = true;
    // Removed engines still closing are children too. Engines go before the
    // log: their connections report to it while closing.
    const auto engines = findChildren<Engine *>(Qt::FindDirectChildrenOnly);
    m_engines.clear();
    for (Engine *engine : engines)
        engine->dispose();
    qDeleteAll(engines);
    return m_reaper->finishAll(deadline);
}

QSet<qint64> Workspace::ownServerIds() const
{
    QSet<qint64> ids;
    for (const Engine *engine : m_engines)
        ids.unite(engine->pool()->serverIds());
    return ids;
}

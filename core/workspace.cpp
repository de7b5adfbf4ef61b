#include "core/workspace.h"

#include "core/engine.h"
#include "core/eventlog.h"

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_log(new EventLog(10000, this))
{
}

Workspace::~Workspace()
{
    // Engines first: their connections report to the log while closing.
    qDeleteAll(m_engines);
    m_engines.clear();
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
    auto *engine = new Engine(bind, m_log, this);
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
    delete found;
}

Engine *Workspace::engine(const QString &name) const
{
    for (Engine *engine : m_engines) {
        if (engine->name() == name)
            return engine;
    }
    return nullptr;
}

void Workspace::disposeAll()
{
    for (Engine *engine : std::as_const(m_engines))
        engine->dispose();
}

#include "core/models/pgbouncermonitor.h"

#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"

PgBouncerMonitor::PgBouncerMonitor(Workspace *workspace, int everyMs, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    const auto engines = workspace->engines();
    for (Engine *engine : engines)
        addEngine(engine);
    connect(workspace, &Workspace::engineAdded, this, &PgBouncerMonitor::addEngine);
    connect(workspace, &Workspace::engineRemoved, this, &PgBouncerMonitor::removeEngine);
    m_timer.setInterval(everyMs);
    connect(&m_timer, &QTimer::timeout, this, &PgBouncerMonitor::tick);
    m_timer.start();
}

PgBouncerMonitor::~PgBouncerMonitor()
{
    stop();
}

void PgBouncerMonitor::stop()
{
    m_stopped = true;
    m_timer.stop();
    for (auto &[bind, watch] : m_watches) {
        if (watch.session)
            watch.session->close();
    }
}

bool PgBouncerMonitor::isConsole(const Engine *engine)
{
    return engine && engine->dialect() == Dialect::PostgreSQL &&
           engine->url().database() == QLatin1String("pgbouncer");
}

QStringList PgBouncerMonitor::binds() const
{
    QStringList names;
    for (const auto &[bind, watch] : m_watches)
        names << bind;
    return names;
}

std::optional<PgBouncerState> PgBouncerMonitor::state(const QString &bind) const
{
    const auto it = m_watches.find(bind);
    return it == m_watches.end() ? std::nullopt : it->second.state;
}

QString PgBouncerMonitor::error(const QString &bind) const
{
    const auto it = m_watches.find(bind);
    return it == m_watches.end() ? QString() : it->second.error;
}

QList<PgBouncerMonitor::Pooler> PgBouncerMonitor::poolersServing(const Url &server) const
{
    QList<Pooler> poolers;
    for (const auto &[bind, watch] : m_watches) {
        if (watch.state && watch.state->serves(server))
            poolers << Pooler{bind, *watch.state};
    }
    return poolers;
}

void PgBouncerMonitor::addEngine(Engine *engine)
{
    if (m_stopped || !isConsole(engine))
        return;
    const QString bind = engine->name();
    Watch &watch = m_watches[bind];
    watch.engine = engine;
    watch.session = std::make_unique<Session>(engine, tr("PgBouncer pools"));
    // Whatever the monitor opened closes with it, or with the bind.
    watch.session->setClosesItsConnections(true);
    connect(
        watch.session.get(), &Session::taskFinished, this,
        [this, bind](const QVariant &value, const QString &error) { onRead(bind, value, error); });
    read(watch);
}

void PgBouncerMonitor::removeEngine(const QString &name)
{
    const auto it = m_watches.find(name);
    if (it == m_watches.end())
        return;
    if (it->second.session)
        it->second.session->close();
    m_watches.erase(it);
    Q_EMIT changed(name);
}

void PgBouncerMonitor::tick()
{
    for (auto &[bind, watch] : m_watches) {
        if (watch.skip > 0) {
            --watch.skip;
            continue;
        }
        read(watch);
    }
}

void PgBouncerMonitor::readNow()
{
    for (auto &[bind, watch] : m_watches) {
        watch.skip = 0;
        read(watch);
    }
}

void PgBouncerMonitor::read(Watch &watch)
{
    if (m_stopped || watch.reading || !watch.engine || !watch.session || watch.session->isBusy())
        return;
    watch.reading = watch.session->runTask(PgBouncerState::task());
}

void PgBouncerMonitor::onRead(const QString &bind, const QVariant &value, const QString &error)
{
    const auto it = m_watches.find(bind);
    if (it == m_watches.end())
        return;
    Watch &watch = it->second;
    watch.reading = false;
    if (error.isEmpty() && value.metaType() == QMetaType::fromType<PgBouncerState>()) {
        watch.state = value.value<PgBouncerState>();
        watch.error.clear();
        watch.skip = 0;
    } else {
        watch.state.reset();
        watch.error = error.isEmpty() ? value.toString() : error;
        watch.skip = kBackOffPeriods - 1;
    }
    Q_EMIT changed(bind);
}

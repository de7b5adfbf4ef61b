#include "ui/poolmonitordock.h"

#include "core/apps/appmonitor.h"
#include "core/models/apptreemodel.h"
#include "core/models/bindtreemodel.h"
#include "core/models/eventlogmodel.h"
#include "core/models/pgbouncermonitor.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/poolevent.h"
#include "core/pool/poolsampler.h"
#include "core/pool/workspace.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace {

// Keeps rows whose event type matches (any when -1) and whose text matches.
class EventFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setType(int type)
    {
        m_type = type;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (m_type >= 0 && index.data(EventLogModel::EventTypeRole).toInt() != m_type)
            return false;
        const QRegularExpression pattern = filterRegularExpression();
        if (pattern.pattern().isEmpty())
            return true;
        for (int column = 0; column < sourceModel()->columnCount(); ++column) {
            if (sourceModel()->index(row, column, parent).data().toString().contains(pattern))
                return true;
        }
        return false;
    }

private:
    int m_type = -1;
};

QLineSeries *makeSeries(const QString &name, QColor color, QChart *chart)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    QPen pen(color);
    pen.setWidth(2);
    series->setPen(pen);
    chart->addSeries(series);
    return series;
}

} // namespace

PoolMonitorDock::PoolMonitorDock(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_bind(new QComboBox(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_events(new EventLogModel(workspace->eventLog(), this))
    , m_filter(new EventFilter(this))
    , m_eventView(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_type(new QComboBox(this))
{
    buildChart();
    setUpEventLog();
    buildLayout();
    connectSignals();
    const auto engines = workspace->engines();
    for (Engine *engine : engines)
        addEngine(engine);
    connect(workspace, &Workspace::engineAdded, this, &PoolMonitorDock::addEngine);
    connect(workspace, &Workspace::engineRemoved, this, &PoolMonitorDock::removeEngine);
}

void PoolMonitorDock::buildChart()
{
    m_chart->setTitle(tr("Pool"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_checkedOut = makeSeries(tr("checked out"), QColor(0x1f, 0x77, 0xb4), m_chart);
    m_idle = makeSeries(tr("idle"), QColor(0x2c, 0xa0, 0x2c), m_chart);
    m_overflow = makeSeries(tr("overflow"), QColor(0xff, 0x7f, 0x0e), m_chart);
    m_waiting = makeSeries(tr("waiting"), QColor(0xd6, 0x27, 0x28), m_chart);
    m_timeAxis = new QDateTimeAxis(m_chart);
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(5);
    m_countAxis = new QValueAxis(m_chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setMin(0);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_countAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_checkedOut, m_idle, m_overflow, m_waiting}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_countAxis);
    }
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(320, 180);
}

void PoolMonitorDock::setUpEventLog()
{
    m_filter->setSourceModel(m_events);
    m_eventView->setModel(m_filter);
    m_eventView->verticalHeader()->hide();
    m_eventView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 4);
    m_eventView->horizontalHeader()->setStretchLastSection(true);
    m_eventView->setWordWrap(false);
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setColumnWidth(EventLogModel::TimeColumn, 95);
    m_eventView->setColumnWidth(EventLogModel::TypeColumn, 110);
    m_search->setPlaceholderText(tr("Filter events"));
    // The clear button's icon comes from the icon theme, whose index files the
    // first look-up reads (7 ms of the start): only once there is text to clear.
    connect(
        m_search, &QLineEdit::textChanged, m_search,
        [this] { m_search->setClearButtonEnabled(true); }, Qt::SingleShotConnection);
    m_type->addItem(tr("All events"), -1);
    for (int type = int(PoolEvent::Type::Connect); type <= int(PoolEvent::Type::Dispose); ++type)
        m_type->addItem(PoolEvent::typeName(PoolEvent::Type(type)), type);
}

void PoolMonitorDock::buildLayout()
{
    auto *chartSide = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartSide);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto *bindRow = new QHBoxLayout;
    bindRow->addWidget(new QLabel(tr("Bind:"), chartSide));
    bindRow->addWidget(m_bind, 1);
    chartLayout->addLayout(bindRow);
    chartLayout->addWidget(m_chartView, 1);

    auto *logSide = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logSide);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_search, 1);
    filterRow->addWidget(m_type);
    logLayout->addLayout(filterRow);
    logLayout->addWidget(m_eventView, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(chartSide);
    splitter->addWidget(logSide);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void PoolMonitorDock::connectSignals()
{
    connect(m_bind, &QComboBox::currentIndexChanged, this, &PoolMonitorDock::redraw);
    connect(m_search, &QLineEdit::textChanged, this, &PoolMonitorDock::applyFilter);
    connect(m_type, &QComboBox::currentIndexChanged, this, &PoolMonitorDock::applyFilter);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow new events unless the person scrolled up to read.
        QScrollBar *bar = m_eventView->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2)
            m_eventView->scrollToBottom();
    });
}

PoolMonitorDock::~PoolMonitorDock() = default;

void PoolMonitorDock::addEngine(Engine *engine)
{
    addChoice(engine->name(), new PoolSampler(engine->pool(), 600, this));
}

void PoolMonitorDock::addChoice(const QString &name, PoolSampler *sampler)
{
    // The sampler first: adding the choice may draw it at once.
    m_samplers.insert(name, sampler);
    connect(sampler, &PoolSampler::sampled, this, [this, name] {
        if (m_bind->currentText() == name)
            redraw();
    });
    m_bind->addItem(name);
}

void PoolMonitorDock::removeEngine(const QString &name)
{
    delete m_samplers.take(name);
    const int index = m_bind->findText(name);
    if (index >= 0)
        m_bind->removeItem(index);
}

void PoolMonitorDock::setApps(AppMonitor *apps)
{
    m_apps = apps;
    connect(apps, &AppMonitor::changed, this, &PoolMonitorDock::syncApps);
    syncApps();
}

namespace {

const ProbeMessage::Engine *findEngine(const QList<AppProcess> &processes, qint64 pid,
                                       const QString &id)
{
    for (const AppProcess &process : processes) {
        if (process.pid() == pid)
            return process.engine(id);
    }
    return nullptr;
}

} // namespace

void PoolMonitorDock::syncApps()
{
    QHash<QString, QPair<qint64, QString>> now;
    for (const AppMonitor::App &app : m_apps->apps()) {
        for (const AppProcess &process : app.processes) {
            for (const ProbeMessage::Engine &engine : process.engines) {
                const QString bind = engine.bind.isEmpty() ? engine.id : engine.bind;
                now.insert(tr("%1 · %2 (pid %3)").arg(app.title(), bind).arg(process.pid()),
                           {process.pid(), engine.id});
            }
        }
    }
    for (auto it = m_appPools.begin(); it != m_appPools.end();) {
        if (now.contains(it.key())) {
            m_samplers.value(it.key())->poke();
            ++it;
            continue;
        }
        removeEngine(it.key());
        it = m_appPools.erase(it);
    }
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (m_appPools.contains(it.key()))
            continue;
        const auto [pid, id] = it.value();
        auto *sampler = new PoolSampler(
            [apps = QPointer<AppMonitor>(m_apps), pid = pid, id = id](PoolSampler::Sample *s) {
                const ProbeMessage::Engine *engine =
                    apps ? findEngine(apps->processes(), pid, id) : nullptr;
                if (!engine)
                    return false;
                const PoolGauge gauge = AppTreeModel::gaugeOf(*engine);
                s->checkedOut = gauge.checkedOut;
                s->idle = gauge.idle;
                s->overflow = gauge.overflow();
                return true;
            },
            600, this);
        m_appPools.insert(it.key(), it.value());
        addChoice(it.key(), sampler);
    }
}

void PoolMonitorDock::setPooler(PgBouncerMonitor *monitor)
{
    m_pooler = monitor;
    connect(monitor, &PgBouncerMonitor::changed, this, &PoolMonitorDock::syncPooler);
    const QStringList binds = monitor->binds();
    for (const QString &bind : binds)
        syncPooler(bind);
}

namespace {

const PgBouncerPool *findPool(const PgBouncerState &state, const QString &database,
                              const QString &user)
{
    for (const PgBouncerPool &pool : state.pools) {
        if (pool.database == database && pool.user == user)
            return &pool;
    }
    return nullptr;
}

} // namespace

void PoolMonitorDock::syncPooler(const QString &bind)
{
    const bool watched = m_pooler && m_pooler->binds().contains(bind);
    const std::optional<PgBouncerState> state =
        watched ? m_pooler->state(bind) : std::optional<PgBouncerState>();
    // A failed read keeps the choices, with a gap in their lines; a pool
    // gone from a good read, or the bind gone, takes its choice.
    for (auto it = m_poolerPools.begin(); it != m_poolerPools.end();) {
        const bool gone =
            it->bind == bind && (!watched || (state && !findPool(*state, it->database, it->user)));
        if (!gone) {
            if (it->bind == bind)
                m_samplers.value(it.key())->poke();
            ++it;
            continue;
        }
        removeEngine(it.key());
        it = m_poolerPools.erase(it);
    }
    if (!state)
        return;
    for (const PgBouncerPool &pool : state->pools) {
        if (pool.database == QLatin1String("pgbouncer"))
            continue; // the console's own
        const QString name = tr("%1 · PgBouncer %2/%3").arg(bind, pool.database, pool.user);
        if (m_poolerPools.contains(name))
            continue;
        auto *sampler = new PoolSampler(
            [monitor = m_pooler, bind, database = pool.database,
             user = pool.user](PoolSampler::Sample *s) {
                const std::optional<PgBouncerState> now =
                    monitor ? monitor->state(bind) : std::nullopt;
                const PgBouncerPool *found = now ? findPool(*now, database, user) : nullptr;
                if (!found)
                    return false;
                const PoolGauge gauge = BindTreeModel::gaugeOf(*now, *found);
                s->checkedOut = gauge.checkedOut;
                s->idle = gauge.idle;
                s->overflow = gauge.overflow();
                s->waiting = gauge.waiting;
                return true;
            },
            600, this);
        m_poolerPools.insert(name, {bind, pool.database, pool.user});
        addChoice(name, sampler);
    }
}

void PoolMonitorDock::showBind(const QString &name)
{
    const int index = m_bind->findText(name);
    if (index >= 0)
        m_bind->setCurrentIndex(index);
}

int PoolMonitorDock::pointCount() const
{
    return int(m_checkedOut->count());
}

void PoolMonitorDock::redraw()
{
    const PoolSampler *sampler = m_samplers.value(m_bind->currentText());
    const auto pooler = m_poolerPools.constFind(m_bind->currentText());
    nameSeries(pooler != m_poolerPools.constEnd());
    if (!sampler) {
        for (QLineSeries *series : {m_checkedOut, m_idle, m_overflow, m_waiting})
            series->clear();
        return;
    }
    QList<QPointF> out, idle, overflow, waiting;
    const auto &samples = sampler->samples();
    // Steps, not slopes: a count holds until the next sample.
    for (size_t i = 0; i < samples.size(); ++i) {
        const auto &s = samples[i];
        const qreal x = qreal(s.time.toMSecsSinceEpoch());
        if (i > 0) {
            const auto &p = samples[i - 1];
            out << QPointF(x, p.checkedOut);
            idle << QPointF(x, p.idle);
            overflow << QPointF(x, p.overflow);
            waiting << QPointF(x, p.waiting);
        }
        out << QPointF(x, s.checkedOut);
        idle << QPointF(x, s.idle);
        overflow << QPointF(x, s.overflow);
        waiting << QPointF(x, s.waiting);
    }
    m_checkedOut->replace(out);
    m_idle->replace(idle);
    m_overflow->replace(overflow);
    m_waiting->replace(waiting);
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime first = samples.empty() ? now : samples.front().time.toLocalTime();
    m_timeAxis->setRange(qMin(first, now.addSecs(-60)), now);
    m_countAxis->setRange(0, qMax(4, sampler->peak() + 1));
    const Engine *engine = m_workspace->engine(m_bind->currentText());
    QString status = engine ? engine->pool()->status() : QString();
    if (const auto probed = m_appPools.constFind(m_bind->currentText());
        probed != m_appPools.constEnd() && m_apps) {
        const ProbeMessage::Engine *app =
            findEngine(m_apps->processes(), probed->first, probed->second);
        status = app ? app->status : QString();
    }
    if (pooler != m_poolerPools.constEnd() && m_pooler) {
        const std::optional<PgBouncerState> state = m_pooler->state(pooler->bind);
        const PgBouncerPool *pool =
            state ? findPool(*state, pooler->database, pooler->user) : nullptr;
        status = pool ? PgBouncerState::describeBesideChart(*pool) : m_pooler->error(pooler->bind);
    }
    // A PgBouncer pool's choice already names its pool: the bind is enough.
    const QString who = pooler != m_poolerPools.constEnd() ? pooler->bind : m_bind->currentText();
    m_chart->setTitle(status.isEmpty() ? QString() : tr("%1 · %2").arg(who, status));
}

void PoolMonitorDock::nameSeries(bool pooler)
{
    // PgBouncer counts server connections and waiting clients: the same
    // shapes as a pool's, under its own words.
    m_checkedOut->setName(pooler ? tr("servers active") : tr("checked out"));
    m_idle->setName(pooler ? tr("servers idle") : tr("idle"));
    m_overflow->setName(pooler ? tr("reserve") : tr("overflow"));
    m_waiting->setName(pooler ? tr("clients waiting") : tr("waiting"));
}

void PoolMonitorDock::applyFilter()
{
    m_filter->setFilterRegularExpression(QRegularExpression(
        QRegularExpression::escape(m_search->text()), QRegularExpression::CaseInsensitiveOption));
    static_cast<EventFilter *>(m_filter)->setType(m_type->currentData().toInt());
}

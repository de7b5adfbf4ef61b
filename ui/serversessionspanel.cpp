#include "ui/serversessionspanel.h"

#include "core/apps/appmonitor.h"
#include "core/apps/servercapacity.h"
#include "core/connection/threadreaper.h"
#include "core/diagnosis/serversessionactions.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/models/serversessionanalysis.h"
#include "core/models/serversessionmodel.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "ui/bindcombobox.h"
#include "ui/pooleractionsbutton.h"
#include "ui/statusline.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <memory>

namespace {

// Suspects in red, our own connections in italics, lock waits in orange.
class SessionRowDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(ServerSessionModel::IsSuspectRole).toBool()) {
            option->palette.setColor(QPalette::Text, QColor(0xc0, 0x10, 0x10));
            option->font.setBold(true);
        } else if (index.data(ServerSessionModel::BlockedRole).toBool()) {
            option->palette.setColor(QPalette::Text, QColor(0xc0, 0x60, 0x00));
        }
        if (index.data(ServerSessionModel::OwnRole).toBool())
            option->font.setItalic(true);
    }
};

QDoubleSpinBox *secondsBox(QWidget *parent, double value, const QString &tip)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, 86400);
    box->setDecimals(0);
    box->setSuffix(ServerSessionsPanel::tr(" s"));
    box->setSpecialValueText(ServerSessionsPanel::tr("off"));
    box->setValue(value);
    box->setToolTip(tip);
    return box;
}

} // namespace

ServerSessionsPanel::ServerSessionsPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_bind(new BindComboBox(workspace, this))
    , m_interval(new QComboBox(this))
    , m_suspectsOnly(new QCheckBox(tr("Suspects only"), this))
    , m_idleInTransaction(
          secondsBox(this, 60, tr("Flag sessions idle in a transaction longer than this")))
    , m_idle(secondsBox(this, 0, tr("Flag sessions idle longer than this")))
    , m_running(secondsBox(this, 300, tr("Flag statements running longer than this")))
    , m_status(new StatusLine(this))
    , m_model(new ServerSessionModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_findings(new QPlainTextEdit(this))
    , m_cancel(new QPushButton(
          ServerSessionActions::label(ServerSessionActions::Action::CancelStatement), this))
    , m_end(new QPushButton(ServerSessionActions::label(ServerSessionActions::Action::EndSession),
                            this))
    , m_pooler(new PoolerActionsButton(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
{
    setUpControls();
    buildChart();
    buildLayout();
    connectSignals();
    m_timer.start(m_interval->currentData().toInt() * 1000);
    onBindChosen();
}

void ServerSessionsPanel::setUpControls()
{
    m_interval->addItem(tr("Manual"), 0);
    for (int seconds : {2, 5, 10, 30, 60})
        m_interval->addItem(tr("Every %1 s").arg(seconds), seconds);
    m_interval->setCurrentIndex(2);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(ServerSessionModel::IsSuspectRole);
    m_proxy->setSortRole(ServerSessionModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new SessionRowDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_findings->setReadOnly(true);
    m_findings->setPlaceholderText(tr("Findings: groups of suspect sessions"));
}

void ServerSessionsPanel::buildChart()
{
    const char *names[] = {QT_TR_NOOP("active"), QT_TR_NOOP("idle"),
                           QT_TR_NOOP("idle in transaction"), QT_TR_NOOP("other")};
    const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                             QColor(0xd6, 0x27, 0x28), QColor(0x7f, 0x7f, 0x7f)};
    m_timeAxis = new QDateTimeAxis(m_chart);
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(4);
    m_countAxis = new QValueAxis(m_chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_countAxis, Qt::AlignLeft);
    for (int i = 0; i < 4; ++i) {
        m_series[i] = new QLineSeries(m_chart);
        m_series[i]->setName(tr(names[i]));
        QPen pen(colors[i]);
        pen.setWidth(2);
        m_series[i]->setPen(pen);
        m_chart->addSeries(m_series[i]);
        m_series[i]->attachAxis(m_timeAxis);
        m_series[i]->attachAxis(m_countAxis);
    }
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(260, 200);
    m_countAxis->setTickCount(3);
}

void ServerSessionsPanel::buildLayout()
{
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Bind:"), this));
    controls->addWidget(m_bind, 1);
    controls->addWidget(m_interval);
    m_refresh = new QPushButton(tr("Refresh"), this);
    controls->addWidget(m_refresh);
    controls->addWidget(m_suspectsOnly);
    auto *rulesRow = new QHBoxLayout;
    rulesRow->addWidget(new QLabel(tr("Idle in transaction over:"), this));
    rulesRow->addWidget(m_idleInTransaction);
    rulesRow->addWidget(new QLabel(tr("Idle over:"), this));
    rulesRow->addWidget(m_idle);
    rulesRow->addWidget(new QLabel(tr("Running over:"), this));
    rulesRow->addWidget(m_running);
    rulesRow->addStretch();
    rulesRow->addWidget(m_pooler);
    rulesRow->addWidget(m_cancel);
    rulesRow->addWidget(m_end);

    auto *side = new QSplitter(Qt::Vertical, this);
    side->addWidget(m_findings);
    side->addWidget(m_chartView);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addLayout(rulesRow);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
}

void ServerSessionsPanel::connectSignals()
{
    connect(m_bind, &QComboBox::currentIndexChanged, this, &ServerSessionsPanel::onBindChosen);
    connect(m_refresh, &QPushButton::clicked, this, &ServerSessionsPanel::refresh);
    connect(m_suspectsOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setFilterFixedString(on ? QStringLiteral("true") : QString());
    });
    for (QDoubleSpinBox *box : {m_idleInTransaction, m_idle, m_running}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            if (m_model->snapshot().isValid()) {
                ServerSessionSnapshot snapshot = m_model->snapshot();
                analysis().apply(snapshot);
                onSnapshot(snapshot);
            }
        });
    }
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        const int seconds = m_interval->currentData().toInt();
        if (seconds > 0)
            m_timer.start(seconds * 1000);
        else
            m_timer.stop();
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // Only while someone can see it.
        if (isVisible())
            refresh();
    });
    connect(m_cancel, &QPushButton::clicked, this, &ServerSessionsPanel::cancelSelected);
    connect(m_end, &QPushButton::clicked, this, &ServerSessionsPanel::endSelected);
    connect(m_pooler, &PoolerActionsButton::actionDone, this,
            [this](bool ok, const QString &message) {
                m_status->setText(message);
                Q_EMIT actionDone(ok, message);
                refresh();
            });
}

ServerSessionsPanel::~ServerSessionsPanel()
{
    if (m_session)
        m_session->close();
}

void ServerSessionsPanel::stop()
{
    m_timer.stop();
    if (m_session)
        m_session->close();
    m_reading = false;
}

bool ServerSessionsPanel::isReading() const
{
    return m_reading;
}

void ServerSessionsPanel::showBind(const QString &name)
{
    const int index = m_bind->findText(name);
    if (index >= 0 && index != m_bind->currentIndex())
        m_bind->setCurrentIndex(index);
    else if (index >= 0)
        refresh();
}

void ServerSessionsPanel::onBindChosen()
{
    if (m_session) {
        m_session->close();
        delete m_session;
        m_session = nullptr;
    }
    m_reading = false;
    m_model->clear();
    m_history.clear();
    m_findings->clear();
    m_engine = m_workspace->engine(m_bind->currentText());
    showPooler(ServerSessionSnapshot());
    if (m_engine) {
        m_session = new Session(m_engine, tr("server sessions"), this);
        // Whatever this panel opened closes with it.
        m_session->setClosesItsConnections(true);
        connect(m_session, &Session::taskFinished, this,
                [this](const QVariant &value, const QString &error) {
                    m_reading = false;
                    if (!error.isEmpty()) {
                        m_status->setText(tr("Cannot read the sessions: %1").arg(error));
                        return;
                    }
                    if (value.metaType() == QMetaType::fromType<ServerSessionSnapshot>())
                        onSnapshot(value.value<ServerSessionSnapshot>());
                });
    }
    redrawChart();
    if (isVisible())
        refresh();
}

SuspectRules ServerSessionsPanel::rules() const
{
    SuspectRules rules = m_engine ? SuspectRules::forBind(m_engine->bind()) : SuspectRules();
    // The bind's own pool is poolscope's; other programs' limits are unknown here.
    rules.poolLimit.reset();
    auto set = [](const QDoubleSpinBox *box, std::optional<double> &value) {
        if (box->value() > 0)
            value = box->value();
        else
            value.reset();
    };
    set(m_idleInTransaction, rules.idleInTransactionOver);
    set(m_idle, rules.idleOver);
    set(m_running, rules.runningOver);
    return rules;
}

void ServerSessionsPanel::refresh()
{
    if (!m_engine || !m_session || m_reading || m_session->isBusy())
        return;
    ServerSessionReader reader;
    reader.setOwnServerIds(m_workspace->ownServerIds());
    reader.setPrevious(m_model->snapshot());
    m_reading = true;
    m_status->setText(tr("Reading…"));
    if (m_engine->dialect() == Dialect::SQLite) {
        // No server: the processes holding the file, from /proc, without SQL
        // and without waiting behind a statement, but not on this thread.
        reader.setOwnConnectionCount(m_engine->pool()->openCount());
        auto read = std::make_shared<ServerSessionSnapshot>();
        m_workspace->reaper()->run(
            QStringLiteral("file holders"),
            [reader, read, path = m_engine->url().database(), analysis = analysis()] {
                *read = reader.readSqliteFile(path);
                analysis.apply(*read);
            },
            this,
            [this, read, engine = QPointer<Engine>(m_engine)] {
                if (engine != m_engine)
                    return; // another bind was chosen meanwhile
                m_reading = false;
                onSnapshot(*read);
            });
        return;
    }
    m_session->runTask(analysis().task(reader));
}

ServerSessionAnalysis ServerSessionsPanel::analysis() const
{
    const Url server = m_engine ? m_engine->url() : Url();
    return ServerSessionAnalysis(
        server, m_apps ? m_apps->processes() : QList<AppProcess>(),
        m_poolers ? m_poolers->poolersServing(server) : QList<PgBouncerMonitor::Pooler>(), rules());
}

void ServerSessionsPanel::onSnapshot(const ServerSessionSnapshot &snapshot)
{
    if (!snapshot.error.isEmpty()) {
        m_status->setText(tr("Cannot read the sessions: %1").arg(snapshot.error));
        return;
    }
    QList<PgBouncerMonitor::Pooler> poolers;
    if (m_poolers && m_engine && !snapshot.pgbouncer)
        poolers = m_poolers->poolersServing(m_engine->url());
    const bool fresh = snapshot.takenAt != m_model->snapshot().takenAt;
    m_model->setSnapshot(snapshot);
    if (fresh)
        m_history.add(snapshot);
    QStringList lines;
    const QStringList growing = m_history.growingGroups();
    for (const ServerSessionGroup &group : snapshot.findings) {
        QString line = group.describe();
        if (growing.contains(group.key))
            line += tr(" — still growing");
        lines << line;
    }
    for (const QString &note : snapshot.notes)
        lines << tr("Note: %1").arg(note);
    if (snapshot.pgbouncer) {
        lines.prepend(
            tr("Traffic:\n%1").arg(snapshot.pgbouncer->describeStats().join(QLatin1Char('\n'))));
        lines.prepend(
            tr("Pools:\n%1").arg(snapshot.pgbouncer->describePools().join(QLatin1Char('\n'))));
        lines.prepend(
            tr("Capacity: %1")
                .arg(snapshot.pgbouncer->describeCapacity(int(snapshot.sessions.size()))));
    } else if (snapshot.maxConnections && m_engine) {
        lines.prepend(tr("Capacity: %1").arg(capacityText(snapshot, poolers)));
    }
    showPooler(snapshot);
    m_findings->setPlainText(lines.isEmpty() ? tr("No suspects.")
                                             : lines.join(QStringLiteral("\n\n")));
    m_status->setText(
        tr("%n session(s), %1 suspect(s), read at %2", nullptr, int(snapshot.sessions.size()))
            .arg(snapshot.suspectCount())
            .arg(snapshot.takenAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    redrawChart();
    Q_EMIT snapshotShown();
}

QString ServerSessionsPanel::capacityText(const ServerSessionSnapshot &snapshot,
                                          const QList<PgBouncerMonitor::Pooler> &poolers) const
{
    ServerCapacity capacity(snapshot.maxConnections, snapshot.reservedConnections,
                            snapshot.connectionLimitName);
    QList<Bind> binds;
    const auto engines = m_workspace->engines();
    for (const Engine *engine : engines)
        binds << engine->bind();
    capacity.addBinds(binds, m_engine->url());
    if (m_apps)
        capacity.addApps(m_apps->processes(), m_engine->url());
    for (const PgBouncerMonitor::Pooler &pooler : poolers)
        capacity.addPooler(pooler.bind, pooler.state.serverConnectionLimit());
    QString text = capacity.describe();
    // Each pooler's own limits beside what this server admits.
    for (const PgBouncerMonitor::Pooler &pooler : poolers)
        text += QLatin1Char('\n') +
                tr("PgBouncer %1: %2")
                    .arg(pooler.bind, pooler.state.describeCapacity(pooler.state.clientCount(),
                                                                    capacity.available()));
    return text;
}

void ServerSessionsPanel::showPooler(const ServerSessionSnapshot &snapshot)
{
    m_pooler->setState(m_engine, snapshot.pgbouncer, snapshot.sessions);
    // The console cannot act on one client; the reason is in isOffered().
    const QString tip = snapshot.pgbouncer
                            ? tr("PgBouncer's console cannot cancel or end one client: use the "
                                 "Pooler menu, or a bind to the PostgreSQL server")
                            : QString();
    for (QPushButton *button : {m_cancel, m_end}) {
        button->setEnabled(!snapshot.pgbouncer);
        button->setToolTip(tip);
    }
}

QString ServerSessionsPanel::statusText() const
{
    return m_status->text();
}

QString ServerSessionsPanel::findingsText() const
{
    return m_findings->toPlainText();
}

void ServerSessionsPanel::redrawChart()
{
    QList<QPointF> points[4];
    int peak = 1;
    for (const ServerSessionHistory::Entry &entry : m_history.entries()) {
        const qreal x = qreal(entry.takenAt.toMSecsSinceEpoch());
        for (int i = 0; i < 4; ++i) {
            points[i] << QPointF(x, entry.stateCounts[size_t(i)]);
            peak = qMax(peak, entry.stateCounts[size_t(i)]);
        }
    }
    for (int i = 0; i < 4; ++i)
        m_series[i]->replace(points[i]);
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime first = m_history.entries().isEmpty()
                                ? now
                                : m_history.entries().constFirst().takenAt.toLocalTime();
    m_timeAxis->setRange(qMin(first, now.addSecs(-60)), now);
    m_countAxis->setRange(0, peak + 1);
}

void ServerSessionsPanel::cancelSelected()
{
    act(int(ServerSessionActions::Action::CancelStatement));
}

void ServerSessionsPanel::endSelected()
{
    act(int(ServerSessionActions::Action::EndSession));
}

void ServerSessionsPanel::act(int which)
{
    const auto action = ServerSessionActions::Action(which);
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid() || !m_engine || !m_session) {
        m_status->setText(tr("Choose a session first."));
        return;
    }
    // A copy: the dialog below runs an event loop in which the refresh timer
    // replaces the model's rows, and a pointer would then name another session.
    const ServerSession asked = *m_model->sessionAt(current.row());
    const QPointer<Engine> askedEngine = m_engine;
    const Dialect dialect = m_engine->dialect();
    QString why;
    if (!ServerSessionActions::isOffered(action, dialect, asked, &why)) {
        QMessageBox::information(this, ServerSessionActions::label(action), why);
        return;
    }
    const QString question = ServerSessionActions::confirmationText(action, dialect, asked);
    const QPointer<ServerSessionsPanel> alive(this);
    const auto answer =
        QMessageBox::question(this, ServerSessionActions::label(action), question,
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (!alive || answer != QMessageBox::Yes)
        return;
    // The world may have moved while the user read: the bind may be another,
    // the session gone, or its pid now another session's.
    const int row = m_model->rowOf(asked.pid);
    const ServerSession *now = row >= 0 ? m_model->sessionAt(row) : nullptr;
    if (!askedEngine || m_engine != askedEngine || !m_session || !now ||
        now->backendStart != asked.backendStart || now->user != asked.user) {
        const QString message =
            tr("Session %1 ended or changed while you were asked; nothing was done.")
                .arg(asked.pid);
        m_status->setText(message);
        Q_EMIT actionDone(false, message);
        return;
    }
    if (m_session->isBusy()) {
        m_status->setText(tr("Still reading; try again in a moment."));
        return;
    }
    const qint64 pid = asked.pid;
    auto link = std::make_shared<QMetaObject::Connection>();
    *link = connect(
        m_session, &Session::taskFinished, this,
        [this, link, pid](const QVariant &value, const QString &error) {
            disconnect(*link);
            const auto result = value.value<ServerSessionActions::Result>();
            const bool ok = error.isEmpty() && result.ok;
            const QString message =
                ok ? tr("Done for session %1.").arg(pid)
                   : tr("Session %1: %2").arg(pid).arg(error.isEmpty() ? result.error : error);
            m_status->setText(message);
            Q_EMIT actionDone(ok, message);
            refresh();
        });
    // The server checks once more, in the statement that acts.
    m_session->runTask(ServerSessionActions::task(action, asked));
}

#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class AppMonitor;
class Engine;
class EventLogModel;
class PgBouncerMonitor;
class PoolSampler;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineEdit;
class QLineSeries;
class QSortFilterProxyModel;
class QTableView;
class QValueAxis;
class Workspace;

// The bottom dock: for the chosen bind, a chart of checked-out, idle,
// overflow and waiting over the last minutes (for a PgBouncer pool: its
// servers active, idle and from the reserve, and its clients waiting); beside it the pool event log
// of every bind, with a text and an event-type filter.
class PoolMonitorDock final : public QWidget
{
    Q_OBJECT

public:
    explicit PoolMonitorDock(Workspace *workspace, QWidget *parent = nullptr);
    ~PoolMonitorDock() override;

    QChartView *chartView() const { return m_chartView; }
    QTableView *eventView() const { return m_eventView; }
    QSortFilterProxyModel *eventFilter() const { return m_filter; }
    QComboBox *bindChooser() const { return m_bind; }
    QChart *chart() const { return m_chart; }
    void showBind(const QString &name);
    // Probed applications' pools (docs/probe.md) become choices too, named
    // "app · bind (pid N)", for as long as their process runs.
    void setApps(AppMonitor *apps);
    // PgBouncer's pools, as monitor reads them from console binds, become
    // choices too, named "bind · PgBouncer database/user", for as long as
    // the pooler reports them.
    void setPooler(PgBouncerMonitor *monitor);
    // Points per series currently drawn (for tests).
    int pointCount() const;

private:
    void buildChart();
    void setUpEventLog();
    void buildLayout();
    void connectSignals();
    void addEngine(Engine *engine);
    void removeEngine(const QString &name);
    void redraw();
    void applyFilter();
    void syncApps();
    void syncPooler(const QString &bind);
    // Adds choice name, drawn from sampler, which this dock now owns.
    void addChoice(const QString &name, PoolSampler *sampler);
    // Names the series for what the chosen pool counts.
    void nameSeries(bool pooler);

    Workspace *m_workspace;
    QHash<QString, PoolSampler *> m_samplers;
    AppMonitor *m_apps = nullptr;
    // Choice name -> (pid, engine id) of the probed pools among m_samplers.
    QHash<QString, QPair<qint64, QString>> m_appPools;
    QPointer<PgBouncerMonitor> m_pooler;
    // Choice name -> (console bind, PgBouncer database and user) among m_samplers.
    struct PoolerPoolKey
    {
        QString bind;
        QString database;
        QString user;
    };
    QHash<QString, PoolerPoolKey> m_poolerPools;
    QComboBox *m_bind;
    QChart *m_chart;
    QChartView *m_chartView;
    QLineSeries *m_checkedOut;
    QLineSeries *m_idle;
    QLineSeries *m_overflow;
    QLineSeries *m_waiting;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_countAxis;
    EventLogModel *m_events;
    QSortFilterProxyModel *m_filter;
    QTableView *m_eventView;
    QLineEdit *m_search;
    QComboBox *m_type;
};

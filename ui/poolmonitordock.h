#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class AppMonitor;
class Engine;
class EventLogModel;
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
// overflow and waiting over the last minutes; beside it the pool event log of
// every bind, with a text and an event-type filter.
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

    Workspace *m_workspace;
    QHash<QString, PoolSampler *> m_samplers;
    AppMonitor *m_apps = nullptr;
    // Choice name -> (pid, engine id) of the probed pools among m_samplers.
    QHash<QString, QPair<qint64, QString>> m_appPools;
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

#pragma once

#include "core/diagnosis/serversessionhistory.h"
#include "core/diagnosis/serversessionsnapshot.h"
#include "core/diagnosis/suspectrules.h"
#include "core/models/pgbouncermonitor.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class AppMonitor;
class BindComboBox;
class Engine;
class PoolerActionsButton;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QValueAxis;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class ServerSessionAnalysis;
class ServerSessionModel;
class Session;
class StatusLine;
class Workspace;

// What the server says about every session of a bind's database, refreshed
// on a timer: ages and states, suspects highlighted (a suspects-only filter),
// poolscope's own connections marked, findings grouped by bind and statement,
// a chart of counts by state over time, and cancel / end with a confirmation
// that says what happens to the client. On PgBouncer's admin console: its
// pools and limits among the findings, and its commands (the Pooler menu).
class ServerSessionsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ServerSessionsPanel(Workspace *workspace, QWidget *parent = nullptr);
    ~ServerSessionsPanel() override;

    void showBind(const QString &name);
    // Probed applications name the code behind their sessions (docs/probe.md).
    void setApps(AppMonitor *apps) { m_apps = apps; }
    // PgBouncers in front of the server: their server connections are named
    // among its sessions, and counted in its capacity.
    void setPoolers(PgBouncerMonitor *poolers) { m_poolers = poolers; }
    void refresh();
    // Stops refreshing and closes the panel's connection (the window closes).
    void stop();
    bool isReading() const;
    ServerSessionModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QCheckBox *suspectsOnly() const { return m_suspectsOnly; }
    QDoubleSpinBox *idleInTransactionOver() const { return m_idleInTransaction; }
    // How often it refreshes on its own ("Manual": never).
    QComboBox *interval() const { return m_interval; }
    // PgBouncer's commands, shown while the bind is its admin console.
    PoolerActionsButton *pooler() const { return m_pooler; }
    QString findingsText() const;
    QString statusText() const;
    // Asks (a real dialog) and then cancels the statement of, or ends, the
    // session in the selected row.
    void cancelSelected();
    void endSelected();

Q_SIGNALS:
    void snapshotShown();
    void actionDone(bool ok, const QString &message);

private:
    void setUpControls();
    void buildChart();
    void buildLayout();
    void connectSignals();
    void onBindChosen();
    // What a snapshot read now is analysed with (the panel's rules as set).
    ServerSessionAnalysis analysis() const;
    void onSnapshot(const ServerSessionSnapshot &snapshot);
    void act(int action);
    QString capacityText(const ServerSessionSnapshot &snapshot,
                         const QList<PgBouncerMonitor::Pooler> &poolers) const;
    void showPooler(const ServerSessionSnapshot &snapshot);
    SuspectRules rules() const;
    void redrawChart();

    Workspace *m_workspace;
    AppMonitor *m_apps = nullptr;
    QPointer<PgBouncerMonitor> m_poolers;
    BindComboBox *m_bind;
    QComboBox *m_interval;
    QCheckBox *m_suspectsOnly;
    QDoubleSpinBox *m_idleInTransaction;
    QDoubleSpinBox *m_idle;
    QDoubleSpinBox *m_running;
    StatusLine *m_status;
    ServerSessionModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QPlainTextEdit *m_findings;
    QPushButton *m_cancel;
    QPushButton *m_end;
    PoolerActionsButton *m_pooler;
    QPushButton *m_refresh = nullptr;
    QChart *m_chart;
    QChartView *m_chartView;
    QLineSeries *m_series[4];
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_countAxis;
    QPointer<Engine> m_engine;
    Session *m_session = nullptr;
    ServerSessionHistory m_history;
    QTimer m_timer;
    bool m_reading = false;
};

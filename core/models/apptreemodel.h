#pragma once

#include "core/apps/appmonitor.h"
#include "core/models/bindtreemodel.h"
#include "core/pool/poolgauge.h"

#include <QAbstractItemModel>
#include <QTimer>

#include <memory>
#include <vector>

// The "Applications" tree of the binds dock: probed programs (docs/probe.md),
// their processes, each process's binds with their pool (status() and a
// gauge), the pool's connections, and under a checked-out connection the line
// of code that holds it (the whole stack as tooltip). A connection held past
// the leak threshold, or returned by the garbage collector, is a suspected
// leak. Rows are matched by key on every update and inserted, removed or
// changed in place, never reset, so a view keeps its expansion and selection
// while the picture changes four times a second. Roles are BindTreeModel's, so
// the binds tree's delegate draws both.
class AppTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class NodeKind { App, Process, Engine, Pool, Connection, Code, Collected };
    static constexpr int NodeKindRole = BindTreeModel::NodeKindRole + 100;
    // Seconds a connection may stay checked out before it looks leaked.
    static constexpr double kDefaultLeakThreshold = 30.0;

    explicit AppTreeModel(AppMonitor *monitor, QObject *parent = nullptr);
    ~AppTreeModel() override;

    // A probed pool's load for a gauge or a chart (waiting is not known).
    static PoolGauge gaugeOf(const ProbeMessage::Engine &engine);

    void setLeakThreshold(double seconds);
    double leakThreshold() const { return m_leakThreshold; }
    // Builds the rows from processes at now (probe clock, seconds since the
    // epoch); the monitor's updates call it, tests may too.
    void update(const QList<AppProcess> &processes, double now);

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    struct Node;

private:
    void refresh();
    void sync(Node *into, Node &from, const QModelIndex &parent);

    AppMonitor *m_monitor;
    std::unique_ptr<Node> m_root;
    double m_leakThreshold = kDefaultLeakThreshold;
    QTimer m_ticker; // ages move on between updates
};

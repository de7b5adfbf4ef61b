#pragma once

#include "core/diagnosis/pgbouncerstate.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QTimer>

#include <vector>

class Connection;
class Engine;
class PgBouncerMonitor;
struct PoolGauge;
class Workspace;

// The binds of a workspace as a live tree:
//   bind
//     engine      URL (password as ***), dialect, server version
//     pool        its load (PoolGaugeRole, status() as tooltip); one child per
//                 pooled connection
//       #3 pid 4711   state, age, owner, last SQL
//         session     the session that holds it, its transaction, what runs
//     PgBouncer pool  on a console bind (setPooler()), one per pool PgBouncer
//                     keeps: its server connections as a gauge, its clients
// Follows the core's signals; rows are inserted and removed, never reset, so
// views keep their expansion. Ages are refreshed once a second.
class BindTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        LeakSuspectedRole = Qt::UserRole + 1, // bool, on connection rows
        ConnectionStateRole,                  // int(Connection::State), on connection rows
        NodeKindRole,                         // int(NodeKind)
        PoolGaugeRole,                        // PoolGauge, on pool rows
    };
    enum class NodeKind { Bind, Engine, Pool, Connection, Session, PoolerPool };

    explicit BindTreeModel(Workspace *workspace, QObject *parent = nullptr);

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Shows the pools PgBouncer consoles report, as monitor reads them.
    void setPooler(PgBouncerMonitor *monitor);
    // A PgBouncer pool as a gauge: its server connections linked to clients
    // (out) and not (idle), against the database's pool_size and reserve_pool,
    // and the clients waiting for one.
    static PoolGauge gaugeOf(const PgBouncerState &state, const PgBouncerPool &pool);

    Engine *engineAt(const QModelIndex &index) const;
    Connection *connectionAt(const QModelIndex &index) const;

private:
    struct BindNode
    {
        Engine *engine;
        // The same object, kept as a QObject while it lives: once destroyed()
        // is sent, the Engine it was may no longer be used, not even cast.
        const QObject *object;
        std::vector<Connection *> connections;
        std::vector<bool> sessionShown;         // a session row under the connection
        std::vector<PgBouncerPool> poolerPools; // rows 2… under the bind
        PgBouncerState pooler;                  // what they were read with
    };

    void addEngine(Engine *engine);
    void removeEngine(const QString &name);
    void removeNode(const QObject *engine);
    void sync(Engine *engine);
    void syncPooler(const QString &bind);
    const PgBouncerPool *poolerPoolAt(const QModelIndex &index) const;
    QVariant poolerData(const QModelIndex &index, int role) const;
    int rowOf(const Engine *engine) const;
    static NodeKind kindOf(const QModelIndex &index);
    static QString connectionText(const Connection *connection);
    static QString connectionToolTip(const Connection *connection);
    static QString gaugeText(const PoolGauge &gauge);
    static QString sessionText(const Connection *connection);
    static bool wantsSessionRow(const Connection *connection);
    void tick();

    Workspace *m_workspace;
    std::vector<BindNode> m_binds;
    QTimer m_ticker;
    QPointer<PgBouncerMonitor> m_pooler;
};

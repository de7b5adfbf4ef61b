#include "core/models/bindtreemodel.h"

#include "core/connection/connection.h"
#include "core/models/pgbouncermonitor.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/poolgauge.h"
#include "core/pool/workspace.h"

#include <algorithm>

// internalId: 0 for bind rows; otherwise (bind row + 1) << 34 | connection
// row << 2 | level, where level 1 is a child of the bind (engine, pool, then
// PgBouncer's pools), 2 a connection and 3 the session row under connection `connection row`.
namespace {

quintptr makeId(int bindRow, int level, int connectionRow = 0)
{
    return (quintptr(bindRow + 1) << 34) | (quintptr(connectionRow) << 2) | quintptr(level);
}

int bindRowOf(quintptr id)
{
    return int(id >> 34) - 1;
}

int connectionRowOf(quintptr id)
{
    return int((id >> 2) & 0xffffffffu);
}

int levelOf(quintptr id)
{
    return int(id & 3u);
}

PoolGauge poolGaugeOf(const Pool *pool)
{
    PoolGauge gauge;
    gauge.checkedOut = pool->checkedout();
    gauge.idle = pool->checkedin();
    gauge.poolSize = pool->size();
    const int overflow = pool->isStatic() ? 0 : pool->options().maxOverflow;
    gauge.capacity = overflow < 0 ? 0 : pool->size() + overflow;
    gauge.waiting = pool->waiting();
    return gauge;
}

QString stateText(Connection::State state)
{
    switch (state) {
    case Connection::State::Connecting:
        return BindTreeModel::tr("connecting");
    case Connection::State::Idle:
        return BindTreeModel::tr("idle");
    case Connection::State::CheckedOut:
        return BindTreeModel::tr("checked out");
    case Connection::State::Resetting:
        return BindTreeModel::tr("resetting");
    case Connection::State::Closing:
        return BindTreeModel::tr("closing");
    case Connection::State::Closed:
        return BindTreeModel::tr("closed");
    }
    return {};
}

// Connection::label() stays English: it names connections in the echo_pool log.
QString labelText(const Connection *connection)
{
    // Short: the row sits under "pool", and the details next to it must fit.
    if (connection->serverId() <= 0)
        return BindTreeModel::tr("#%1").arg(connection->number());
    return (connection->dialect() == Dialect::PostgreSQL ? BindTreeModel::tr("#%1 · pid %2")
                                                         : BindTreeModel::tr("#%1 · id %2"))
        .arg(connection->number())
        .arg(connection->serverId());
}

} // namespace

BindTreeModel::BindTreeModel(Workspace *workspace, QObject *parent)
    : QAbstractItemModel(parent)
    , m_workspace(workspace)
{
    const auto engines = workspace->engines();
    for (Engine *engine : engines)
        addEngine(engine);
    connect(workspace, &Workspace::engineAdded, this, &BindTreeModel::addEngine);
    connect(workspace, &Workspace::engineRemoved, this, &BindTreeModel::removeEngine);
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &BindTreeModel::tick);
    m_ticker.start();
}

void BindTreeModel::tick()
{
    // Only ages change with time; everything else follows signals.
    for (size_t row = 0; row < m_binds.size(); ++row) {
        const auto &node = m_binds[row];
        if (node.connections.empty())
            continue;
        const QModelIndex pool = index(1, 0, index(int(row), 0));
        Q_EMIT dataChanged(index(0, 1, pool), index(int(node.connections.size()) - 1, 1, pool),
                           {Qt::DisplayRole});
    }
}

bool BindTreeModel::wantsSessionRow(const Connection *connection)
{
    return connection->state() == Connection::State::CheckedOut && !connection->owner().isEmpty();
}

void BindTreeModel::addEngine(Engine *engine)
{
    const int row = int(m_binds.size());
    beginInsertRows(QModelIndex(), row, row);
    m_binds.push_back(BindNode{engine, engine, {}, {}, {}, {}});
    endInsertRows();
    connect(engine, &Engine::changed, this, [this, engine] { sync(engine); });
    // Workspace::shutdown() deletes its engines without removing them one by
    // one: a view still painting afterwards (a window closing after it) must
    // not find their rows. By pointer: the engine is no longer one here.
    connect(engine, &QObject::destroyed, this, [this](QObject *gone) { removeNode(gone); });
    sync(engine);
    if (m_pooler)
        syncPooler(engine->name());
}

void BindTreeModel::setPooler(PgBouncerMonitor *monitor)
{
    if (m_pooler)
        disconnect(m_pooler, nullptr, this, nullptr);
    m_pooler = monitor;
    connect(monitor, &PgBouncerMonitor::changed, this, &BindTreeModel::syncPooler);
    for (const BindNode &node : m_binds)
        syncPooler(node.engine->name());
}

PoolGauge BindTreeModel::gaugeOf(const PgBouncerState &state, const PgBouncerPool &pool)
{
    PoolGauge gauge;
    gauge.checkedOut = pool.serversActive;
    // Used and tested ones are open and free for the next client after a check.
    gauge.idle = pool.serversIdle + pool.serversUsed + pool.serversTested;
    gauge.waiting = pool.clientsWaiting;
    if (const PgBouncerDatabase *database = state.database(pool.database)) {
        gauge.poolSize = database->poolSize;
        gauge.capacity = database->poolSize + database->reservePool;
        if (database->maxConnections > 0)
            gauge.capacity = qMin(gauge.capacity, database->maxConnections);
    }
    return gauge;
}

void BindTreeModel::syncPooler(const QString &bind)
{
    const auto it = std::find_if(m_binds.begin(), m_binds.end(),
                                 [&](const BindNode &node) { return node.engine->name() == bind; });
    if (it == m_binds.end())
        return;
    const int row = int(std::distance(m_binds.begin(), it));
    BindNode &node = *it;
    const std::optional<PgBouncerState> state = m_pooler ? m_pooler->state(bind) : std::nullopt;
    std::vector<PgBouncerPool> now;
    if (state) {
        for (const PgBouncerPool &pool : state->pools) {
            if (pool.database != QLatin1String("pgbouncer")) // the console's own
                now.push_back(pool);
        }
    }
    auto same = [](const PgBouncerPool &a, const PgBouncerPool &b) {
        return a.database == b.database && a.user == b.user;
    };
    const QModelIndex bindIndex = index(row, 0);
    // Pools come and go (a user's first client, KILL): removals then appends
    // keep every other row's identity.
    for (int i = int(node.poolerPools.size()) - 1; i >= 0; --i) {
        const PgBouncerPool &old = node.poolerPools[size_t(i)];
        if (std::none_of(now.cbegin(), now.cend(), [&](const auto &p) { return same(p, old); })) {
            beginRemoveRows(bindIndex, 2 + i, 2 + i);
            node.poolerPools.erase(node.poolerPools.begin() + i);
            endRemoveRows();
        }
    }
    std::vector<PgBouncerPool> added;
    for (const PgBouncerPool &pool : now) {
        const auto kept = std::find_if(node.poolerPools.begin(), node.poolerPools.end(),
                                       [&](const auto &p) { return same(p, pool); });
        if (kept != node.poolerPools.end())
            *kept = pool;
        else
            added.push_back(pool);
    }
    node.pooler = state.value_or(PgBouncerState());
    if (!added.empty()) {
        const int first = 2 + int(node.poolerPools.size());
        beginInsertRows(bindIndex, first, first + int(added.size()) - 1);
        node.poolerPools.insert(node.poolerPools.end(), added.cbegin(), added.cend());
        endInsertRows();
    }
    if (!node.poolerPools.empty())
        Q_EMIT dataChanged(index(2, 0, bindIndex),
                           index(1 + int(node.poolerPools.size()), 1, bindIndex));
}

void BindTreeModel::removeEngine(const QString &name)
{
    const auto it = std::find_if(m_binds.begin(), m_binds.end(),
                                 [&](const BindNode &node) { return node.engine->name() == name; });
    if (it == m_binds.end())
        return;
    disconnect(it->engine, nullptr, this, nullptr);
    removeNode(it->object);
}

void BindTreeModel::removeNode(const QObject *engine)
{
    const auto it = std::find_if(m_binds.begin(), m_binds.end(),
                                 [&](const BindNode &node) { return node.object == engine; });
    if (it == m_binds.end())
        return;
    const int row = int(std::distance(m_binds.begin(), it));
    beginRemoveRows(QModelIndex(), row, row);
    m_binds.erase(it);
    endRemoveRows();
}

int BindTreeModel::rowOf(const Engine *engine) const
{
    for (size_t i = 0; i < m_binds.size(); ++i) {
        if (m_binds[i].engine == engine)
            return int(i);
    }
    return -1;
}

void BindTreeModel::sync(Engine *engine)
{
    const int row = rowOf(engine);
    if (row < 0)
        return;
    BindNode &node = m_binds[size_t(row)];
    const QModelIndex poolIndex = index(1, 0, index(row, 0));
    const QList<Connection *> current = engine->pool()->connections();

    // The pool only appends new connections and removes closed ones anywhere,
    // so removals then appends keep every row's identity.
    for (int i = int(node.connections.size()) - 1; i >= 0; --i) {
        if (!current.contains(node.connections[size_t(i)])) {
            beginRemoveRows(poolIndex, i, i);
            node.connections.erase(node.connections.begin() + i);
            node.sessionShown.erase(node.sessionShown.begin() + i);
            endRemoveRows();
        }
    }
    std::vector<Connection *> added;
    for (Connection *connection : current) {
        if (std::find(node.connections.cbegin(), node.connections.cend(), connection) ==
            node.connections.cend())
            added.push_back(connection);
    }
    if (!added.empty()) {
        const int first = int(node.connections.size());
        beginInsertRows(poolIndex, first, first + int(added.size()) - 1);
        node.connections.insert(node.connections.end(), added.cbegin(), added.cend());
        node.sessionShown.resize(node.connections.size(), false);
        endInsertRows();
    }
    for (size_t i = 0; i < node.connections.size(); ++i) {
        const bool wanted = wantsSessionRow(node.connections[i]);
        if (wanted == node.sessionShown[i])
            continue;
        const QModelIndex connectionIndex = index(int(i), 0, poolIndex);
        if (wanted) {
            beginInsertRows(connectionIndex, 0, 0);
            node.sessionShown[i] = true;
            endInsertRows();
        } else {
            beginRemoveRows(connectionIndex, 0, 0);
            node.sessionShown[i] = false;
            endRemoveRows();
        }
    }
    const QModelIndex bindIndex = index(row, 0);
    Q_EMIT dataChanged(bindIndex, index(row, 1));
    Q_EMIT dataChanged(index(0, 0, bindIndex), index(1, 1, bindIndex));
    if (!node.connections.empty())
        Q_EMIT dataChanged(index(0, 0, poolIndex),
                           index(int(node.connections.size()) - 1, 1, poolIndex));
}

BindTreeModel::NodeKind BindTreeModel::kindOf(const QModelIndex &index)
{
    const quintptr id = index.internalId();
    if (id == 0)
        return NodeKind::Bind;
    if (levelOf(id) == 2)
        return NodeKind::Connection;
    if (levelOf(id) == 3)
        return NodeKind::Session;
    if (index.row() >= 2)
        return NodeKind::PoolerPool;
    return index.row() == 0 ? NodeKind::Engine : NodeKind::Pool;
}

QModelIndex BindTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= 2)
        return {};
    if (!parent.isValid())
        return row < int(m_binds.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    const NodeKind kind = kindOf(parent);
    if (kind == NodeKind::Bind) {
        const size_t rows = 2 + m_binds[size_t(parent.row())].poolerPools.size();
        return size_t(row) < rows ? createIndex(row, column, makeId(parent.row(), 1))
                                  : QModelIndex();
    }
    const int bind = bindRowOf(parent.internalId());
    if (kind == NodeKind::Pool) {
        if (row < int(m_binds[size_t(bind)].connections.size()))
            return createIndex(row, column, makeId(bind, 2));
    }
    if (kind == NodeKind::Connection && row == 0) {
        const auto &shown = m_binds[size_t(bind)].sessionShown;
        if (parent.row() < int(shown.size()) && shown[size_t(parent.row())])
            return createIndex(0, column, makeId(bind, 3, parent.row()));
    }
    return {};
}

QModelIndex BindTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int bind = bindRowOf(child.internalId());
    switch (levelOf(child.internalId())) {
    case 1:
        return createIndex(bind, 0, quintptr(0));
    case 2:
        return createIndex(1, 0, makeId(bind, 1));
    default:
        return createIndex(connectionRowOf(child.internalId()), 0, makeId(bind, 2));
    }
}

int BindTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_binds.size());
    if (parent.column() != 0)
        return 0;
    switch (kindOf(parent)) {
    case NodeKind::Bind:
        return 2 + int(m_binds[size_t(parent.row())].poolerPools.size());
    case NodeKind::Pool:
        return int(m_binds[size_t(bindRowOf(parent.internalId()))].connections.size());
    case NodeKind::Connection: {
        const auto &shown = m_binds[size_t(bindRowOf(parent.internalId()))].sessionShown;
        return parent.row() < int(shown.size()) && shown[size_t(parent.row())] ? 1 : 0;
    }
    default:
        return 0;
    }
}

int BindTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

Engine *BindTreeModel::engineAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const int bind = index.internalId() == 0 ? index.row() : bindRowOf(index.internalId());
    return bind >= 0 && bind < int(m_binds.size()) ? m_binds[size_t(bind)].engine : nullptr;
}

Connection *BindTreeModel::connectionAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const NodeKind kind = kindOf(index);
    if (kind != NodeKind::Connection && kind != NodeKind::Session)
        return nullptr;
    const auto &connections = m_binds[size_t(bindRowOf(index.internalId()))].connections;
    const int row =
        kind == NodeKind::Connection ? index.row() : connectionRowOf(index.internalId());
    return row < int(connections.size()) ? connections[size_t(row)] : nullptr;
}

QString BindTreeModel::sessionText(const Connection *connection)
{
    QStringList parts;
    if (connection->inTransaction())
        parts << tr("in transaction since %1")
                     .arg(connection->transactionStartedAt().toLocalTime().toString(
                         QStringLiteral("HH:mm:ss")));
    else
        parts << tr("no transaction");
    const QString sql = connection->lastSql().simplified();
    if (!sql.isEmpty())
        parts << (connection->isBusy() ? tr("running: %1") : tr("last: %1")).arg(sql.left(80));
    return parts.join(QStringLiteral(" · "));
}

QString BindTreeModel::gaugeText(const PoolGauge &gauge)
{
    QStringList parts{tr("%1 out").arg(gauge.checkedOut), tr("%1 idle").arg(gauge.idle)};
    if (gauge.overflow() > 0)
        parts << tr("%1 overflow").arg(gauge.overflow());
    if (gauge.waiting > 0)
        parts << tr("%1 waiting").arg(gauge.waiting);
    parts << (gauge.capacity > 0 ? tr("limit %1").arg(gauge.capacity) : tr("no limit"));
    return parts.join(QStringLiteral(" · "));
}

QString BindTreeModel::connectionText(const Connection *connection)
{
    // Short enough to read whole in the binds dock; the tooltip says it all.
    QStringList parts;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (connection->state() == Connection::State::CheckedOut)
        parts << tr("out to %1 for %2 s")
                     .arg(connection->owner())
                     .arg(connection->checkedOutAt().secsTo(now));
    else
        parts << stateText(connection->state());
    if (connection->inTransaction())
        parts << tr("in transaction");
    if (connection->isLeakSuspected())
        parts << tr("SUSPECTED LEAK");
    if (connection->state() != Connection::State::CheckedOut && connection->connectedAt().isValid())
        parts << tr("age %1 s").arg(connection->connectedAt().secsTo(now));
    return parts.join(QStringLiteral(" · "));
}

QString BindTreeModel::connectionToolTip(const Connection *connection)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList lines{connection->label() + QStringLiteral(": ") + stateText(connection->state())};
    if (connection->state() == Connection::State::CheckedOut)
        lines << tr("checked out by %1 for %2 s")
                     .arg(connection->owner())
                     .arg(connection->checkedOutAt().secsTo(now));
    if (connection->connectedAt().isValid())
        lines << tr("connected %1 s ago").arg(connection->connectedAt().secsTo(now));
    if (!connection->lastSql().isEmpty())
        lines << tr("last: %1").arg(connection->lastSql().simplified().left(500));
    return lines.join(QLatin1Char('\n'));
}

QVariant BindTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const NodeKind kind = kindOf(index);
    if (role == NodeKindRole)
        return int(kind);
    const Engine *engine = engineAt(index);
    if (!engine)
        return {};
    if (kind == NodeKind::Session) {
        const Connection *connection = connectionAt(index);
        if (!connection)
            return {};
        if (role == Qt::DisplayRole)
            return index.column() == 0 ? tr("session %1").arg(connection->owner())
                                       : sessionText(connection);
        if (role == Qt::ToolTipRole)
            return connection->lastSql();
        if (role == LeakSuspectedRole)
            return connection->isLeakSuspected();
        return {};
    }
    if (kind == NodeKind::PoolerPool)
        return poolerData(index, role);
    if (kind == NodeKind::Connection) {
        const Connection *connection = connectionAt(index);
        if (!connection)
            return {};
        if (role == LeakSuspectedRole)
            return connection->isLeakSuspected();
        if (role == ConnectionStateRole)
            return int(connection->state());
        if (role == Qt::DisplayRole)
            return index.column() == 0 ? labelText(connection) : connectionText(connection);
        if (role == Qt::ToolTipRole)
            return connectionToolTip(connection);
        return {};
    }
    if (kind == NodeKind::Pool && role == PoolGaugeRole)
        return QVariant::fromValue(poolGaugeOf(engine->pool()));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (kind) {
    case NodeKind::Bind:
        return index.column() == 0 ? engine->name() : dialects::displayName(engine->dialect());
    case NodeKind::Engine:
        if (index.column() == 0)
            return tr("engine");
        return engine->serverVersion().isEmpty()
                   ? engine->url().toDisplayString()
                   : QStringLiteral("%1 · %2").arg(engine->url().toDisplayString(),
                                                   engine->serverVersion());
    case NodeKind::Pool:
        if (role == Qt::ToolTipRole) {
            if (!engine->pool()->isStatic())
                return engine->pool()->status();
            return tr("A sqlite:// memory database lives in one connection, lent to one "
                      "session at a time, and never closed while the bind exists.");
        }
        if (index.column() == 0)
            return engine->pool()->isStatic() ? tr("pool (static)") : tr("pool");
        return gaugeText(poolGaugeOf(engine->pool()));
    default:
        return {};
    }
}

const PgBouncerPool *BindTreeModel::poolerPoolAt(const QModelIndex &index) const
{
    const auto &pools = m_binds[size_t(bindRowOf(index.internalId()))].poolerPools;
    const int row = index.row() - 2;
    return row >= 0 && row < int(pools.size()) ? &pools[size_t(row)] : nullptr;
}

QVariant BindTreeModel::poolerData(const QModelIndex &index, int role) const
{
    const PgBouncerPool *pool = poolerPoolAt(index);
    if (!pool)
        return {};
    const PgBouncerState &state = m_binds[size_t(bindRowOf(index.internalId()))].pooler;
    if (role == PoolGaugeRole && index.column() == 1)
        return QVariant::fromValue(gaugeOf(state, *pool));
    if (role == Qt::ToolTipRole) {
        const PgBouncerStats *stats = state.statsOf(pool->database);
        return stats ? PgBouncerState::describePool(*pool) + QLatin1Char('\n') +
                           PgBouncerState::describeStats(*stats)
                     : PgBouncerState::describePool(*pool);
    }
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == 0)
        return tr("PgBouncer pool %1/%2").arg(pool->database, pool->user);
    const PoolGauge gauge = gaugeOf(state, *pool);
    QStringList parts{tr("%1 mode").arg(pool->poolMode),
                      tr("%n active client(s)", nullptr, pool->clientsActive)};
    if (pool->clientsWaiting > 0)
        parts << tr("%n waiting for %1 s", nullptr, pool->clientsWaiting)
                     .arg(pool->maxWaitSeconds, 0, 'f', 1);
    parts << tr("servers %1 active, %2 idle").arg(gauge.checkedOut).arg(gauge.idle);
    if (gauge.capacity > 0)
        parts << tr("limit %1").arg(gauge.capacity);
    return parts.join(QStringLiteral(" · "));
}

QVariant BindTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Bind") : tr("Details");
}

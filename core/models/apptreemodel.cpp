#include "core/models/apptreemodel.h"

#include "core/connection/connection.h"
#include "core/diagnosis/serversession.h"
#include "core/pool/poolgauge.h"

#include <QDateTime>

#include <algorithm>

struct AppTreeModel::Node
{
    QString key;
    NodeKind kind = NodeKind::App;
    QString name;
    QString details;
    QString toolTip;
    bool leaked = false;
    std::optional<bool> checkedOut{}; // connection rows
    std::optional<PoolGauge> gauge{};
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(std::unique_ptr<Node> child)
    {
        // Keys are unique among siblings, or sync() would mix two rows up.
        const QString wanted = child->key;
        for (int n = 2; std::any_of(children.begin(), children.end(),
                                    [&](const auto &other) { return other->key == child->key; });
             ++n)
            child->key = wanted + QStringLiteral("#%1").arg(n);
        child->parent = this;
        children.push_back(std::move(child));
        return children.back().get();
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
    bool sameShownAs(const Node &other) const
    {
        return name == other.name && details == other.details && toolTip == other.toolTip &&
               leaked == other.leaked && checkedOut == other.checkedOut &&
               gauge.has_value() == other.gauge.has_value() &&
               (!gauge ||
                (gauge->checkedOut == other.gauge->checkedOut && gauge->idle == other.gauge->idle &&
                 gauge->capacity == other.gauge->capacity));
    }
};

namespace {

using Node = AppTreeModel::Node;
using Kind = AppTreeModel::NodeKind;

std::unique_ptr<Node> node(Kind kind, const QString &key, const QString &name,
                           const QString &details = QString())
{
    auto made = std::make_unique<Node>();
    made->kind = kind;
    made->key = key;
    made->name = name;
    made->details = details;
    return made;
}

QString stackText(const QList<ProbeMessage::Frame> &stack)
{
    QStringList lines;
    for (const ProbeMessage::Frame &frame : stack) {
        lines << QStringLiteral("%1:%2 in %3").arg(frame.file).arg(frame.line).arg(frame.function);
        if (!frame.code.isEmpty())
            lines << QStringLiteral("    %1").arg(frame.code);
    }
    return lines.join(QLatin1Char('\n'));
}

void addConnection(Node *pool, const ProbeMessage::Connection &connection, double now,
                   double threshold)
{
    const QString server = connection.serverId
                               ? AppTreeModel::tr("server pid %1").arg(*connection.serverId)
                               : AppTreeModel::tr("connection %1").arg(connection.id);
    QString details;
    const bool leaked = AppProcess::isHeldTooLong(connection, now, threshold);
    if (connection.checkedOut) {
        details = AppTreeModel::tr("checked out for %1")
                      .arg(ServerSession::secondsText(now - connection.checkedOutAt.value_or(now)));
        if (leaked)
            details += AppTreeModel::tr(" · SUSPECTED LEAK");
    } else {
        details = AppTreeModel::tr("idle · open for %1")
                      .arg(ServerSession::secondsText(now - connection.connectedAt));
    }
    Node *row = pool->add(node(Kind::Connection, connection.id, server, details));
    row->checkedOut = connection.checkedOut;
    row->leaked = leaked;
    if (connection.checkedOut && !connection.stack.isEmpty()) {
        Node *code =
            row->add(node(Kind::Code, QStringLiteral("code"), connection.stack.first().location(),
                          connection.stack.first().code));
        code->toolTip = stackText(connection.stack);
        code->leaked = leaked;
    }
}

void addEngine(Node *process, const ProbeMessage::Engine &engine, double now, double threshold)
{
    const QString bind =
        engine.bind.isEmpty() ? AppTreeModel::tr("engine %1").arg(engine.id) : engine.bind;
    Node *row = process->add(node(Kind::Engine, engine.id, bind, engine.url));
    QString limits = engine.poolClass;
    if (engine.size)
        limits += AppTreeModel::tr(" · pool_size %1").arg(*engine.size);
    if (engine.maxOverflow)
        limits += AppTreeModel::tr(" · max_overflow %1").arg(*engine.maxOverflow);
    Node *pool =
        row->add(node(Kind::Pool, QStringLiteral("pool"), AppTreeModel::tr("pool"), limits));
    pool->gauge = AppTreeModel::gaugeOf(engine);
    pool->toolTip = engine.status;
    for (const ProbeMessage::Connection &connection : engine.connections)
        addConnection(pool, connection, now, threshold);
}

void addProcess(Node *app, const AppProcess &process, double now, double threshold)
{
    QString details = AppTreeModel::tr("Python %1 · SQLAlchemy %2")
                          .arg(process.hello.python, process.hello.sqlalchemy);
    if (process.dropped > 0 || process.malformed > 0)
        details += AppTreeModel::tr(" · %1 messages lost").arg(process.dropped + process.malformed);
    Node *row = app->add(node(Kind::Process, QString::number(process.pid()),
                              AppTreeModel::tr("pid %1").arg(process.pid()), details));
    for (const ProbeMessage::Engine &engine : process.engines)
        addEngine(row, engine, now, threshold);
    for (const AppProcess::Collected &leak : process.collected) {
        const QString where =
            leak.stack.isEmpty() ? AppTreeModel::tr("unknown code") : leak.stack.first().location();
        Node *collected = row->add(node(
            Kind::Collected,
            QStringLiteral("gc %1 %2").arg(leak.time, 0, 'f', 6).arg(leak.serverId.value_or(0)),
            AppTreeModel::tr("LEAKED: never closed, collected %1 ago")
                .arg(ServerSession::secondsText(now - leak.time)),
            where));
        collected->leaked = true;
        collected->checkedOut = false; // drawn as a connection: red, like a leak
        collected->toolTip = stackText(leak.stack);
    }
}

// What the binds tree's delegate knows: an app is drawn like a bind, a
// connection like a connection.
BindTreeModel::NodeKind bindTreeKind(Kind kind)
{
    switch (kind) {
    case Kind::App:
        return BindTreeModel::NodeKind::Bind;
    case Kind::Process:
    case Kind::Engine:
        return BindTreeModel::NodeKind::Engine;
    case Kind::Pool:
        return BindTreeModel::NodeKind::Pool;
    case Kind::Connection:
    case Kind::Collected:
        return BindTreeModel::NodeKind::Connection;
    case Kind::Code:
        break;
    }
    return BindTreeModel::NodeKind::Session;
}

} // namespace

PoolGauge AppTreeModel::gaugeOf(const ProbeMessage::Engine &engine)
{
    PoolGauge gauge;
    for (const ProbeMessage::Connection &connection : engine.connections)
        ++(connection.checkedOut ? gauge.checkedOut : gauge.idle);
    gauge.poolSize = engine.size.value_or(0);
    if (engine.size && engine.maxOverflow && *engine.maxOverflow >= 0)
        gauge.capacity = *engine.size + *engine.maxOverflow;
    return gauge;
}

AppTreeModel::AppTreeModel(AppMonitor *monitor, QObject *parent)
    : QAbstractItemModel(parent)
    , m_monitor(monitor)
    , m_root(std::make_unique<Node>())
{
    if (m_monitor)
        connect(m_monitor, &AppMonitor::changed, this, &AppTreeModel::refresh);
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &AppTreeModel::refresh);
    if (m_monitor)
        m_ticker.start();
}

AppTreeModel::~AppTreeModel() = default;

void AppTreeModel::setLeakThreshold(double seconds)
{
    m_leakThreshold = seconds;
    refresh();
}

void AppTreeModel::refresh()
{
    if (m_monitor)
        update(m_monitor->processes(), QDateTime::currentMSecsSinceEpoch() / 1000.0);
}

void AppTreeModel::update(const QList<AppProcess> &processes, double now)
{
    Node fresh;
    for (const AppMonitor::App &app : AppMonitor::group(processes)) {
        const QString count = tr("%n process(es)", nullptr, int(app.processes.size()));
        Node *row =
            fresh.add(node(NodeKind::App, app.title() + QLatin1Char('\n') + app.cwd, app.title(),
                           app.cwd.isEmpty() ? count : count + QStringLiteral(" · ") + app.cwd));
        for (const AppProcess &process : app.processes)
            addProcess(row, process, now, m_leakThreshold);
    }
    sync(m_root.get(), fresh, QModelIndex());
}

// Makes into's children look like from's, row by row, keyed: rows whose key
// is gone are removed, new keys inserted where they stand, the rest updated.
void AppTreeModel::sync(Node *into, Node &from, const QModelIndex &parent)
{
    auto keyAt = [](const Node *owner, const QString &key) {
        for (size_t i = 0; i < owner->children.size(); ++i) {
            if (owner->children[i]->key == key)
                return int(i);
        }
        return -1;
    };
    for (int i = int(into->children.size()) - 1; i >= 0; --i) {
        if (keyAt(&from, into->children[size_t(i)]->key) < 0) {
            beginRemoveRows(parent, i, i);
            into->children.erase(into->children.begin() + i);
            endRemoveRows();
        }
    }
    for (size_t i = 0; i < from.children.size(); ++i) {
        Node &wanted = *from.children[i];
        const int at = keyAt(into, wanted.key);
        if (at < 0) {
            beginInsertRows(parent, int(i), int(i));
            auto moved = std::move(from.children[i]);
            moved->parent = into;
            into->children.insert(into->children.begin() + qsizetype(i), std::move(moved));
            endInsertRows();
            continue;
        }
        if (size_t(at) != i) {
            beginMoveRows(parent, at, at, parent, int(i));
            auto moved = std::move(into->children[size_t(at)]);
            into->children.erase(into->children.begin() + at);
            into->children.insert(into->children.begin() + qsizetype(i), std::move(moved));
            endMoveRows();
        }
        Node *kept = into->children[i].get();
        if (!kept->sameShownAs(wanted)) {
            kept->name = wanted.name;
            kept->details = wanted.details;
            kept->toolTip = wanted.toolTip;
            kept->leaked = wanted.leaked;
            kept->checkedOut = wanted.checkedOut;
            kept->gauge = wanted.gauge;
            Q_EMIT dataChanged(index(int(i), 0, parent), index(int(i), 1, parent));
        }
        sync(kept, wanted, index(int(i), 0, parent));
    }
}

QModelIndex AppTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column > 1)
        return {};
    const Node *owner =
        parent.isValid() ? static_cast<Node *>(parent.internalPointer()) : m_root.get();
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (size_t(row) >= owner->children.size())
        return {};
    return createIndex(row, column, owner->children[size_t(row)].get());
}

QModelIndex AppTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *owner = static_cast<Node *>(child.internalPointer())->parent;
    if (!owner || owner == m_root.get())
        return {};
    return createIndex(owner->row(), 0, const_cast<Node *>(owner));
}

int AppTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *owner =
        parent.isValid() ? static_cast<Node *>(parent.internalPointer()) : m_root.get();
    return int(owner->children.size());
}

int AppTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant AppTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *row = static_cast<Node *>(index.internalPointer());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? row->name : row->details;
    case Qt::ToolTipRole:
        return row->toolTip.isEmpty() ? QVariant() : QVariant(row->toolTip);
    case NodeKindRole:
        return int(row->kind);
    case BindTreeModel::NodeKindRole:
        return int(bindTreeKind(row->kind));
    case BindTreeModel::LeakSuspectedRole:
        return row->leaked;
    case BindTreeModel::ConnectionStateRole:
        if (!row->checkedOut)
            return {};
        return int(*row->checkedOut ? Connection::State::CheckedOut : Connection::State::Idle);
    case BindTreeModel::PoolGaugeRole:
        if (index.column() != 1 || !row->gauge)
            return {};
        return QVariant::fromValue(*row->gauge);
    default:
        return {};
    }
}

QVariant AppTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Application") : tr("Details");
}

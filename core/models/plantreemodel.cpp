#include "core/models/plantreemodel.h"

namespace {

QString rows(const std::optional<double> &value)
{
    if (!value)
        return QString();
    // MariaDB averages rows per loop (0.99); whole numbers stay whole.
    return *value == qRound64(*value) ? QString::number(qint64(*value))
                                      : QString::number(*value, 'f', 2);
}

QString milliseconds(double ms)
{
    return ms >= 100 ? QString::number(ms, 'f', 0) : QString::number(ms, 'f', ms >= 1 ? 2 : 3);
}

} // namespace

PlanTreeModel::PlanTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void PlanTreeModel::setPlan(const QueryPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    m_entries.clear();
    if (!m_plan.root.operation.isEmpty())
        index(m_plan.root, -1, 0);
    m_byTime = m_plan.root.totalMs.has_value();
    m_whole = m_byTime ? m_plan.root.totalMs.value_or(0) : m_plan.root.cost.value_or(0);
    endResetModel();
}

void PlanTreeModel::clear()
{
    setPlan(QueryPlan());
}

void PlanTreeModel::index(const PlanNode &node, int parent, int row)
{
    const int self = int(m_entries.size());
    m_entries.push_back({&node, parent, row});
    for (int i = 0; i < int(node.children.size()); ++i)
        index(node.children.at(size_t(i)), self, i);
}

QModelIndex PlanTreeModel::hottestIndex() const
{
    for (int i = 0; i < int(m_entries.size()); ++i) {
        if (m_entries.at(size_t(i)).node->hottest)
            return createIndex(m_entries.at(size_t(i)).row, 0, quintptr(i));
    }
    return QModelIndex();
}

int PlanTreeModel::entryOf(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) : -1;
}

QModelIndex PlanTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return QModelIndex();
    const int parentEntry = entryOf(parent);
    if (parentEntry < 0)
        return row == 0 && !m_entries.empty() ? createIndex(0, column, quintptr(0)) : QModelIndex();
    const PlanNode *node = m_entries.at(size_t(parentEntry)).node;
    if (row >= int(node->children.size()))
        return QModelIndex();
    // Entries are depth first: a child's entry follows its earlier siblings' subtrees.
    for (int i = parentEntry + 1; i < int(m_entries.size()); ++i) {
        const Entry &entry = m_entries.at(size_t(i));
        if (entry.parent == parentEntry && entry.row == row)
            return createIndex(row, column, quintptr(i));
    }
    return QModelIndex();
}

QModelIndex PlanTreeModel::parent(const QModelIndex &child) const
{
    const int entry = entryOf(child);
    if (entry <= 0)
        return QModelIndex();
    const int parentEntry = m_entries.at(size_t(entry)).parent;
    return createIndex(m_entries.at(size_t(parentEntry)).row, 0, quintptr(parentEntry));
}

int PlanTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const int entry = entryOf(parent);
    if (entry < 0)
        return m_entries.empty() ? 0 : 1;
    return int(m_entries.at(size_t(entry)).node->children.size());
}

int PlanTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PlanTreeModel::display(const PlanNode &node, int column) const
{
    switch (column) {
    case Step:
        return node.operation;
    case Table:
        return node.relation;
    case EstimatedRows:
        return rows(node.estimatedRows);
    case ActualRows:
        return rows(node.actualRows);
    case Loops:
        return rows(node.loops);
    case Time:
        return node.selfMs ? milliseconds(*node.selfMs) : QString();
    case Share: {
        const std::optional<double> &self = m_byTime ? node.selfMs : node.selfCost;
        if (!self || m_whole <= 0)
            return QString();
        return QStringLiteral("%1%").arg(qRound(100.0 * *self / m_whole));
    }
    case Detail:
        return node.detail;
    }
    return QVariant();
}

QString PlanTreeModel::toolTip(const PlanNode &node) const
{
    QStringList lines;
    if (node.hottest)
        lines << (m_byTime ? tr("The step that took the most time of its own.")
                           : tr("The step with the highest estimated cost of its own."));
    if (node.fullScan)
        lines << tr("Reads every row of %1.").arg(node.relation);
    if (node.estimatedRows && node.actualRows && *node.estimatedRows > 0 &&
        (*node.actualRows > 10 * *node.estimatedRows ||
         *node.actualRows * 10 < *node.estimatedRows))
        lines << tr("The estimate was off by more than ten times: the table's statistics may "
                    "be old.");
    for (const auto &property : node.properties)
        lines << QStringLiteral("%1: %2").arg(property.first, property.second.left(300));
    return lines.join(QLatin1Char('\n'));
}

QVariant PlanTreeModel::data(const QModelIndex &index, int role) const
{
    const int entry = entryOf(index);
    if (entry < 0 || entry >= int(m_entries.size()))
        return QVariant();
    const PlanNode &node = *m_entries.at(size_t(entry)).node;
    switch (role) {
    case Qt::DisplayRole:
        return display(node, index.column());
    case Qt::ToolTipRole:
        return toolTip(node);
    case Qt::TextAlignmentRole:
        if (index.column() >= EstimatedRows && index.column() <= Share)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case HottestRole:
        return node.hottest;
    case FullScanRole:
        return node.fullScan;
    case ShareRole: {
        const std::optional<double> &self = m_byTime ? node.selfMs : node.selfCost;
        return self && m_whole > 0 ? QVariant(qBound(0.0, *self / m_whole, 1.0)) : QVariant();
    }
    case SortRole:
        switch (index.column()) {
        case EstimatedRows:
            return node.estimatedRows ? QVariant(*node.estimatedRows) : QVariant();
        case ActualRows:
            return node.actualRows ? QVariant(*node.actualRows) : QVariant();
        case Loops:
            return node.loops ? QVariant(*node.loops) : QVariant();
        case Time:
        case Share:
            return node.selfMs ? QVariant(*node.selfMs)
                               : (node.selfCost ? QVariant(*node.selfCost) : QVariant());
        default:
            return display(node, index.column());
        }
    }
    return QVariant();
}

QVariant PlanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Step:
            return tr("Step");
        case Table:
            return tr("Table");
        case EstimatedRows:
            return tr("Est. rows");
        case ActualRows:
            return tr("Actual rows");
        case Loops:
            return tr("Loops");
        case Time:
            return tr("Self ms");
        case Share:
            return tr("Share");
        case Detail:
            return tr("Condition, key, sort");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case EstimatedRows:
            return tr("Rows the server expected, per loop");
        case ActualRows:
            return tr("Rows the step gave, per loop (Explain Analyze)");
        case Time:
            return tr("Time of the step itself, its children's time taken out, over all loops");
        case Share:
            return tr("The step's own part of the whole: of the time with Explain Analyze, of "
                      "the estimated cost without");
        }
    }
    return QVariant();
}

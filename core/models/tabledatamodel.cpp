#include "core/models/tabledatamodel.h"

#include "core/browse/editvalue.h"
#include "core/models/resultmodel.h"

#include <QSignalBlocker>

#include <algorithm>
#include <functional>

namespace {

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    if (a.typeId() == QMetaType::QByteArray || b.typeId() == QMetaType::QByteArray)
        return a.typeId() == b.typeId() && a.toByteArray() == b.toByteArray();
    return a.toString() == b.toString();
}

} // namespace

TableDataModel::TableDataModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_rows(new ResultModel(this))
{
    connectRows();
}

void TableDataModel::connectRows()
{
    // Read rows come before the new ones, so their numbers are the same here.
    connect(m_rows, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int last) {
                beginInsertRows(QModelIndex(), first, last);
            });
    connect(m_rows, &QAbstractItemModel::rowsInserted, this, [this] { endInsertRows(); });
}

void TableDataModel::setShape(const TableShape &shape)
{
    beginResetModel();
    m_shape = shape;
    {
        const QSignalBlocker quiet(m_rows);
        m_rows->clear();
    }
    m_edits.clear();
    m_deleted.clear();
    m_inserted.clear();
    endResetModel();
    Q_EMIT pendingChanged(0);
}

void TableDataModel::setColumns(const Columns &columns)
{
    const bool hadPending = hasPendingChanges();
    beginResetModel();
    {
        const QSignalBlocker quiet(m_rows);
        m_rows->setColumns(columns);
    }
    m_shape.setKinds(columns);
    m_edits.clear();
    m_deleted.clear();
    m_inserted.clear();
    endResetModel();
    if (hadPending)
        Q_EMIT pendingChanged(0);
}

void TableDataModel::appendRows(const RowBatch &rows)
{
    m_rows->appendRows(rows);
}

void TableDataModel::fetchAll()
{
    m_rows->fetchAll();
}

int TableDataModel::readRows() const
{
    return m_rows->rowCount();
}

CellView TableDataModel::readCell(int row, int column) const
{
    return m_rows->cell(row, column + m_shape.hiddenColumns());
}

QVariant TableDataModel::readValue(int row, int column) const
{
    const CellView cell = readCell(row, column);
    switch (cell.kind) {
    case CellKind::Null:
        return QVariant();
    case CellKind::Binary:
        return cell.bytes();
    case CellKind::Text:
        break;
    }
    return cell.text();
}

std::optional<QVariant> TableDataModel::pendingValue(int row, int column) const
{
    if (row >= readRows()) {
        const QHash<int, QVariant> &values = m_inserted.at(row - readRows());
        const auto it = values.constFind(column);
        return it == values.cend() ? std::nullopt : std::optional<QVariant>(*it);
    }
    const auto edits = m_edits.constFind(row);
    if (edits == m_edits.cend())
        return std::nullopt;
    const auto it = edits->constFind(column);
    return it == edits->cend() ? std::nullopt : std::optional<QVariant>(*it);
}

int TableDataModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : readRows() + int(m_inserted.size());
}

int TableDataModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shape.columns().size());
}

QVariant TableDataModel::cellData(const QVariant &value, int column, int role) const
{
    const bool isBytes = value.typeId() == QMetaType::QByteArray;
    switch (role) {
    case Qt::DisplayRole: {
        if (value.isNull())
            return QStringLiteral("NULL");
        const QByteArray bytes = isBytes ? value.toByteArray() : value.toString().toUtf8();
        CellView cell;
        cell.kind = isBytes ? CellKind::Binary : CellKind::Text;
        cell.data = bytes.constData();
        cell.size = cell.fullSize = bytes.size();
        return ResultModel::displayText(cell);
    }
    case Qt::EditRole:
        return value.isNull() ? QVariant() : value;
    case IsNullRole:
        return value.isNull();
    case CellKindRole:
        return int(value.isNull() ? CellKind::Null : isBytes ? CellKind::Binary : CellKind::Text);
    case FullValueRole:
        return value;
    case ColumnKindRole:
        return int(m_shape.columns().at(column).kind);
    default:
        return QVariant();
    }
}

QVariant TableDataModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int row = index.row();
    const int column = index.column();
    const bool isNew = row >= readRows();
    const std::optional<QVariant> pending = pendingValue(row, column);
    if (role == PendingRole) {
        if (isNew)
            return int(Pending::Inserted);
        if (m_deleted.contains(row))
            return int(Pending::Deleted);
        return int(pending ? Pending::Edited : Pending::None);
    }
    if (role == IsDefaultRole)
        return isNew && !pending;
    if (isNew && !pending) {
        if (role == Qt::DisplayRole)
            return QStringLiteral("DEFAULT");
        return role == Qt::EditRole ? QVariant() : cellData(QVariant(), column, role);
    }
    if (role == Qt::ToolTipRole && pending && !isNew)
        return tr("Was: %1").arg(
            cellData(readValue(row, column), column, Qt::DisplayRole).toString());
    if (pending)
        return cellData(*pending, column, role);
    if (role == Qt::EditRole)
        return cellData(readValue(row, column), column, role);
    return m_rows->data(m_rows->index(row, column + m_shape.hiddenColumns()), role);
}

QVariant TableDataModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role != Qt::DisplayRole || section < 0)
            return QVariant();
        return section >= readRows() ? QStringLiteral("+") : QString::number(section + 1);
    }
    if (section < 0 || section >= m_shape.columns().size())
        return QVariant();
    const BrowseColumn &column = m_shape.columns().at(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case Qt::ToolTipRole:
        return column.nullable ? column.type : tr("%1 NOT NULL").arg(column.type);
    case ColumnKindRole:
        return int(column.kind);
    default:
        return QVariant();
    }
}

bool TableDataModel::canEdit(const QModelIndex &index, QString *why) const
{
    QString reason;
    if (!index.isValid() || index.model() != this)
        reason = tr("No cell.");
    else if (!m_shape.isEditable())
        reason = m_shape.readOnlyReason();
    else if (m_deleted.contains(index.row()))
        reason = tr("The row is marked for deletion.");
    else if (m_shape.columns().at(index.column()).computed)
        reason =
            tr("%1 is generated by the server.").arg(m_shape.columns().at(index.column()).name);
    else if (m_shape.columns().at(index.column()).kind == ColumnKind::Binary)
        reason = tr("Binary values are not edited as text; Set NULL is possible.");
    else if (index.row() < readRows() && !pendingValue(index.row(), index.column()) &&
             readCell(index.row(), index.column()).truncated)
        reason = tr("The value is larger than what was read of it.");
    if (why)
        *why = reason;
    return reason.isEmpty();
}

Qt::ItemFlags TableDataModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && canEdit(index))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool TableDataModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    QString why;
    const bool binaryNull = value.isNull() && !m_deleted.contains(index.row()) &&
                            m_shape.isEditable() &&
                            m_shape.columns().at(index.column()).kind == ColumnKind::Binary;
    if (!canEdit(index, &why) && !binaryNull) {
        Q_EMIT refused(why);
        return false;
    }
    const BrowseColumn &column = m_shape.columns().at(index.column());
    const QString problem = EditValue::problem(column, value);
    if (!problem.isEmpty()) {
        Q_EMIT refused(problem);
        return false;
    }
    const int row = index.row();
    const QVariant current = data(index, FullValueRole);
    // An editor opened on NULL and closed untouched gives "": not a change.
    const bool untouchedNull =
        data(index, IsNullRole).toBool() && !value.isNull() && value.toString().isEmpty();
    if (untouchedNull || (pendingValue(row, index.column()) && sameValue(current, value) &&
                          !data(index, IsDefaultRole).toBool()))
        return true;
    if (row >= readRows()) {
        m_inserted[row - readRows()].insert(index.column(), value);
    } else if (sameValue(readValue(row, index.column()), value)) {
        auto edits = m_edits.find(row);
        if (edits != m_edits.end()) {
            edits->remove(index.column());
            if (edits->isEmpty())
                m_edits.erase(edits);
        }
    } else {
        m_edits[row].insert(index.column(), value);
    }
    changed(row);
    return true;
}

bool TableDataModel::setNull(const QModelIndex &index)
{
    return setData(index, QVariant(), Qt::EditRole);
}

void TableDataModel::changed(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Vertical, row, row);
    Q_EMIT pendingChanged(pendingCount());
}

int TableDataModel::addRow()
{
    const int row = rowCount();
    beginInsertRows(QModelIndex(), row, row);
    m_inserted.append(QHash<int, QVariant>());
    endInsertRows();
    Q_EMIT pendingChanged(pendingCount());
    return row;
}

void TableDataModel::removeGridRows(const QList<int> &rows)
{
    if (!m_shape.isEditable())
        return;
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), std::greater<int>());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const int row : sorted) {
        if (row < 0 || row >= rowCount())
            continue;
        if (row >= readRows()) {
            beginRemoveRows(QModelIndex(), row, row);
            m_inserted.removeAt(row - readRows());
            endRemoveRows();
        } else if (!m_deleted.contains(row)) {
            m_deleted.insert(row);
            m_edits.remove(row);
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
    }
    Q_EMIT pendingChanged(pendingCount());
}

void TableDataModel::discard()
{
    if (!hasPendingChanges())
        return;
    if (!m_inserted.isEmpty()) {
        beginRemoveRows(QModelIndex(), readRows(), rowCount() - 1);
        m_inserted.clear();
        endRemoveRows();
    }
    m_edits.clear();
    m_deleted.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT pendingChanged(0);
}

int TableDataModel::pendingCount() const
{
    return int(m_edits.size() + m_deleted.size() + m_inserted.size());
}

QVector<RowChange> TableDataModel::changes() const
{
    QVector<RowChange> changes;
    const auto keyOf = [this](int row) {
        SqlParams key;
        if (!m_shape.rowidName().isEmpty())
            key << m_rows->data(m_rows->index(row, 0), FullValueRole);
        for (const int column : m_shape.keyColumns())
            key << readValue(row, column);
        return key;
    };
    for (const int row : m_deleted) {
        RowChange change;
        change.kind = RowChange::Kind::Delete;
        change.row = row;
        change.key = keyOf(row);
        changes.append(change);
    }
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        RowChange change;
        change.row = it.key();
        change.key = keyOf(it.key());
        for (auto cell = it->cbegin(); cell != it->cend(); ++cell) {
            change.columns << cell.key();
            change.values << cell.value();
            const CellView read = readCell(it.key(), cell.key());
            const ColumnKind kind = m_shape.columns().at(cell.key()).kind;
            if (read.truncated || kind == ColumnKind::Real || kind == ColumnKind::Binary)
                continue; // not compared exactly: the key alone finds the row
            change.checkedColumns << cell.key();
            change.checkedValues << readValue(it.key(), cell.key());
        }
        changes.append(change);
    }
    for (int i = 0; i < m_inserted.size(); ++i) {
        RowChange change;
        change.kind = RowChange::Kind::Insert;
        change.row = readRows() + i;
        for (auto cell = m_inserted.at(i).cbegin(); cell != m_inserted.at(i).cend(); ++cell) {
            change.columns << cell.key();
            change.values << cell.value();
        }
        changes.append(change);
    }
    std::sort(changes.begin(), changes.end(), [](const RowChange &a, const RowChange &b) {
        return a.kind != b.kind ? int(a.kind) < int(b.kind) : a.row < b.row;
    });
    return changes;
}

bool TableDataModel::canFetchMore(const QModelIndex &parent) const
{
    return m_rows->canFetchMore(parent);
}

void TableDataModel::fetchMore(const QModelIndex &parent)
{
    m_rows->fetchMore(parent);
}

void TableDataModel::sort(int column, Qt::SortOrder order)
{
    Q_EMIT sortRequested(column, order);
}

#include "core/models/resultwindowmodel.h"

#include <QScopedValueRollback>

#include <algorithm>

ResultWindowModel::ResultWindowModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

void ResultWindowModel::setSourceModel(QAbstractItemModel *source)
{
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    beginResetModel();
    for (const QMetaObject::Connection &link : std::as_const(m_links))
        disconnect(link);
    m_links.clear();
    QAbstractProxyModel::setSourceModel(source);
    if (source)
        connectSource(source);
    m_first = 0;
    m_rows = fittingRows(0);
    m_pendingInsert = 0;
    m_resetting = false;
    endResetModel();
}

void ResultWindowModel::connectSource(QAbstractItemModel *source)
{
    using M = QAbstractItemModel;
    using W = ResultWindowModel;
    m_links = {
        connect(source, &M::rowsAboutToBeInserted, this, &W::beginSourceInsert),
        connect(source, &M::rowsInserted, this, &W::endSourceInsert),
        // What ResultModel never does (it appends rows, or starts again) is
        // taken as a new start, kept simple rather than mapped row by row.
        connect(source, &M::rowsAboutToBeRemoved, this, &W::beginSourceReset),
        connect(source, &M::rowsRemoved, this, &W::endSourceReset),
        connect(source, &M::rowsAboutToBeMoved, this, &W::beginSourceReset),
        connect(source, &M::rowsMoved, this, &W::endSourceReset),
        connect(source, &M::columnsAboutToBeInserted, this, &W::beginSourceReset),
        connect(source, &M::columnsInserted, this, &W::endSourceReset),
        connect(source, &M::columnsAboutToBeRemoved, this, &W::beginSourceReset),
        connect(source, &M::columnsRemoved, this, &W::endSourceReset),
        connect(source, &M::columnsAboutToBeMoved, this, &W::beginSourceReset),
        connect(source, &M::columnsMoved, this, &W::endSourceReset),
        connect(source, &M::layoutAboutToBeChanged, this, &W::beginSourceReset),
        connect(source, &M::layoutChanged, this, &W::endSourceReset),
        connect(source, &M::modelAboutToBeReset, this, &W::beginSourceReset),
        connect(source, &M::modelReset, this, &W::startAtTheTop),
        connect(source, &M::dataChanged, this, &W::forwardDataChanged),
        connect(source, &M::headerDataChanged, this, &W::forwardHeaderDataChanged),
        // A tab lets its result go before its grid: the window empties first.
        // (QAbstractProxyModel, connected before, has let go of it already.)
        connect(source, &QObject::destroyed, this, &W::startAtTheTop),
    };
}

void ResultWindowModel::startAtTheTop()
{
    beginSourceReset(); // when the source did not say it was about to
    m_first = 0;
    endSourceReset();
}

void ResultWindowModel::setWindowRows(int rows)
{
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    beginResetModel();
    m_windowRows = qMax(1, rows);
    m_first = std::clamp(m_first, 0, qMax(0, sourceRows() - m_windowRows));
    m_rows = fittingRows(m_first);
    endResetModel();
}

int ResultWindowModel::sourceRows() const
{
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

int ResultWindowModel::fittingRows(int first) const
{
    return std::clamp(sourceRows() - first, 0, m_windowRows);
}

void ResultWindowModel::showRows(int first, int last)
{
    if (first >= m_first && last < m_first + m_rows)
        return;
    const int wanted = qMin(last - first + 1, m_windowRows);
    moveTo(first - (m_windowRows - wanted) / 2);
}

void ResultWindowModel::moveTo(int first)
{
    const int oldFirst = m_first;
    first = std::clamp(first, 0, qMax(0, sourceRows() - m_windowRows));
    if (first == m_first)
        return;
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    const int rows = fittingRows(first);
    if (rows != m_rows) { // only when the source changed behind our back
        beginResetModel();
        m_first = first;
        m_rows = rows;
        endResetModel();
        Q_EMIT moved(oldFirst, first);
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    const int shift = first - m_first;
    for (const QModelIndex &index : before) {
        const int row = index.row() - shift;
        after.append(row >= 0 && row < rows ? createIndex(row, index.column()) : QModelIndex());
    }
    m_first = first;
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    // Row numbers are header data: the header sizes itself to the new ones.
    if (m_rows > 0)
        Q_EMIT headerDataChanged(Qt::Vertical, 0, m_rows - 1);
    Q_EMIT moved(oldFirst, first);
}

void ResultWindowModel::fetchEarlier()
{
    if (!canFetchEarlier())
        return;
    moveTo(m_first - m_windowRows / 2);
}

bool ResultWindowModel::isChanging() const
{
    return m_signalling || m_resetting || m_pendingInsert > 0;
}

bool ResultWindowModel::canFetchEarlier() const
{
    return m_first > 0 && !isChanging();
}

bool ResultWindowModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel() || isChanging())
        return false;
    return m_first + m_rows < sourceRows() || sourceModel()->canFetchMore(QModelIndex());
}

void ResultWindowModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_first + m_rows >= sourceRows())
        sourceModel()->fetchMore(QModelIndex()); // new rows join a window not yet full
    if (m_first + m_rows < sourceRows())
        moveTo(m_first + m_windowRows / 2);
}

void ResultWindowModel::beginSourceInsert(const QModelIndex &parent, int first, int last)
{
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    if (parent.isValid() || m_resetting)
        return;
    const int end = m_first + m_rows;
    if (first < end) {
        beginSourceReset(); // rows inserted above the window's end move it
    } else if (first == end && m_rows < m_windowRows) {
        m_pendingInsert = qMin(last - first + 1, m_windowRows - m_rows);
        beginInsertRows(QModelIndex(), m_rows, m_rows + m_pendingInsert - 1);
    }
}

void ResultWindowModel::endSourceInsert(const QModelIndex &parent)
{
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    if (parent.isValid())
        return;
    if (m_resetting) {
        endSourceReset();
    } else if (m_pendingInsert > 0) {
        m_rows += m_pendingInsert;
        m_pendingInsert = 0;
        endInsertRows();
    }
}

void ResultWindowModel::beginSourceReset()
{
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void ResultWindowModel::endSourceReset()
{
    const QScopedValueRollback<bool> signalling(m_signalling, true);
    if (!m_resetting)
        return;
    m_first = std::clamp(m_first, 0, qMax(0, sourceRows() - m_windowRows));
    m_rows = fittingRows(m_first);
    m_pendingInsert = 0;
    m_resetting = false;
    endResetModel();
}

void ResultWindowModel::forwardDataChanged(const QModelIndex &topLeft,
                                           const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (topLeft.parent().isValid() || m_resetting)
        return;
    const int top = qMax(topLeft.row() - m_first, 0);
    const int bottom = qMin(bottomRight.row() - m_first, m_rows - 1);
    if (top <= bottom)
        Q_EMIT dataChanged(index(top, topLeft.column()), index(bottom, bottomRight.column()),
                           roles);
}

void ResultWindowModel::forwardHeaderDataChanged(Qt::Orientation orientation, int first, int last)
{
    if (m_resetting)
        return;
    if (orientation == Qt::Horizontal) {
        Q_EMIT headerDataChanged(orientation, first, last);
        return;
    }
    const int top = qMax(first - m_first, 0);
    const int bottom = qMin(last - m_first, m_rows - 1);
    if (top <= bottom)
        Q_EMIT headerDataChanged(orientation, top, bottom);
}

QModelIndex ResultWindowModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex ResultWindowModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex ResultWindowModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

bool ResultWindowModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows > 0 && columnCount() > 0;
}

int ResultWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ResultWindowModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return sourceModel()->columnCount();
}

QModelIndex ResultWindowModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel())
        return {};
    return sourceModel()->index(m_first + proxyIndex.row(), proxyIndex.column());
}

QModelIndex ResultWindowModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.parent().isValid())
        return {};
    return index(sourceIndex.row() - m_first, sourceIndex.column());
}

QVariant ResultWindowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Horizontal)
        return sourceModel()->headerData(section, orientation, role);
    if (section < 0 || section >= m_rows)
        return {};
    return sourceModel()->headerData(m_first + section, orientation, role);
}

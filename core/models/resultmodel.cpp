#include "core/models/resultmodel.h"

#include <QLocale>
#include <QThreadPool>

#include <algorithm>

ResultModel::ResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_insertLater.setSingleShot(true);
    connect(&m_insertLater, &QTimer::timeout, this, &ResultModel::exposeArrived);
}

void ResultModel::setInsertIntervalMs(int ms)
{
    m_insertIntervalMs = qMax(0, ms);
    if (m_insertIntervalMs == 0 && m_insertLater.isActive()) {
        m_insertLater.stop();
        exposeArrived();
    }
}

ResultModel::~ResultModel()
{
    release(std::move(m_batches));
}

void ResultModel::release(std::vector<RowBatch> &&batches)
{
    if (batches.size() <= kReleaseHereBatches)
        return; // freed by the caller's vector, here: cheaper than a hand-off
    // The batches share nothing with the GUI thread once moved here (their
    // reference counts are atomic, as for a queued signal).
    QThreadPool::globalInstance()->start(
        [rows = std::move(batches)]() mutable { std::vector<RowBatch>().swap(rows); });
}

void ResultModel::setColumns(const Columns &columns)
{
    beginResetModel();
    m_insertLater.stop();
    m_sinceInsert.invalidate();
    m_columns = columns;
    release(std::move(m_batches));
    m_batches.clear(); // a moved-from vector is valid but unspecified
    m_firstRows.clear();
    m_rows = 0;
    m_exposed = 0;
    endResetModel();
}

void ResultModel::appendRows(const RowBatch &rows)
{
    if (rows.isEmpty() || rows.columnCount() != m_columns.size())
        return;
    const int total = m_rows + rows.rowCount();
    const bool show = m_exposed < kFetchChunk && !m_insertLater.isActive() &&
                      (m_insertIntervalMs == 0 || !m_sinceInsert.isValid() ||
                       m_sinceInsert.elapsed() >= m_insertIntervalMs);
    const int last = qMin(total, kFetchChunk) - 1;
    // The model changes between begin and end only: views and testers may call
    // back (fetchMore) from the signals.
    if (show)
        beginInsertRows(QModelIndex(), m_exposed, last);
    m_firstRows.push_back(m_rows);
    m_batches.push_back(rows);
    m_rows = total;
    if (show) {
        m_exposed = last + 1;
        m_sinceInsert.start();
        endInsertRows();
    } else if (m_exposed < kFetchChunk && !m_insertLater.isActive()) {
        m_insertLater.start(int(qMax<qint64>(0, m_insertIntervalMs - m_sinceInsert.elapsed())));
    }
}

void ResultModel::exposeArrived()
{
    const int last = qMin(m_rows, kFetchChunk) - 1;
    if (last >= m_exposed) // else fetchMore() got there first
        exposeTo(last);
}

void ResultModel::exposeTo(int last)
{
    // The rows are stored already: a view or tester calling fetchMore() from
    // the signals must not insert them a second time.
    m_inserting = true;
    beginInsertRows(QModelIndex(), m_exposed, last);
    m_exposed = last + 1;
    m_inserting = false;
    m_sinceInsert.start();
    endInsertRows();
}

bool ResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_inserting && m_exposed < m_rows;
}

void ResultModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        exposeTo(qMin(m_rows, m_exposed + kFetchChunk) - 1);
}

void ResultModel::fetchAll()
{
    if (canFetchMore(QModelIndex()))
        exposeTo(m_rows - 1);
}

void ResultModel::clear()
{
    setColumns({});
}

CellView ResultModel::cell(int row, int column) const
{
    const auto it = std::upper_bound(m_firstRows.cbegin(), m_firstRows.cend(), row);
    const auto batch = size_t(std::distance(m_firstRows.cbegin(), it) - 1);
    return m_batches[batch].cell(row - m_firstRows[batch], column);
}

qsizetype ResultModel::memoryBytes() const
{
    qsizetype bytes = qsizetype(m_firstRows.capacity() * sizeof(int));
    for (const RowBatch &batch : m_batches)
        bytes += batch.byteSize();
    return bytes;
}

int ResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_exposed;
}

int ResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString ResultModel::displayText(const CellView &cell)
{
    switch (cell.kind) {
    case CellKind::Null:
        return QStringLiteral("NULL");
    case CellKind::Binary: {
        const QByteArray prefix = QByteArray(cell.data, qMin<qsizetype>(cell.size, 16)).toHex(' ');
        return tr("<binary %1> %2%3")
            .arg(QLocale::c().formattedDataSize(cell.fullSize, 1,
                                                QLocale::DataSizeTraditionalFormat),
                 QString::fromLatin1(prefix),
                 cell.fullSize > 16 ? QStringLiteral(" …") : QString());
    }
    case CellKind::Text:
        break;
    }
    // Cut the bytes before decoding so a huge value costs nothing to show.
    const qsizetype bytes = qMin<qsizetype>(cell.size, kDisplayChars * 4);
    QString text = QString::fromUtf8(cell.data, bytes);
    const bool cut = text.size() > kDisplayChars || bytes < cell.size || cell.truncated;
    if (text.size() > kDisplayChars)
        text.truncate(kDisplayChars);
    text.replace(QLatin1String("\r\n"), QStringLiteral("⏎"));
    text.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    text.replace(QLatin1Char('\r'), QStringLiteral("⏎"));
    text.replace(QLatin1Char('\t'), QStringLiteral("⇥"));
    if (cut)
        text += QStringLiteral("…");
    return text;
}

QVariant ResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CellView value = cell(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(value);
    case Qt::ToolTipRole:
        if (value.kind == CellKind::Text && (value.size > kDisplayChars || value.truncated))
            return tr("%1 characters; copy the cell for the whole value")
                .arg(value.truncated ? value.fullSize
                                     : QString::fromUtf8(value.data, value.size).size());
        return {};
    case Qt::EditRole:
    case FullValueRole:
        if (value.isNull())
            return QVariant();
        if (value.kind == CellKind::Binary)
            return value.bytes();
        return value.text();
    case Qt::TextAlignmentRole:
        if (m_columns.at(index.column()).isNumeric() && !value.isNull())
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case IsNullRole:
        return value.isNull();
    case CellKindRole:
        return int(value.kind);
    case ColumnKindRole:
        return int(m_columns.at(index.column()).kind);
    default:
        return {};
    }
}

QVariant ResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < m_exposed)
            return section + 1;
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    const Column &column = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 (%2)").arg(column.name, column.typeName);
    case ColumnKindRole:
        return int(column.kind);
    default:
        return {};
    }
}

QHash<int, QByteArray> ResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IsNullRole, "isNull");
    names.insert(CellKindRole, "cellKind");
    names.insert(FullValueRole, "fullValue");
    names.insert(ColumnKindRole, "columnKind");
    return names;
}

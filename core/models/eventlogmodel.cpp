#include "core/models/eventlogmodel.h"

#include "core/pool/eventlog.h"

EventLogModel::EventLogModel(EventLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
    , m_rows(log->size())
{
    connect(log, &EventLog::aboutToDropOldest, this, [this] {
        if (m_rows > 0)
            beginRemoveRows(QModelIndex(), 0, 0);
    });
    connect(log, &EventLog::droppedOldest, this, [this] {
        if (m_rows > 0) {
            --m_rows;
            endRemoveRows();
        }
    });
    connect(log, &EventLog::appended, this, &EventLogModel::onAppended);
    connect(log, &EventLog::cleared, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
}

void EventLogModel::onAppended()
{
    if (m_log->size() > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, m_log->size() - 1);
        m_rows = m_log->size();
        endInsertRows();
    }
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_log || index.row() >= m_log->size())
        return {};
    const PoolEvent &event = m_log->at(index.row());
    if (role == EventTypeRole)
        return int(event.type);
    if (role == Qt::ToolTipRole)
        return event.echoLine();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return event.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case BindColumn:
        return event.bind;
    case TypeColumn:
        return PoolEvent::typeName(event.type);
    case ConnectionColumn:
        if (event.connection == 0)
            return QString();
        return event.serverId > 0
                   ? QStringLiteral("#%1 (%2)").arg(event.connection).arg(event.serverId)
                   : QStringLiteral("#%1").arg(event.connection);
    case OwnerColumn:
        return event.owner;
    case MessageColumn:
        return event.message;
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case BindColumn:
        return tr("Bind");
    case TypeColumn:
        return tr("Event");
    case ConnectionColumn:
        return tr("Connection");
    case OwnerColumn:
        return tr("Owner");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

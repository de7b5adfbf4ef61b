#pragma once

#include <QAbstractTableModel>
#include <QPointer>

class EventLog;

// The pool event log as a table (time, bind, event, connection, owner,
// message), newest last, following the log as it grows and drops old events.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        BindColumn,
        TypeColumn,
        ConnectionColumn,
        OwnerColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role { EventTypeRole = Qt::UserRole + 1 };

    explicit EventLogModel(EventLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void onAppended();

    QPointer<EventLog> m_log;
    int m_rows = 0;
};

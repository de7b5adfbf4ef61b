#pragma once

#include "core/diagnosis/serversessionsnapshot.h"

#include <QAbstractTableModel>

// The server-sessions panel: one row per session of the latest snapshot. A new
// snapshot updates rows in place by pid (removed sessions go, new ones are
// appended, changed ones emit dataChanged), so a view keeps its selection and
// scroll position across refreshes. Presentation (colours, icons) is the
// view's business; the roles say what a row is. For a suspects-only view, put
// a QSortFilterProxyModel on top with filterRole IsSuspectRole and the fixed
// string "true"; SortRole gives numbers for the age columns.
class ServerSessionModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PidColumn,
        UserColumn,
        DatabaseColumn,
        ApplicationColumn,
        ClientColumn,
        OriginColumn,
        StateColumn,
        IdleColumn,
        TransactionColumn,
        QueryColumn,
        SuspectColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        PidRole = Qt::UserRole + 1, // qint64
        StateRole,                  // int(ServerSession::State)
        StateNameRole,              // "idle_in_transaction"
        SuspectRole,                // QString, empty when not suspect
        IsSuspectRole,              // bool
        OwnRole,                    // bool
        BlockedRole,                // bool: waits for another session's lock
        SortRole,                   // numbers for numeric columns, text otherwise
    };
    Q_ENUM(Role)

    explicit ServerSessionModel(QObject *parent = nullptr);

    void setSnapshot(const ServerSessionSnapshot &snapshot);
    void clear();

    const ServerSessionSnapshot &snapshot() const { return m_snapshot; }
    // The session in row, or nullptr.
    const ServerSession *sessionAt(int row) const;
    int rowOf(qint64 pid) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant display(const ServerSession &session, int column) const;
    QVariant sortValue(const ServerSession &session, int column) const;
    QVariant toolTip(const ServerSession &session, int column) const;
    // "pid 4242 · python3 leak.py"; the tooltip has the whole command line.
    static QVariant origin(const ServerSession &session);

    ServerSessionSnapshot m_snapshot; // sessions in row order
};

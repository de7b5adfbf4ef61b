#pragma once

#include "core/browse/rowchange.h"
#include "core/browse/tableshape.h"
#include "core/driver/column.h"
#include "core/driver/rowbatch.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QMap>
#include <QSet>

#include <optional>

class ResultModel;

// A table tab's grid: the rows as read (a ResultModel, streamed and lazy like
// any result) with the pending changes on top: edited cells, new rows (after
// the read ones) and rows marked for deletion. Nothing is sent from here:
// changes() gives them to ChangeStatements, and a new read drops them. Values
// are checked against their column's type when typed (EditValue). Sorting
// asks the server (sortRequested) instead of sorting here.
class TableDataModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Pending { None, Edited, Inserted, Deleted };
    enum Role {
        // The same numbers as ResultModel's roles, so one delegate paints both.
        IsNullRole = Qt::UserRole + 1,
        CellKindRole,
        FullValueRole,
        ColumnKindRole,
        PendingRole,   // int(Pending): of the cell for edits, of the row otherwise
        IsDefaultRole, // a new row's cell left to the column's default
    };

    explicit TableDataModel(QObject *parent = nullptr);

    void setShape(const TableShape &shape);
    const TableShape &shape() const { return m_shape; }
    ResultModel *rows() const { return m_rows; }

    // A new read starts: drops the rows and every pending change.
    void setColumns(const Columns &columns);
    void appendRows(const RowBatch &rows);
    // Every read row shown (the lazy chunks fetched), e.g. before checking.
    void fetchAll();

    bool isEditable() const { return m_shape.isEditable(); }
    // Whether index's cell may be typed into; *why says why not.
    bool canEdit(const QModelIndex &index, QString *why = nullptr) const;
    bool setNull(const QModelIndex &index);
    // Adds an empty row after the others (every cell DEFAULT); its row.
    int addRow();
    // Marks read rows for deletion, drops new ones.
    void removeGridRows(const QList<int> &rows);
    // Forgets every pending change.
    void discard();
    // Edited rows, new rows and deleted rows.
    int pendingCount() const;
    bool hasPendingChanges() const { return pendingCount() > 0; }
    QVector<RowChange> changes() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // A null QVariant sets NULL; text is checked against the column's type.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Asks for a new read in that order; the model itself never reorders.
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void pendingChanged(int count);
    // A typed value was refused; message names the column and its type.
    void refused(const QString &message);
    void sortRequested(int column, Qt::SortOrder order);

private:
    int readRows() const;
    CellView readCell(int row, int column) const;
    // The read value as a parameter: text, bytes or NULL.
    QVariant readValue(int row, int column) const;
    std::optional<QVariant> pendingValue(int row, int column) const;
    QVariant cellData(const QVariant &value, int column, int role) const;
    void connectRows();
    void changed(int row);

    TableShape m_shape;
    ResultModel *m_rows;
    // Read rows' edits: row → column → new value.
    QMap<int, QHash<int, QVariant>> m_edits;
    QSet<int> m_deleted;
    // New rows: column → value; a missing column takes its default.
    QVector<QHash<int, QVariant>> m_inserted;
};

#pragma once

#include "core/plan/queryplan.h"

#include <QAbstractItemModel>

#include <vector>

// A QueryPlan as a tree for a view: one row per step, with the server's
// estimate beside what happened (ANALYZE), the step's own time and its share
// of the whole. The hottest step and full-table scans are roles, so a
// delegate can mark them; their tooltip says why.
class PlanTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Step, Table, EstimatedRows, ActualRows, Loops, Time, Share, Detail, ColumnCount };
    enum Role {
        HottestRole = Qt::UserRole + 1, // bool
        FullScanRole,                   // bool
        ShareRole,                      // double 0…1: self time (or cost) of the whole
        SortRole,                       // numbers for the number columns
    };
    Q_ENUM(Role)

    explicit PlanTreeModel(QObject *parent = nullptr);

    void setPlan(const QueryPlan &plan);
    void clear();
    const QueryPlan &plan() const { return m_plan; }
    // Whether shares (and the hottest step) are of time, measured by ANALYZE,
    // or of the server's estimated cost.
    bool ranksByTime() const { return m_byTime; }
    // The row of the hottest step, invalid when none is marked.
    QModelIndex hottestIndex() const;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // A step with where it sits, so parent() needs no search.
    struct Entry
    {
        const PlanNode *node;
        int parent; // entry index, -1 for the top
        int row;    // among its parent's children
    };
    void index(const PlanNode &node, int parent, int row);
    int entryOf(const QModelIndex &index) const;
    QVariant display(const PlanNode &node, int column) const;
    QString toolTip(const PlanNode &node) const;

    QueryPlan m_plan;
    std::vector<Entry> m_entries;
    double m_whole = 0; // the root's time, or cost, that shares are of
    bool m_byTime = false;
};

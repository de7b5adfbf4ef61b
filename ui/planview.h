#pragma once

#include <QWidget>

class PlanTreeModel;
class QLabel;
class QPushButton;
class QTreeView;
struct QueryPlan;

// The "Plan" page of a session tab: what Explain or Explain Analyze found, as
// a tree with the hottest step marked and opened, the notes above it (what was
// rolled back, what the server cannot measure), and Copy for the text form.
class PlanView final : public QWidget
{
    Q_OBJECT

public:
    explicit PlanView(QWidget *parent = nullptr);

    void setPlan(const QueryPlan &plan);
    void clear();
    PlanTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QString summary() const;

private:
    PlanTreeModel *m_model;
    QTreeView *m_tree;
    QLabel *m_summary;
    QPushButton *m_copy;
};

#pragma once

#include <QWidget>

class BindTreeModel;
class Engine;
class QTreeView;
class Workspace;

// The left dock: every bind as a live tree of engine, pool, connections and
// the sessions that hold them, with buttons to add, edit, remove and dispose.
class BindsDock final : public QWidget
{
    Q_OBJECT

public:
    explicit BindsDock(Workspace *workspace, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    BindTreeModel *model() const { return m_model; }
    // The bind of the selected row, or nullptr.
    Engine *selectedEngine() const;

Q_SIGNALS:
    void openTabRequested(Engine *engine);
    void addBindRequested();
    void editBindRequested(Engine *engine);
    void removeBindRequested(Engine *engine);

private:
    BindTreeModel *m_model;
    QTreeView *m_tree;
};

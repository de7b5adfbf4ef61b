#pragma once

#include <QModelIndex>
#include <QWidget>

class AppMonitor;
class AppTreeModel;
class BindTreeModel;
class Engine;
class PgBouncerMonitor;
class QSplitter;
class QTreeView;
class Workspace;

// The left dock: every bind as a live tree of engine, pool, connections and
// the sessions that hold them, with buttons to add, edit, remove and dispose;
// below it, while any are running, the applications with poolscope_probe
// (docs/probe.md) as the same kind of tree, down to the line of code that
// holds each connection.
class BindsDock final : public QWidget
{
    Q_OBJECT

public:
    // apps may be nullptr: no applications part.
    BindsDock(Workspace *workspace, AppMonitor *apps, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    BindTreeModel *model() const { return m_model; }
    // Shows PgBouncer's pools under its console binds.
    void setPooler(PgBouncerMonitor *monitor);
    QTreeView *appsTree() const { return m_appsTree; }
    AppTreeModel *appsModel() const { return m_appsModel; }
    // The bind of the selected row, or nullptr.
    Engine *selectedEngine() const;

Q_SIGNALS:
    void openTabRequested(Engine *engine);
    void addBindRequested();
    void editBindRequested(Engine *engine);
    void removeBindRequested(Engine *engine);

private:
    void buildAppsTree(AppMonitor *apps);
    void expandApps(const QModelIndex &index);

    BindTreeModel *m_model;
    QTreeView *m_tree;
    AppTreeModel *m_appsModel = nullptr;
    QTreeView *m_appsTree = nullptr;
    QSplitter *m_split = nullptr;
};

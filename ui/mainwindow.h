#pragma once

#include <QMainWindow>

class BindTreeModel;
class Engine;
class QTabWidget;
class QTreeView;
class SessionTab;
class Workspace;

// The main window: binds tree on the left, session tabs in the middle. Closing
// the window closes every session it holds.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Workspace *workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a session tab on engine (the selected bind when nullptr).
    SessionTab *newSessionTab(Engine *engine = nullptr);
    void closeSessionTab(int index);
    QList<SessionTab *> sessionTabs() const;
    SessionTab *currentSessionTab() const;
    QTreeView *bindTree() const { return m_bindTree; }
    BindTreeModel *bindModel() const { return m_bindModel; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    Engine *selectedEngine() const;

    Workspace *m_workspace;
    BindTreeModel *m_bindModel;
    QTreeView *m_bindTree;
    QTabWidget *m_tabs;
    int m_tabCounter = 0;
};

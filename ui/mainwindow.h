#pragma once

#include "core/workbench/commitall.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>

class AppMonitor;
class BindsDock;
class CompletionWords;
class Engine;
class PasswordStore;
class PgBouncerMonitor;
class PoolMonitorDock;
class QDockWidget;
class QSettings;
class QueryHistories;
class RememberedBinds;
class SchemaPanel;
class ServerSessionsPanel;
class SessionTab;
class SessionTabs;
class TableTab;
class Workspace;
struct Bind;
struct SchemaTable;

// The main window wires the parts together: binds and schema on the left,
// session tabs (SessionTabs) in the middle, the pool monitor and server
// sessions at the bottom. Closing it closes every session it holds (asking
// first about open transactions, CommitAll); binds (RememberedBinds), layout
// and tab texts (TabStore) come back at the next start.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Workspace *workspace, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a session tab on engine (the selected bind when nullptr).
    SessionTab *newSessionTab(Engine *engine = nullptr);
    // Closes the tab at index, asking about an open transaction first.
    void closeSessionTab(int index);
    QList<SessionTab *> sessionTabs() const;
    SessionTab *currentSessionTab() const;
    BindsDock *bindsDock() const { return m_binds; }
    PoolMonitorDock *poolMonitor() const { return m_monitor; }
    SchemaPanel *schemaPanel() const { return m_schema; }
    ServerSessionsPanel *serverSessions() const { return m_sessions; }
    // Opens a table tab on table: its rows, filters, sorting and edits.
    TableTab *browseTable(Engine *engine, const SchemaTable &table);

    // Binds the person added in earlier runs (passwords from the keychain, or
    // asked for), then the tabs of the last run.
    void restoreBinds();
    // Adds a bind that is remembered for the next start.
    Engine *addRememberedBind(const Bind &bind, bool rememberPassword, QString *error);
    // Asks, closes engine's tabs, and removes it.
    void removeBind(Engine *engine);
    // Edits engine's bind in the connection dialog; an accepted edit replaces
    // the engine (its tabs close first).
    void editBind(Engine *engine);
    // Closes everything without asking, rolling back open transactions
    // (quit, SIGTERM).
    void shutdown();

Q_SIGNALS:
    void bindsRestored();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // The nice value the workspace's connection threads take while a window
    // shows (ThreadReaper::setWorkerNice): 10 gives the window's thread about
    // nine tenths of a core both want.
    static constexpr int kWorkerNice = 10;
    static Workspace *withWorkersBehindTheWindow(Workspace *workspace);

    void createDocks();
    // First start: most of the screen, and room in every dock for what it shows.
    void sizeForFirstStart();
    void createActions();
    // Table tabs with changes not applied: discard them, or keep the window.
    void askAboutPendingChanges(QCloseEvent *event);
    void askAboutOpenTransactions(QCloseEvent *event);
    // After Commit All: closes the window when every commit succeeded, else
    // keeps it and shows which failed.
    void afterCommitAll(const QList<CommitAll::Failure> &failures);
    void addBindInteractively();
    void importCsv();
    // The bind selected in the binds dock, else the current tab's, else the
    // first; nullptr, said in the status bar, when there is none.
    Engine *chosenEngine();
    QStringList bindNames() const;
    void saveLayoutAndTabs();
    void closeEverything();

    Workspace *m_workspace;
    QSettings *m_settings;
    PasswordStore *m_passwords;
    RememberedBinds *m_remembered;
    std::unique_ptr<QueryHistories> m_histories;
    CompletionWords *m_completions;
    AppMonitor *m_apps;
    PgBouncerMonitor *m_pooler;
    BindsDock *m_binds;
    PoolMonitorDock *m_monitor;
    SchemaPanel *m_schema;
    ServerSessionsPanel *m_sessions;
    SessionTabs *m_tabs;
    QDockWidget *m_bindDock = nullptr;
    QDockWidget *m_schemaDock = nullptr;
    QDockWidget *m_monitorDock = nullptr;
    QDockWidget *m_sessionsDock = nullptr;
    CommitAll *m_commitAll;
    bool m_closing = false;
};

#pragma once

#include <QHash>
#include <QMainWindow>
#include <QStringList>

class BindsDock;
class Engine;
class PasswordStore;
class PoolMonitorDock;
class QSettings;
class QTabWidget;
class QueryHistory;
class SchemaPanel;
class ServerSessionsPanel;
struct Schema;
class SessionTab;
class Workspace;
struct Bind;

// The main window: binds on the left, session tabs in the middle, the pool
// monitor at the bottom. Closing the window closes every session it holds
// (asking first about open transactions); binds, layout and tab texts come
// back at the next start. Passwords only ever go to the keychain.
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
    // Opens a tab that runs SELECT * on table.
    SessionTab *browseTable(Engine *engine, const QString &schema, const QString &table);

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
    // After Commit All: closes the window when every commit succeeded, else
    // keeps it and shows which failed.
    void afterCommitAll();
    void createActions();
    // Closes engine's tabs; false when one stays open (it asked, or commits).
    bool closeTabsOf(const Engine *engine);
    void addBindInteractively();
    void saveBinds();
    void saveLayoutAndTabs();
    void restoreTabs();
    void deleteTab(int index);
    QueryHistory *historyFor(const QString &bind);

    Workspace *m_workspace;
    QSettings *m_settings;
    PasswordStore *m_passwords;
    BindsDock *m_binds;
    PoolMonitorDock *m_monitor;
    SchemaPanel *m_schema;
    ServerSessionsPanel *m_sessions;
    QHash<QString, QStringList> m_completions; // per bind: table and column names
    QTabWidget *m_tabs;
    QStringList m_remembered; // binds saved for the next start
    QHash<QString, QueryHistory *> m_histories;
    int m_tabCounter = 0;
    int m_pendingCommits = 0;
    QStringList m_failedCommits;
    bool m_closing = false;
};

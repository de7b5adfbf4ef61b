#pragma once

#include "core/driver/statementresult.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class Engine;
class PlanView;
class QAction;
class QComboBox;
class QPlainTextEdit;
class QTabWidget;
class QToolBar;
class QToolButton;
class QueryHistory;
class ResultGrid;
class ResultModel;
class Session;
class SqlEditor;
class StatementQueue;
class StatusLine;
struct QueryPlan;

// One session on one bind: SQL editor, result grid, messages and a status
// line. Owns its Session, so closing the tab returns its connection.
class SessionTab final : public QWidget
{
    Q_OBJECT

public:
    SessionTab(Engine *engine, const QString &name, QueryHistory *history,
               QWidget *parent = nullptr);
    ~SessionTab() override;

    Engine *engine() const;
    Session *session() const { return m_session; }
    SqlEditor *editor() const { return m_editor; }
    ResultModel *resultModel() const { return m_model; }
    ResultGrid *resultView() const { return m_view; }
    PlanView *planView() const { return m_planView; }
    QString name() const { return m_name; }
    QString messages() const;
    QString statusText() const;
    QString lastSql() const { return m_lastSql; }
    // Whether the last statement gave rows: only then may an export run it again.
    bool lastStatementGaveRows() const { return m_lastGaveRows; }

    // Runs the selection or the statement at the cursor.
    void runStatement();
    // Runs every statement of the editor (or of the selection) in order.
    void runAll();
    void cancel();
    // Runs sql as if typed and run.
    void runText(const QString &sql);
    // Shows the plan of the selection or the statement at the cursor. With
    // analyze the statement runs (rolled back); a statement that may write is
    // asked about first.
    void explain(bool analyze);

    // Asks what to do with an open transaction before the tab closes: true
    // when the tab may close now. A commit that must finish first answers
    // false and emits readyToClose() when done.
    bool prepareToClose();

Q_SIGNALS:
    void busyChanged(bool busy);
    void readyToClose();
    void exportRequested();

private:
    // Rows arriving are shown at most once a frame: each time costs the grid
    // a layout and a paint, and batches come every few milliseconds.
    static constexpr int kRowsShownEveryMs = 16;

    QToolBar *buildToolbar();
    void buildResultArea();
    void buildLayout(QToolBar *toolbar);
    void connectActions();
    void connectSession();
    void start(const QString &sql, int offset);
    void onFinished(const StatementResult &result);
    void onExplained(const QueryPlan &plan, const QString &error, int offset);
    bool confirmAnalyzeOfWrite(const QString &sql);
    void reportResult(const StatementResult &result, const QString &sql, int offset);
    void updateStatus();
    void appendMessage(const QString &text);
    void showHistoryMenu();

    QString m_name;
    QueryHistory *m_history;
    Session *m_session;
    StatementQueue *m_queue;
    ResultModel *m_model;
    SqlEditor *m_editor;
    ResultGrid *m_view;
    PlanView *m_planView;
    QPlainTextEdit *m_messages;
    QTabWidget *m_outputTabs;
    StatusLine *m_status;
    QComboBox *m_mode;
    QAction *m_runAction;
    QAction *m_runAllAction;
    QAction *m_cancelAction;
    QAction *m_explainAction;
    QAction *m_analyzeAction;
    QAction *m_commitAction;
    QAction *m_rollbackAction;
    QAction *m_exportAction;
    QToolButton *m_historyButton;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    QString m_lastOutcome;
    QString m_lastSql;
    int m_lastOffset = 0;
    bool m_closeAfterCommit = false;
    bool m_lastGaveRows = false;
};

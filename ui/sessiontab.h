#pragma once

#include "core/statementresult.h"

#include <QElapsedTimer>
#include <QWidget>

class Engine;
class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;
class QTabWidget;
class ResultModel;
class Session;
class SqlEditor;

// One session on one bind: SQL editor, result grid, messages and a status
// line. Owns its Session, so closing the tab returns its connection.
class SessionTab final : public QWidget
{
    Q_OBJECT

public:
    SessionTab(Engine *engine, const QString &name, QWidget *parent = nullptr);
    ~SessionTab() override;

    Session *session() const { return m_session; }
    SqlEditor *editor() const { return m_editor; }
    ResultModel *resultModel() const { return m_model; }
    QTableView *resultView() const { return m_view; }
    QString messages() const;
    QString statusText() const;

    // Runs the selection or the statement at the cursor.
    void runStatement();
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void onFinished(const StatementResult &result);
    void updateStatus();
    void appendMessage(const QString &text);

    Session *m_session;
    ResultModel *m_model;
    SqlEditor *m_editor;
    QTableView *m_view;
    QPlainTextEdit *m_messages;
    QTabWidget *m_outputTabs;
    QLabel *m_status;
    QComboBox *m_mode;
    QAction *m_runAction;
    QAction *m_cancelAction;
    QAction *m_commitAction;
    QAction *m_rollbackAction;
    QElapsedTimer m_clock;
    QString m_lastOutcome;
};

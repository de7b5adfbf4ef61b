#pragma once

#include "core/browse/tableshape.h"
#include "core/driver/statementresult.h"

#include <QWidget>

class Engine;
class FilterBar;
class QAction;
class QLabel;
class QTableView;
class Session;
class StatusLine;
class TableDataModel;

// A table's rows in a tab of their own: a filter row over the grid, sorting
// by the server, and, when the table has a key and the bind may write, edits
// that stay pending (marked, counted) until Apply runs them in one
// transaction. Owns its Session, so closing the tab returns its connection;
// closing with pending changes asks first.
class TableTab final : public QWidget
{
    Q_OBJECT

public:
    TableTab(Engine *engine, const TableShape &shape, const QString &name,
             QWidget *parent = nullptr);
    ~TableTab() override;

    Engine *engine() const;
    Session *session() const { return m_session; }
    TableDataModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    FilterBar *filterBar() const { return m_filters; }
    QString name() const { return m_name; }
    QString statusText() const;
    // The last refusal or failure, as shown above the grid.
    QString messageText() const;
    // What Apply would run now, as "Show SQL" shows it.
    QString pendingSql() const;

    // Reads the rows again with the filters and order (stopping a read still
    // streaming); refused, with a message, while changes are pending or an
    // Apply runs.
    bool reload();
    // Runs the pending changes in one transaction; reads the rows again when
    // they all applied.
    void apply();
    void discard();
    void addRow();
    void deleteSelectedRows();
    void setSelectedNull();
    void showSql();
    void cancel();

    // Asks about pending changes before the tab closes: true when it may close
    // now. An Apply that must finish first answers false and emits
    // readyToClose() when done.
    bool prepareToClose();

Q_SIGNALS:
    void readyToClose();
    // For the tab title: the count of pending changes.
    void pendingCountChanged(int count);

private:
    void buildActions();
    void buildLayout();
    void connectSession();
    void onApplied(const QVariant &value, const QString &error);
    void onReadFinished(const StatementResult &result);
    void showMessage(const QString &text);
    void updateState();

    QString m_name;
    Session *m_session;
    TableDataModel *m_model;
    QTableView *m_view;
    FilterBar *m_filters;
    QLabel *m_message;
    StatusLine *m_status;
    QAction *m_refreshAction;
    QAction *m_addAction;
    QAction *m_deleteAction;
    QAction *m_nullAction;
    QAction *m_applyAction;
    QAction *m_discardAction;
    QAction *m_showSqlAction;
    QAction *m_cancelAction;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QString m_readOutcome;
    bool m_applying = false;
    // A reload asked for while rows still streamed: it runs when they stop.
    bool m_readAgain = false;
    bool m_closeAfterApply = false;
};

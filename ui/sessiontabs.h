#pragma once

#include "core/settings/tabstore.h"

#include <QTabWidget>

#include <functional>

class CompletionWords;
class Engine;
class QueryHistories;
class SessionTab;
class TableShape;
class TableTab;

// The window's middle: one SessionTab per tab, each named "tab N" after its
// bind, and a TableTab per browsed table. Opening gives a session tab its
// bind's history and completion words; closing asks the tab first (an open
// transaction, pending changes), deleting it closes its session.
class SessionTabs final : public QTabWidget
{
    Q_OBJECT

public:
    SessionTabs(QueryHistories *histories, CompletionWords *completions, QWidget *parent = nullptr);
    ~SessionTabs() override;

    SessionTab *open(Engine *engine);
    // A tab that browses (and, where it may, edits) the table shape describes.
    TableTab *openTable(Engine *engine, const TableShape &shape);
    // Closes the tab at index, asking about an open transaction first.
    void closeTab(int index);
    // Closes engine's tabs; false when one stays open (it asked, or commits).
    bool closeTabsOf(const Engine *engine);
    // Closes every tab without asking; their sessions roll back.
    void closeAll();

    QList<SessionTab *> tabs() const;
    SessionTab *current() const;
    QList<SessionTab *> inTransaction() const;
    QList<TableTab *> tableTabs() const;
    QList<TableTab *> withPendingChanges() const;

    // What TabStore keeps of the tabs, and opening them again (tabs whose
    // bind is gone are skipped; engineOf finds a bind's engine).
    QList<TabStore::Entry> entries() const;
    void reopen(const QList<TabStore::Entry> &entries,
                const std::function<Engine *(const QString &bind)> &engineOf);

Q_SIGNALS:
    void exportRequested(SessionTab *tab);

private:
    template<typename T>
    QList<T *> tabsOfType() const;
    void deleteAt(int index);
    void closeWhenReady(QWidget *tab);
    // Asks tab at index whether it may close now.
    bool mayClose(int index);

    QueryHistories *m_histories;
    CompletionWords *m_completions;
    int m_counter = 0;
};

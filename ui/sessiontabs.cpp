#include "ui/sessiontabs.h"

#include "core/models/tabledatamodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/settings/queryhistories.h"
#include "core/workbench/completionwords.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"
#include "ui/tabletab.h"

#include <QPointer>
#include <QTableView>

#include <algorithm>

SessionTabs::SessionTabs(QueryHistories *histories, CompletionWords *completions, QWidget *parent)
    : QTabWidget(parent)
    , m_histories(histories)
    , m_completions(completions)
{
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &SessionTabs::closeTab);
    connect(m_completions, &CompletionWords::changed, this,
            [this](const QString &bind, const QStringList &words) {
                const auto open = tabs();
                for (SessionTab *tab : open) {
                    if (tab->engine()->name() == bind)
                        tab->editor()->setCompletionWords(words);
                }
            });
}

SessionTabs::~SessionTabs()
{
    closeAll();
}

SessionTab *SessionTabs::open(Engine *engine)
{
    const QString name = tr("tab %1").arg(++m_counter);
    auto *tab = new SessionTab(engine, name, m_histories->of(engine->name()), this);
    tab->editor()->setCompletionWords(m_completions->of(engine->name()));
    connect(tab, &SessionTab::exportRequested, this, [this, tab] { Q_EMIT exportRequested(tab); });
    const int index = addTab(tab, QStringLiteral("%1 · %2").arg(engine->name(), name));
    setCurrentIndex(index);
    tab->editor()->setFocus();
    connect(tab, &SessionTab::readyToClose, this, [this, tab] { closeWhenReady(tab); });
    return tab;
}

TableTab *SessionTabs::openTable(Engine *engine, const TableShape &shape)
{
    auto *tab = new TableTab(engine, shape, shape.name(), this);
    const QString title = QStringLiteral("%1 · %2").arg(engine->name(), shape.name());
    const int index = addTab(tab, title);
    setTabToolTip(index, shape.qualifiedName());
    setCurrentIndex(index);
    tab->view()->setFocus();
    connect(tab, &TableTab::pendingCountChanged, this, [this, tab, title](int pending) {
        const int at = indexOf(tab);
        if (at >= 0)
            setTabText(at, pending > 0 ? title + QStringLiteral(" *") : title);
    });
    connect(tab, &TableTab::readyToClose, this, [this, tab] { closeWhenReady(tab); });
    return tab;
}

void SessionTabs::closeWhenReady(QWidget *tab)
{
    // Queued: the tab says so from inside its session's signal.
    QMetaObject::invokeMethod(
        this,
        [this, tab = QPointer<QWidget>(tab)] {
            const int at = tab ? indexOf(tab) : -1;
            if (at >= 0)
                deleteAt(at);
        },
        Qt::QueuedConnection);
}

bool SessionTabs::mayClose(int index)
{
    if (auto *tab = qobject_cast<SessionTab *>(widget(index)))
        return tab->prepareToClose();
    if (auto *tab = qobject_cast<TableTab *>(widget(index)))
        return tab->prepareToClose();
    return true;
}

void SessionTabs::closeTab(int index)
{
    if (!mayClose(index))
        return; // kept open, or closes itself once its commit or apply is done
    deleteAt(index);
}

bool SessionTabs::closeTabsOf(const Engine *engine)
{
    const auto engineOf = [](QWidget *widget) -> const Engine * {
        if (auto *tab = qobject_cast<SessionTab *>(widget))
            return tab->engine();
        if (auto *tab = qobject_cast<TableTab *>(widget))
            return tab->engine();
        return nullptr;
    };
    for (int i = count() - 1; i >= 0; --i) {
        if (engineOf(widget(i)) == engine)
            closeTab(i);
    }
    for (int i = 0; i < count(); ++i) {
        if (engineOf(widget(i)) == engine)
            return false;
    }
    return true;
}

void SessionTabs::closeAll()
{
    while (count() > 0)
        deleteAt(0);
}

void SessionTabs::deleteAt(int index)
{
    QWidget *tab = widget(index);
    removeTab(index);
    delete tab;
}

template<typename T>
QList<T *> SessionTabs::tabsOfType() const
{
    QList<T *> all;
    for (int i = 0; i < count(); ++i) {
        if (auto *tab = qobject_cast<T *>(widget(i)))
            all << tab;
    }
    return all;
}

QList<SessionTab *> SessionTabs::tabs() const
{
    return tabsOfType<SessionTab>();
}

SessionTab *SessionTabs::current() const
{
    return qobject_cast<SessionTab *>(currentWidget());
}

QList<SessionTab *> SessionTabs::inTransaction() const
{
    QList<SessionTab *> open = tabs();
    open.erase(std::remove_if(open.begin(), open.end(),
                              [](SessionTab *tab) { return !tab->session()->inTransaction(); }),
               open.end());
    return open;
}

QList<TableTab *> SessionTabs::tableTabs() const
{
    return tabsOfType<TableTab>();
}

QList<TableTab *> SessionTabs::withPendingChanges() const
{
    QList<TableTab *> pending = tableTabs();
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [](TableTab *tab) { return !tab->model()->hasPendingChanges(); }),
                  pending.end());
    return pending;
}

QList<TabStore::Entry> SessionTabs::entries() const
{
    QList<TabStore::Entry> entries;
    const auto open = tabs();
    for (const SessionTab *tab : open)
        entries.append({tab->engine()->name(), tab->editor()->text()});
    return entries;
}

void SessionTabs::reopen(const QList<TabStore::Entry> &entries,
                         const std::function<Engine *(const QString &bind)> &engineOf)
{
    for (const TabStore::Entry &entry : entries) {
        if (Engine *engine = engineOf(entry.bind))
            open(engine)->editor()->setText(entry.text);
    }
}

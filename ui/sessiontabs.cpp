#include "ui/sessiontabs.h"

#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/settings/queryhistories.h"
#include "core/workbench/completionwords.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

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
    // Queued: the tab asks from inside its session's signal.
    connect(
        tab, &SessionTab::readyToClose, this,
        [this, tab] {
            const int at = indexOf(tab);
            if (at >= 0)
                deleteAt(at);
        },
        Qt::QueuedConnection);
    return tab;
}

void SessionTabs::closeTab(int index)
{
    auto *tab = qobject_cast<SessionTab *>(widget(index));
    if (tab && !tab->prepareToClose())
        return; // kept open, or closes itself once its commit is done
    deleteAt(index);
}

bool SessionTabs::closeTabsOf(const Engine *engine)
{
    for (int i = count() - 1; i >= 0; --i) {
        auto *tab = qobject_cast<SessionTab *>(widget(i));
        if (tab && tab->engine() == engine)
            closeTab(i);
    }
    const auto open = tabs();
    return std::none_of(open.begin(), open.end(),
                        [engine](const SessionTab *tab) { return tab->engine() == engine; });
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

QList<SessionTab *> SessionTabs::tabs() const
{
    QList<SessionTab *> all;
    for (int i = 0; i < count(); ++i) {
        if (auto *tab = qobject_cast<SessionTab *>(widget(i)))
            all << tab;
    }
    return all;
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

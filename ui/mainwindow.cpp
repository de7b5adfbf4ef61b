#include "ui/mainwindow.h"

#include "core/keychain/passwordstore.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "core/schema/schema.h"
#include "core/settings/bindstore.h"
#include "core/settings/queryhistory.h"
#include "ui/bindsdock.h"
#include "ui/connectiondialog.h"
#include "ui/exportdialog.h"
#include "ui/poolmonitordock.h"
#include "ui/schemapanel.h"
#include "ui/serversessionspanel.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>

MainWindow::MainWindow(Workspace *workspace, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_settings(settings)
    , m_passwords(new PasswordStore(QStringLiteral("poolscope"), this))
    , m_binds(new BindsDock(workspace, this))
    , m_monitor(new PoolMonitorDock(workspace, this))
    , m_schema(new SchemaPanel(workspace, this))
    , m_sessions(new ServerSessionsPanel(workspace, this))
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("poolscope"));

    auto *bindDock = new QDockWidget(tr("Binds"), this);
    bindDock->setObjectName(QStringLiteral("binds"));
    bindDock->setWidget(m_binds);
    addDockWidget(Qt::LeftDockWidgetArea, bindDock);
    auto *schemaDock = new QDockWidget(tr("Schema"), this);
    schemaDock->setObjectName(QStringLiteral("schema"));
    schemaDock->setWidget(m_schema);
    addDockWidget(Qt::LeftDockWidgetArea, schemaDock);
    splitDockWidget(bindDock, schemaDock, Qt::Vertical);
    auto *monitorDock = new QDockWidget(tr("Pool Monitor"), this);
    monitorDock->setObjectName(QStringLiteral("poolmonitor"));
    monitorDock->setWidget(m_monitor);
    addDockWidget(Qt::BottomDockWidgetArea, monitorDock);
    auto *sessionsDock = new QDockWidget(tr("Server Sessions"), this);
    sessionsDock->setObjectName(QStringLiteral("serversessions"));
    sessionsDock->setWidget(m_sessions);
    addDockWidget(Qt::BottomDockWidgetArea, sessionsDock);
    tabifyDockWidget(monitorDock, sessionsDock);
    monitorDock->raise();

    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeSessionTab);
    connect(m_binds, &BindsDock::openTabRequested, this,
            [this](Engine *engine) { newSessionTab(engine); });
    connect(m_binds, &BindsDock::addBindRequested, this, &MainWindow::addBindInteractively);
    connect(m_binds, &BindsDock::editBindRequested, this, &MainWindow::editBind);
    connect(m_binds, &BindsDock::removeBindRequested, this, &MainWindow::removeBind);

    createActions();
    const QByteArray geometry = m_settings->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: most of the screen, and room in every dock for what it
        // shows (the binds tree's whole connection line, the pool chart).
        const QScreen *screen = QGuiApplication::primaryScreen();
        const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 820);
        const QSize size(available.width() * 9 / 10, available.height() * 9 / 10);
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
        const int left = size.width() * 40 / 100;
        const int bottom = size.height() * 28 / 100;
        resizeDocks({bindDock}, {left}, Qt::Horizontal);
        resizeDocks({monitorDock}, {bottom}, Qt::Vertical);
        const int column = size.height() - bottom;
        resizeDocks({bindDock, schemaDock}, {column * 55 / 100, column * 45 / 100}, Qt::Vertical);
    }
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    menuBar()
        ->addMenu(tr("&View"))
        ->addActions({bindDock->toggleViewAction(), schemaDock->toggleViewAction(),
                      monitorDock->toggleViewAction(), sessionsDock->toggleViewAction()});
    connect(m_schema, &SchemaPanel::browseRequested, this, &MainWindow::browseTable);
    connect(m_schema, &SchemaPanel::schemaLoaded, this,
            [this](const QString &bind, const Schema &schema) {
                QStringList words;
                for (const SchemaTable &table : schema.tables) {
                    words << table.name;
                    for (const SchemaColumn &column : table.columns)
                        words << column.name;
                }
                words.removeDuplicates();
                m_completions.insert(bind, words);
                for (SessionTab *tab : sessionTabs()) {
                    if (tab->engine()->name() == bind)
                        tab->editor()->setCompletionWords(words);
                }
            });
    statusBar()->showMessage(tr("Double-click a bind or press Ctrl+T for a new session tab"));
}

MainWindow::~MainWindow()
{
    // Tabs (and their sessions) go before the docks that show their connections.
    while (m_tabs->count() > 0)
        deleteTab(0);
    qDeleteAll(m_histories);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *addBind = file->addAction(tr("&Add Bind…"));
    connect(addBind, &QAction::triggered, this, &MainWindow::addBindInteractively);
    QAction *newTab = file->addAction(tr("New Session &Tab"));
    newTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(newTab, &QAction::triggered, this, [this] { newSessionTab(); });
    QAction *closeTab = file->addAction(tr("&Close Tab"));
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(closeTab, &QAction::triggered, this, [this] {
        if (m_tabs->currentIndex() >= 0)
            closeSessionTab(m_tabs->currentIndex());
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *query = menuBar()->addMenu(tr("&Query"));
    QAction *run = query->addAction(tr("&Run Statement"));
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    run->setShortcutContext(Qt::WidgetShortcut); // the tab's own action handles the key
    connect(run, &QAction::triggered, this, [this] {
        if (SessionTab *tab = currentSessionTab())
            tab->runStatement();
    });
    QAction *runAll = query->addAction(tr("Run &All"));
    connect(runAll, &QAction::triggered, this, [this] {
        if (SessionTab *tab = currentSessionTab())
            tab->runAll();
    });
    QAction *cancel = query->addAction(tr("&Cancel"));
    connect(cancel, &QAction::triggered, this, [this] {
        if (SessionTab *tab = currentSessionTab())
            tab->cancel();
    });
    QAction *refresh = query->addAction(tr("Re&fresh"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    refresh->setToolTip(tr("In the schema panel: read the schema again; elsewhere: run the tab's "
                           "last statement again"));
    connect(refresh, &QAction::triggered, this, [this] {
        if (m_schema->isAncestorOf(QApplication::focusWidget())) {
            m_schema->refresh();
            return;
        }
        // Re-runs what the current tab last ran (browsing a table, a report).
        if (SessionTab *tab = currentSessionTab(); tab && !tab->lastSql().isEmpty())
            tab->runText(tab->lastSql());
    });
}

QueryHistory *MainWindow::historyFor(const QString &bind)
{
    QueryHistory *&history = m_histories[bind];
    if (!history)
        history = new QueryHistory(m_settings, bind);
    return history;
}

SessionTab *MainWindow::newSessionTab(Engine *engine)
{
    if (!engine)
        engine = m_binds->selectedEngine();
    if (!engine) {
        if (const SessionTab *tab = currentSessionTab())
            engine = tab->engine();
    }
    if (!engine && !m_workspace->engines().isEmpty())
        engine = m_workspace->engines().constFirst();
    if (!engine) {
        statusBar()->showMessage(tr("Add a bind first (File › Add Bind)"), 5000);
        return nullptr;
    }
    const QString name = tr("tab %1").arg(++m_tabCounter);
    auto *tab = new SessionTab(engine, name, historyFor(engine->name()), m_tabs);
    tab->editor()->setCompletionWords(m_completions.value(engine->name()));
    connect(tab, &SessionTab::exportRequested, this, [this, tab] {
        ExportDialog dialog(tab, m_workspace->reaper(), this);
        dialog.exec();
    });
    const int index = m_tabs->addTab(tab, QStringLiteral("%1 · %2").arg(engine->name(), name));
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
    // Queued: the tab asks from inside its session's signal.
    connect(
        tab, &SessionTab::readyToClose, this,
        [this, tab] {
            const int at = m_tabs->indexOf(tab);
            if (at >= 0)
                deleteTab(at);
        },
        Qt::QueuedConnection);
    return tab;
}

SessionTab *MainWindow::browseTable(Engine *engine, const QString &schema, const QString &table)
{
    SessionTab *tab = newSessionTab(engine);
    if (!tab)
        return nullptr;
    tab->runText(QStringLiteral("SELECT * FROM %1")
                     .arg(dialects::qualifiedName(engine->dialect(), schema, table)));
    return tab;
}

void MainWindow::closeSessionTab(int index)
{
    auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(index));
    if (tab && !tab->prepareToClose())
        return; // kept open, or closes itself once its commit is done
    deleteTab(index);
}

void MainWindow::deleteTab(int index)
{
    QWidget *tab = m_tabs->widget(index);
    m_tabs->removeTab(index);
    delete tab;
}

QList<SessionTab *> MainWindow::sessionTabs() const
{
    QList<SessionTab *> tabs;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(i)))
            tabs << tab;
    }
    return tabs;
}

SessionTab *MainWindow::currentSessionTab() const
{
    return qobject_cast<SessionTab *>(m_tabs->currentWidget());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_pendingCommits > 0) {
        event->ignore();
        return;
    }
    QList<SessionTab *> open;
    const auto tabs = sessionTabs();
    for (SessionTab *tab : tabs) {
        if (tab->session()->inTransaction())
            open << tab;
    }
    if (!open.isEmpty() && !m_closing) {
        QMessageBox box(QMessageBox::Question, tr("Open transactions"),
                        tr("%n tab(s) have an open transaction.", nullptr, int(open.size())),
                        QMessageBox::NoButton, this);
        box.setInformativeText(tr("Commit them, roll them back, or keep the window open?"));
        QPushButton *commit = box.addButton(tr("Commit All"), QMessageBox::AcceptRole);
        QPushButton *rollback = box.addButton(tr("Roll Back All"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() == commit) {
            event->ignore();
            m_pendingCommits = int(open.size());
            m_failedCommits.clear();
            for (SessionTab *tab : std::as_const(open)) {
                const QString name = tab->name();
                connect(
                    tab->session(), &Session::finished, this,
                    [this, name](const StatementResult &result) {
                        if (!result.ok)
                            m_failedCommits << tr("%1: %2").arg(name, result.error);
                        if (--m_pendingCommits == 0)
                            afterCommitAll();
                    },
                    Qt::SingleShotConnection);
                if (!tab->session()->commit()) {
                    m_failedCommits << tr("%1: the commit could not start").arg(name);
                    --m_pendingCommits;
                }
            }
            if (m_pendingCommits == 0)
                afterCommitAll();
            return;
        }
        if (box.clickedButton() != rollback) {
            event->ignore();
            return;
        }
    }
    saveLayoutAndTabs();
    while (m_tabs->count() > 0)
        deleteTab(0); // rolls back what is still open
    m_sessions->stop();
    m_schema->stop();
    event->accept();
}

void MainWindow::afterCommitAll()
{
    if (m_failedCommits.isEmpty()) {
        m_closing = true;
        QTimer::singleShot(0, this, &QWidget::close);
        return;
    }
    // As a tab does: a commit that failed keeps the window, and says why.
    // Not exec(): this runs inside a session's signal.
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Commit failed"),
        tr("%n commit(s) failed; the window stays open.", nullptr, int(m_failedCommits.size())),
        QMessageBox::Ok, this);
    box->setInformativeText(m_failedCommits.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(box->text(), 10000);
}

void MainWindow::shutdown()
{
    saveLayoutAndTabs();
    while (m_tabs->count() > 0)
        deleteTab(0);
    m_sessions->stop();
    m_schema->stop();
}

void MainWindow::saveLayoutAndTabs()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    const auto tabs = sessionTabs();
    m_settings->remove(QStringLiteral("tabs"));
    m_settings->beginWriteArray(QStringLiteral("tabs"), int(tabs.size()));
    for (int i = 0; i < tabs.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("bind"), tabs.at(i)->engine()->name());
        m_settings->setValue(QStringLiteral("text"), tabs.at(i)->editor()->text());
    }
    m_settings->endArray();
    m_settings->sync();
}

void MainWindow::restoreTabs()
{
    const int size = m_settings->beginReadArray(QStringLiteral("tabs"));
    QList<QPair<QString, QString>> tabs;
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        tabs.append({m_settings->value(QStringLiteral("bind")).toString(),
                     m_settings->value(QStringLiteral("text")).toString()});
    }
    m_settings->endArray();
    for (const auto &[bind, text] : std::as_const(tabs)) {
        if (Engine *engine = m_workspace->engine(bind)) {
            if (SessionTab *tab = newSessionTab(engine))
                tab->editor()->setText(text);
        }
    }
}

void MainWindow::restoreBinds()
{
    const QList<BindStore::Entry> entries = BindStore(m_settings).load();
    auto pending = std::make_shared<int>(int(entries.size()));
    auto finishOne = [this, pending] {
        if (--*pending == 0) {
            restoreTabs();
            Q_EMIT bindsRestored();
        }
    };
    if (entries.isEmpty()) {
        restoreTabs();
        Q_EMIT bindsRestored();
        return;
    }
    for (const BindStore::Entry &entry : entries) {
        m_remembered << entry.bind.name;
        if (!entry.needsPassword) {
            m_workspace->addBind(entry.bind);
            finishOne();
            continue;
        }
        m_passwords->read(
            entry.bind.name, this, [this, entry, finishOne](bool found, const QString &password) {
                Bind bind = entry.bind;
                QString secret = password;
                if (!found) {
                    // No keychain, or nothing in it: ask, and keep it only in memory.
                    bool ok = false;
                    secret = QInputDialog::getText(
                        this, tr("Password"),
                        tr("Password for %1 (%2):").arg(bind.name, bind.url.toDisplayString()),
                        QLineEdit::Password, QString(), &ok);
                    if (!ok)
                        secret.clear();
                }
                if (!secret.isEmpty())
                    bind.url.setPassword(secret);
                m_workspace->addBind(bind);
                finishOne();
            });
    }
}

Engine *MainWindow::addRememberedBind(const Bind &bind, bool rememberPassword, QString *error)
{
    Engine *engine = m_workspace->addBind(bind, error);
    if (!engine)
        return nullptr;
    m_remembered << bind.name;
    saveBinds();
    if (bind.url.hasPassword() && !bind.url.password().isEmpty()) {
        if (rememberPassword) {
            const QString name = bind.name;
            m_passwords->write(name, bind.url.password(), this, [this](bool ok, const QString &) {
                if (!ok)
                    statusBar()->showMessage(
                        tr("No system keychain: the password will be asked for at the next start"),
                        8000);
            });
        } else {
            m_passwords->remove(bind.name);
        }
    }
    return engine;
}

void MainWindow::saveBinds()
{
    QList<BindStore::Entry> entries;
    const auto engines = m_workspace->engines();
    for (const Engine *engine : engines) {
        if (m_remembered.contains(engine->name()))
            entries.append(BindStore::Entry{engine->bind(), engine->url().hasPassword()});
    }
    BindStore(m_settings).save(entries);
}

void MainWindow::addBindInteractively()
{
    QStringList taken;
    const auto engines = m_workspace->engines();
    for (const Engine *engine : engines)
        taken << engine->name();
    ConnectionDialog dialog(taken, m_workspace->reaper(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (Engine *engine = addRememberedBind(dialog.bind(), dialog.rememberPassword(), &error))
        newSessionTab(engine);
    else
        QMessageBox::warning(this, tr("Bind"), error);
}

void MainWindow::editBind(Engine *engine)
{
    QStringList taken;
    const auto engines = m_workspace->engines();
    for (const Engine *other : engines)
        taken << other->name();
    // The dialog is a nested event loop: keep the name, not the engine.
    const QString oldName = engine->name();
    ConnectionDialog dialog(taken, m_workspace->reaper(), this);
    dialog.setBind(engine->bind());
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!(engine = m_workspace->engine(oldName))) {
        statusBar()->showMessage(
            tr("The bind %1 was removed while you edited it; nothing was changed.").arg(oldName),
            10000);
        return;
    }
    // An engine's URL and pool are fixed: replace it (its tabs close first).
    if (!closeTabsOf(engine))
        return;
    m_remembered.removeAll(oldName);
    m_workspace->removeBind(oldName);
    QString error;
    if (!addRememberedBind(dialog.bind(), dialog.rememberPassword(), &error))
        QMessageBox::warning(this, tr("Bind"), error);
    saveBinds();
}

void MainWindow::removeBind(Engine *engine)
{
    const QString name = engine->name();
    if (QMessageBox::question(
            this, tr("Remove bind"),
            tr("Remove the bind %1 and close its tabs and connections?").arg(name)) !=
        QMessageBox::Yes)
        return;
    engine = m_workspace->engine(name);
    if (!engine || !closeTabsOf(engine))
        return; // gone meanwhile, or a tab refused to close
    m_remembered.removeAll(name);
    m_passwords->remove(name);
    m_workspace->removeBind(name);
    saveBinds();
}

bool MainWindow::closeTabsOf(const Engine *engine)
{
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(i));
        if (tab && tab->engine() == engine)
            closeSessionTab(i);
    }
    const auto tabs = sessionTabs();
    return std::none_of(tabs.begin(), tabs.end(),
                        [engine](const SessionTab *tab) { return tab->engine() == engine; });
}

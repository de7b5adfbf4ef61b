#include "ui/mainwindow.h"

#include "core/apps/appmonitor.h"
#include "core/browse/tableshape.h"
#include "core/connection/threadreaper.h"
#include "core/keychain/passwordstore.h"
#include "core/models/pgbouncermonitor.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "core/settings/queryhistories.h"
#include "core/settings/tabstore.h"
#include "core/workbench/completionwords.h"
#include "core/workbench/rememberedbinds.h"
#include "ui/bindsdock.h"
#include "ui/connectiondialog.h"
#include "ui/exportdialog.h"
#include "ui/importdialog.h"
#include "ui/poolmonitordock.h"
#include "ui/schemapanel.h"
#include "ui/serversessionspanel.h"
#include "ui/sessiontab.h"
#include "ui/sessiontabs.h"
#include "ui/tabletab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

Workspace *MainWindow::withWorkersBehindTheWindow(Workspace *workspace)
{
    // Before the members below open any connection (the schema panel does).
    workspace->reaper()->setWorkerNice(kWorkerNice);
    return workspace;
}

MainWindow::MainWindow(Workspace *workspace, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(withWorkersBehindTheWindow(workspace))
    , m_settings(settings)
    , m_passwords(new PasswordStore(QStringLiteral("poolscope"), this))
    , m_remembered(new RememberedBinds(workspace, settings, m_passwords, this))
    , m_histories(std::make_unique<QueryHistories>(settings))
    , m_completions(new CompletionWords(this))
    , m_apps(new AppMonitor(workspace->reaper(), QString(), this))
    , m_pooler(new PgBouncerMonitor(workspace, PgBouncerMonitor::kReadEveryMs, this))
    , m_binds(new BindsDock(workspace, m_apps, this))
    , m_monitor(new PoolMonitorDock(workspace, this))
    , m_schema(new SchemaPanel(workspace, this))
    , m_sessions(new ServerSessionsPanel(workspace, this))
    , m_tabs(new SessionTabs(m_histories.get(), m_completions, this))
    , m_commitAll(new CommitAll(this))
{
    setWindowTitle(tr("poolscope"));
    m_sessions->setApps(m_apps);
    m_monitor->setApps(m_apps);
    m_binds->setPooler(m_pooler);
    m_monitor->setPooler(m_pooler);
    m_sessions->setPoolers(m_pooler);
    createDocks();
    setCentralWidget(m_tabs);
    createActions();
    const QByteArray geometry = m_settings->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        sizeForFirstStart();
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());

    connect(m_binds, &BindsDock::openTabRequested, this,
            [this](Engine *engine) { newSessionTab(engine); });
    connect(m_binds, &BindsDock::addBindRequested, this, &MainWindow::addBindInteractively);
    connect(m_binds, &BindsDock::editBindRequested, this, &MainWindow::editBind);
    connect(m_binds, &BindsDock::removeBindRequested, this, &MainWindow::removeBind);
    connect(m_schema, &SchemaPanel::browseRequested, this, &MainWindow::browseTable);
    connect(m_schema, &SchemaPanel::schemaLoaded, m_completions, &CompletionWords::update);
    connect(m_tabs, &SessionTabs::exportRequested, this, [this](SessionTab *tab) {
        ExportDialog dialog(tab, m_workspace->reaper(), this);
        dialog.exec();
    });
    connect(m_remembered, &RememberedBinds::keychainUnavailable, this, [this] {
        statusBar()->showMessage(
            tr("No system keychain: the password will be asked for at the next start"), 8000);
    });
    connect(m_remembered, &RememberedBinds::restored, this, [this] {
        m_tabs->reopen(TabStore(m_settings).load(),
                       [this](const QString &bind) { return m_workspace->engine(bind); });
        Q_EMIT bindsRestored();
    });
    connect(m_commitAll, &CommitAll::finished, this, &MainWindow::afterCommitAll);
    statusBar()->showMessage(tr("Double-click a bind or press Ctrl+T for a new session tab"));
}

MainWindow::~MainWindow()
{
    // Tabs (and their sessions) go before the docks that show their connections.
    m_tabs->closeAll();
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString &title, const QString &name, QWidget *widget,
                       Qt::DockWidgetArea area) {
        auto *made = new QDockWidget(title, this);
        made->setObjectName(name);
        made->setWidget(widget);
        addDockWidget(area, made);
        return made;
    };
    m_bindDock = dock(tr("Binds"), QStringLiteral("binds"), m_binds, Qt::LeftDockWidgetArea);
    m_schemaDock = dock(tr("Schema"), QStringLiteral("schema"), m_schema, Qt::LeftDockWidgetArea);
    splitDockWidget(m_bindDock, m_schemaDock, Qt::Vertical);
    m_monitorDock = dock(tr("Pool Monitor"), QStringLiteral("poolmonitor"), m_monitor,
                         Qt::BottomDockWidgetArea);
    m_sessionsDock = dock(tr("Server Sessions"), QStringLiteral("serversessions"), m_sessions,
                          Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_monitorDock, m_sessionsDock);
    m_monitorDock->raise();
}

void MainWindow::sizeForFirstStart()
{
    // Room for the binds tree's whole connection line and the pool chart.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 820);
    const QSize size(available.width() * 9 / 10, available.height() * 9 / 10);
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    const int left = size.width() * 40 / 100;
    const int bottom = size.height() * 28 / 100;
    resizeDocks({m_bindDock}, {left}, Qt::Horizontal);
    resizeDocks({m_monitorDock}, {bottom}, Qt::Vertical);
    const int column = size.height() - bottom;
    resizeDocks({m_bindDock, m_schemaDock}, {column * 55 / 100, column * 45 / 100}, Qt::Vertical);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *addBind = file->addAction(tr("&Add Bind…"));
    connect(addBind, &QAction::triggered, this, &MainWindow::addBindInteractively);
    QAction *importCsv = file->addAction(tr("&Import CSV…"));
    importCsv->setToolTip(tr("Load a CSV file into a new or existing table of the bind"));
    connect(importCsv, &QAction::triggered, this, &MainWindow::importCsv);
    QAction *newTab = file->addAction(tr("New Session &Tab"));
    newTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(newTab, &QAction::triggered, this, [this] { newSessionTab(); });
    QAction *closeTab = file->addAction(tr("&Close Tab"));
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(closeTab, &QAction::triggered, this, [this] {
        if (m_tabs->currentIndex() >= 0)
            m_tabs->closeTab(m_tabs->currentIndex());
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    menuBar()
        ->addMenu(tr("&View"))
        ->addActions({m_bindDock->toggleViewAction(), m_schemaDock->toggleViewAction(),
                      m_monitorDock->toggleViewAction(), m_sessionsDock->toggleViewAction()});

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
    QAction *explain = query->addAction(tr("&Explain"));
    explain->setShortcut(QKeySequence(Qt::Key_F7));
    explain->setShortcutContext(Qt::WidgetShortcut);
    connect(explain, &QAction::triggered, this, [this] {
        if (SessionTab *tab = currentSessionTab())
            tab->explain(false);
    });
    QAction *analyze = query->addAction(tr("Explain A&nalyze"));
    analyze->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    analyze->setShortcutContext(Qt::WidgetShortcut);
    connect(analyze, &QAction::triggered, this, [this] {
        if (SessionTab *tab = currentSessionTab())
            tab->explain(true);
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

Engine *MainWindow::chosenEngine()
{
    Engine *engine = m_binds->selectedEngine();
    if (!engine) {
        if (const SessionTab *tab = currentSessionTab())
            engine = tab->engine();
    }
    if (!engine && !m_workspace->engines().isEmpty())
        engine = m_workspace->engines().constFirst();
    if (!engine)
        statusBar()->showMessage(tr("Add a bind first (File › Add Bind)"), 5000);
    return engine;
}

void MainWindow::importCsv()
{
    Engine *engine = chosenEngine();
    if (!engine)
        return;
    ImportDialog dialog(engine, this);
    connect(&dialog, &ImportDialog::importFinished, this, [this](bool ok, const QString &message) {
        statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 8000);
        if (ok) // a new table, or more rows: the schema panel shows what is there now
            m_schema->refresh();
    });
    dialog.exec();
}

SessionTab *MainWindow::newSessionTab(Engine *engine)
{
    if (!engine)
        engine = chosenEngine();
    return engine ? m_tabs->open(engine) : nullptr;
}

TableTab *MainWindow::browseTable(Engine *engine, const SchemaTable &table)
{
    if (!engine)
        return nullptr;
    return m_tabs->openTable(
        engine, TableShape::of(engine->dialect(), table, engine->bind().options.readOnly));
}

void MainWindow::closeSessionTab(int index)
{
    m_tabs->closeTab(index);
}

QList<SessionTab *> MainWindow::sessionTabs() const
{
    return m_tabs->tabs();
}

SessionTab *MainWindow::currentSessionTab() const
{
    return m_tabs->current();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_commitAll->isRunning()) {
        event->ignore();
        return;
    }
    if (!m_closing)
        askAboutPendingChanges(event);
    if (!m_closing && event->isAccepted())
        askAboutOpenTransactions(event);
    if (!event->isAccepted())
        return;
    closeEverything();
}

void MainWindow::askAboutPendingChanges(QCloseEvent *event)
{
    const QList<TableTab *> pending = m_tabs->withPendingChanges();
    if (pending.isEmpty())
        return;
    QStringList names;
    for (const TableTab *tab : pending)
        names << tab->name();
    QMessageBox box(
        QMessageBox::Question, tr("Changes not applied"),
        tr("%n table tab(s) have changes not applied: %1.", nullptr, int(pending.size()))
            .arg(names.join(QStringLiteral(", "))),
        QMessageBox::NoButton, this);
    box.setInformativeText(tr("Discard them and close, or keep the window open to apply them?"));
    QPushButton *discard = box.addButton(tr("Discard and Close"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != discard)
        event->ignore();
}

void MainWindow::askAboutOpenTransactions(QCloseEvent *event)
{
    // Copied before asking: the dialog's event loop may close tabs.
    const QList<SessionTab *> open = m_tabs->inTransaction();
    if (open.isEmpty())
        return;
    QList<Session *> sessions;
    QStringList names;
    for (SessionTab *tab : open) {
        sessions << tab->session();
        names << tab->name();
    }
    QMessageBox box(QMessageBox::Question, tr("Open transactions"),
                    tr("%n tab(s) have an open transaction.", nullptr, int(open.size())),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Commit them, roll them back, or keep the window open?"));
    QPushButton *commit = box.addButton(tr("Commit All"), QMessageBox::AcceptRole);
    QPushButton *rollback = box.addButton(tr("Roll Back All"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == rollback)
        return;
    event->ignore();
    if (box.clickedButton() != commit)
        return;
    // Tabs the dialog's event loop closed are gone from the list.
    for (int i = int(sessions.size()) - 1; i >= 0; --i) {
        if (!m_tabs->inTransaction().contains(open.at(i))) {
            sessions.removeAt(i);
            names.removeAt(i);
        }
    }
    m_commitAll->start(sessions, names);
}

void MainWindow::afterCommitAll(const QList<CommitAll::Failure> &failures)
{
    if (failures.isEmpty()) {
        m_closing = true;
        QTimer::singleShot(0, this, &QWidget::close);
        return;
    }
    QStringList lines;
    for (const CommitAll::Failure &failure : failures) {
        lines << (failure.error.isEmpty() ? tr("%1: the commit could not start").arg(failure.name)
                                          : tr("%1: %2").arg(failure.name, failure.error));
    }
    // As a tab does: a commit that failed keeps the window, and says why.
    // Not exec(): this runs inside a session's signal.
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Commit failed"),
        tr("%n commit(s) failed; the window stays open.", nullptr, int(lines.size())),
        QMessageBox::Ok, this);
    box->setInformativeText(lines.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(box->text(), 10000);
}

void MainWindow::shutdown()
{
    closeEverything();
}

void MainWindow::closeEverything()
{
    saveLayoutAndTabs();
    m_tabs->closeAll(); // rolls back what is still open
    m_sessions->stop();
    m_schema->stop();
    m_pooler->stop();
}

void MainWindow::saveLayoutAndTabs()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    TabStore(m_settings).save(m_tabs->entries());
}

void MainWindow::restoreBinds()
{
    m_remembered->restore([this](const Bind &bind) {
        // No keychain, or nothing in it: ask, and keep it only in memory.
        bool ok = false;
        const QString secret = QInputDialog::getText(
            this, tr("Password"),
            tr("Password for %1 (%2):").arg(bind.name, bind.url.toDisplayString()),
            QLineEdit::Password, QString(), &ok);
        return ok ? secret : QString();
    });
}

Engine *MainWindow::addRememberedBind(const Bind &bind, bool rememberPassword, QString *error)
{
    return m_remembered->add(bind, rememberPassword, error);
}

QStringList MainWindow::bindNames() const
{
    QStringList names;
    const auto engines = m_workspace->engines();
    for (const Engine *engine : engines)
        names << engine->name();
    return names;
}

void MainWindow::addBindInteractively()
{
    ConnectionDialog dialog(bindNames(), m_workspace->reaper(), this);
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
    // The dialog is a nested event loop: keep the name, not the engine.
    const QString oldName = engine->name();
    ConnectionDialog dialog(bindNames(), m_workspace->reaper(), this);
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
    if (!m_tabs->closeTabsOf(engine))
        return;
    QString error;
    if (!m_remembered->replace(oldName, dialog.bind(), dialog.rememberPassword(), &error))
        QMessageBox::warning(this, tr("Bind"), error);
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
    if (!engine || !m_tabs->closeTabsOf(engine))
        return; // gone meanwhile, or a tab refused to close
    m_remembered->forget(name);
}

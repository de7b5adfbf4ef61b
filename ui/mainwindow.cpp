#include "ui/mainwindow.h"

#include "core/bindtreemodel.h"
#include "core/engine.h"
#include "core/session.h"
#include "core/workspace.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

MainWindow::MainWindow(Workspace *workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_bindModel(new BindTreeModel(workspace, this))
    , m_bindTree(new QTreeView(this))
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("poolscope"));
    resize(1200, 760);

    m_bindTree->setModel(m_bindModel);
    m_bindTree->setUniformRowHeights(true);
    m_bindTree->setAlternatingRowColors(true);
    m_bindTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_bindTree->expandToDepth(1);
    auto *bindDock = new QDockWidget(tr("Binds"), this);
    bindDock->setObjectName(QStringLiteral("binds"));
    bindDock->setWidget(m_bindTree);
    addDockWidget(Qt::LeftDockWidgetArea, bindDock);
    resizeDocks({bindDock}, {420}, Qt::Horizontal);

    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeSessionTab);

    connect(m_bindModel, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &where, int first, int last) {
                if (!where.isValid()) {
                    for (int row = first; row <= last; ++row)
                        m_bindTree->expandRecursively(m_bindModel->index(row, 0));
                }
            });
    connect(m_bindTree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (Engine *engine = m_bindModel->engineAt(index))
            newSessionTab(engine);
    });

    createActions();
    statusBar()->showMessage(tr("Double-click a bind or press Ctrl+T for a new session tab"));
}

MainWindow::~MainWindow()
{
    // Tabs (and their sessions) go before the tree that shows their connections.
    while (m_tabs->count() > 0)
        closeSessionTab(0);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
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
}

Engine *MainWindow::selectedEngine() const
{
    if (Engine *engine = m_bindModel->engineAt(m_bindTree->currentIndex()))
        return engine;
    if (const SessionTab *tab = currentSessionTab())
        return tab->session()->engine();
    const auto engines = m_workspace->engines();
    return engines.isEmpty() ? nullptr : engines.first();
}

SessionTab *MainWindow::newSessionTab(Engine *engine)
{
    if (!engine)
        engine = selectedEngine();
    if (!engine) {
        statusBar()->showMessage(tr("Add a bind first"), 5000);
        return nullptr;
    }
    const QString name = tr("tab %1").arg(++m_tabCounter);
    auto *tab = new SessionTab(engine, name, m_tabs);
    const int index = m_tabs->addTab(tab, QStringLiteral("%1 · %2").arg(engine->name(), name));
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
    return tab;
}

void MainWindow::closeSessionTab(int index)
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
    while (m_tabs->count() > 0)
        closeSessionTab(0);
    event->accept();
}

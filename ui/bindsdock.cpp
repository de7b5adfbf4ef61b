#include "ui/bindsdock.h"

#include "core/models/apptreemodel.h"
#include "core/models/bindtreemodel.h"
#include "core/pool/engine.h"
#include "ui/bindtreedelegate.h"

#include <QHeaderView>
#include <QMenu>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

BindsDock::BindsDock(Workspace *workspace, AppMonitor *apps, QWidget *parent)
    : QWidget(parent)
    , m_model(new BindTreeModel(workspace, this))
    , m_tree(new QTreeView(this))
{
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new BindTreeDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *add = toolbar->addAction(tr("Add…"));
    add->setToolTip(tr("Add a bind: a name for a database URL and its pool options"));
    QAction *edit = toolbar->addAction(tr("Edit…"));
    QAction *remove = toolbar->addAction(tr("Remove"));
    QAction *dispose = toolbar->addAction(tr("Dispose"));
    dispose->setToolTip(tr("Close every pooled connection of the bind (Engine.dispose())"));
    QAction *open = toolbar->addAction(tr("New Tab"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_tree);
    layout->addWidget(m_split);
    if (apps) {
        buildAppsTree(apps);
        m_split->addWidget(m_appsTree);
    }

    connect(add, &QAction::triggered, this, &BindsDock::addBindRequested);
    connect(edit, &QAction::triggered, this, [this] {
        if (Engine *engine = selectedEngine())
            Q_EMIT editBindRequested(engine);
    });
    connect(remove, &QAction::triggered, this, [this] {
        if (Engine *engine = selectedEngine())
            Q_EMIT removeBindRequested(engine);
    });
    connect(dispose, &QAction::triggered, this, [this] {
        if (Engine *engine = selectedEngine())
            engine->dispose();
    });
    connect(open, &QAction::triggered, this, [this] {
        if (Engine *engine = selectedEngine())
            Q_EMIT openTabRequested(engine);
    });
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.parent().isValid())
            return; // double-click on a connection expands it
        if (Engine *engine = m_model->engineAt(index))
            Q_EMIT openTabRequested(engine);
    });
    connect(m_tree, &QWidget::customContextMenuRequested, this, [=](const QPoint &at) {
        if (!selectedEngine())
            return;
        QMenu menu(this);
        menu.addActions({open, edit, dispose, remove});
        menu.exec(m_tree->viewport()->mapToGlobal(at));
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &where, int first, int last) {
                // New binds and their pools open expanded: the connections are the point.
                if (!where.isValid()) {
                    for (int row = first; row <= last; ++row) {
                        const QModelIndex bind = m_model->index(row, 0);
                        m_tree->expand(bind);
                        m_tree->expand(m_model->index(1, 0, bind));
                    }
                }
            });
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex bind = m_model->index(row, 0);
        m_tree->expand(bind);
        m_tree->expand(m_model->index(1, 0, bind));
    }
}

void BindsDock::setPooler(PgBouncerMonitor *monitor)
{
    m_model->setPooler(monitor);
}

void BindsDock::buildAppsTree(AppMonitor *apps)
{
    m_appsModel = new AppTreeModel(apps, this);
    m_appsTree = new QTreeView(this);
    m_appsTree->setObjectName(QStringLiteral("applications"));
    m_appsTree->setModel(m_appsModel);
    m_appsTree->setItemDelegate(new BindTreeDelegate(m_appsTree));
    m_appsTree->setUniformRowHeights(true);
    m_appsTree->setAlternatingRowColors(true);
    m_appsTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_appsTree->header()->setStretchLastSection(true);
    m_appsTree->setVisible(false);
    auto showWhenAny = [this] {
        m_appsTree->setVisible(m_appsModel->rowCount() > 0);
    };
    connect(m_appsModel, &QAbstractItemModel::rowsInserted, this,
            [this, showWhenAny](const QModelIndex &where, int first, int last) {
                showWhenAny();
                for (int row = first; row <= last; ++row)
                    expandApps(m_appsModel->index(row, 0, where));
            });
    connect(m_appsModel, &QAbstractItemModel::rowsRemoved, this, showWhenAny);
}

// Opens a new part of the applications tree down to its connections, the
// point of it; a code row stays one click away (its tooltip has the stack).
void BindsDock::expandApps(const QModelIndex &index)
{
    using Kind = AppTreeModel::NodeKind;
    const auto kind = Kind(index.data(AppTreeModel::NodeKindRole).toInt());
    if (kind == Kind::Connection || kind == Kind::Code || kind == Kind::Collected)
        return;
    m_appsTree->expand(index);
    for (int row = 0; row < m_appsModel->rowCount(index); ++row)
        expandApps(m_appsModel->index(row, 0, index));
}

Engine *BindsDock::selectedEngine() const
{
    return m_model->engineAt(m_tree->currentIndex());
}

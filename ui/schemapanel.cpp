#include "ui/schemapanel.h"

#include "core/models/schemaloader.h"
#include "core/models/schematreemodel.h"
#include "core/pool/engine.h"
#include "core/pool/workspace.h"
#include "ui/bindcombobox.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

SchemaPanel::SchemaPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_bind(new BindComboBox(workspace, this))
    , m_status(new QLabel(this))
    , m_model(new SchemaTreeModel(this))
    , m_tree(new QTreeView(this))
{
    auto *refresh = new QToolButton(this);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Read the schema again (F5 in this panel)"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_status->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->addWidget(m_bind, 1);
    row->addWidget(refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_status);

    connect(workspace, &Workspace::engineRemoved, this,
            [this](const QString &name) { m_schemas.remove(name); });
    connect(m_bind, &BindComboBox::currentIndexChanged, this, &SchemaPanel::onBindChosen);
    connect(refresh, &QToolButton::clicked, this, &SchemaPanel::refresh);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const SchemaTable *table = m_model->tableAt(index)) {
            if (m_model->kindOf(index) != SchemaTreeModel::NodeKind::Table &&
                m_model->kindOf(index) != SchemaTreeModel::NodeKind::View)
                return;
            if (Engine *engine = m_workspace->engine(m_bind->currentText()))
                Q_EMIT browseRequested(engine, *table);
        }
    });
    if (m_bind->count() > 0)
        onBindChosen();
}

void SchemaPanel::stop()
{
    delete m_loader;
}

bool SchemaPanel::isLoading() const
{
    return m_loader && m_loader->isLoading();
}

void SchemaPanel::showBind(const QString &name)
{
    const int index = m_bind->findText(name);
    if (index >= 0 && index != m_bind->currentIndex())
        m_bind->setCurrentIndex(index);
    else if (index >= 0 && !m_schemas.contains(name) && !isLoading())
        refresh();
}

void SchemaPanel::onBindChosen()
{
    const QString name = m_bind->currentText();
    if (m_schemas.contains(name)) {
        m_model->setSchema(m_schemas.value(name));
        m_tree->expandToDepth(1);
        return;
    }
    refresh();
}

void SchemaPanel::refresh()
{
    Engine *engine = m_workspace->engine(m_bind->currentText());
    delete m_loader; // a read of another bind stops; its connection goes back
    if (!engine) {
        m_model->setSchema(Schema());
        return;
    }
    m_loader = new SchemaLoader(engine, this);
    m_status->setText(tr("Reading the schema of %1…").arg(engine->name()));
    const QString name = engine->name();
    connect(m_loader, &SchemaLoader::loaded, this, [this, name](const Schema &schema) {
        // The completion words first, so that the editors prepare them on
        // their thread while this one builds the tree; the tree in a turn of
        // its own (over 10,000 tables each takes tens of milliseconds, and
        // together they held the window still for a tenth of a second).
        Q_EMIT schemaLoaded(name, schema);
        QMetaObject::invokeMethod(
            this,
            [this, name, schema] {
                m_schemas.insert(name, schema);
                if (m_bind->currentText() == name) {
                    m_model->setSchema(schema);
                    m_tree->expandToDepth(1);
                }
                m_status->setText(
                    tr("%n table(s) and view(s)", nullptr, int(schema.tables.size())));
            },
            Qt::QueuedConnection);
    });
    connect(m_loader, &SchemaLoader::failed, this, [this](const QString &error) {
        m_status->setText(error == QLatin1String("Cancelled")
                              ? QString()
                              : tr("Cannot read the schema: %1").arg(error));
    });
    m_loader->load();
}

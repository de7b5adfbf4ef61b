#include "ui/bindcombobox.h"

#include "core/pool/engine.h"
#include "core/pool/workspace.h"

BindComboBox::BindComboBox(Workspace *workspace, QWidget *parent)
    : QComboBox(parent)
{
    const auto engines = workspace->engines();
    for (const Engine *engine : engines)
        addBind(engine);
    connect(workspace, &Workspace::engineAdded, this, &BindComboBox::addBind);
    connect(workspace, &Workspace::engineRemoved, this, &BindComboBox::removeBind);
}

void BindComboBox::addBind(const Engine *engine)
{
    addItem(engine->name());
}

void BindComboBox::removeBind(const QString &name)
{
    const int index = findText(name);
    if (index >= 0)
        removeItem(index);
}

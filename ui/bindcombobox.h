#pragma once

#include <QComboBox>

class Engine;
class Workspace;

// A chooser of the workspace's binds that stays in step with it: a bind added
// joins the list, one removed leaves it, and the choice stays where it is
// unless its own bind went. Panels listen to currentIndexChanged as for any
// combo box.
class BindComboBox final : public QComboBox
{
    Q_OBJECT

public:
    explicit BindComboBox(Workspace *workspace, QWidget *parent = nullptr);

private:
    void addBind(const Engine *engine);
    void removeBind(const QString &name);
};

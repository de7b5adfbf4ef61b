#pragma once

#include "core/schema/schema.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class BindComboBox;
class Engine;
class QLabel;
class QTreeView;
class SchemaLoader;
class SchemaTreeModel;
class Workspace;

// The schema of one bind as a tree (tables, views, columns, indexes, foreign
// keys), read on a worker when the bind is chosen or on Refresh (F5).
// Double-clicking a table asks for a tab that browses it.
class SchemaPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SchemaPanel(Workspace *workspace, QWidget *parent = nullptr);

    void showBind(const QString &name);
    void refresh();
    // Stops a read in progress; its connection goes back and closes.
    void stop();
    QTreeView *tree() const { return m_tree; }
    SchemaTreeModel *model() const { return m_model; }
    bool isLoading() const;
    // The last schema read for a bind (empty when none yet).
    Schema schemaOf(const QString &bind) const { return m_schemas.value(bind); }

Q_SIGNALS:
    void browseRequested(Engine *engine, const SchemaTable &table);
    // A bind's schema was read: its table and column names, for completion.
    void schemaLoaded(const QString &bind, const Schema &schema);

private:
    void onBindChosen();

    Workspace *m_workspace;
    BindComboBox *m_bind;
    QLabel *m_status;
    SchemaTreeModel *m_model;
    QTreeView *m_tree;
    QPointer<SchemaLoader> m_loader;
    QHash<QString, Schema> m_schemas;
};

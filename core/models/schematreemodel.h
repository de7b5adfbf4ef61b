#pragma once

#include "core/schema/schema.h"

#include <QAbstractItemModel>

#include <vector>

// A Schema as a tree for the schema browser:
//   public                     schema (PostgreSQL), database (MySQL), main (SQLite)
//     Tables (4)
//       customers
//         Columns (6)          id · integer · NOT NULL · PK
//         Indexes (3)          customers_email_key · UNIQUE (email)
//         Foreign keys (0)
//     Views (1)
//       order_totals
//         Columns (5)
// Column 0 is the name, column 1 a one-line summary; tooltips carry the full
// definitions. setSchema() resets the model.
class SchemaTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // int(NodeKind)
        SchemaNameRole,                  // the namespace, on every node
        TableNameRole,                   // on a table or view and everything under it
        ObjectNameRole,                  // the column, index or foreign key name
    };
    enum class NodeKind {
        Schema,
        TablesGroup,
        ViewsGroup,
        Table,
        View,
        ColumnsGroup,
        IndexesGroup,
        ForeignKeysGroup,
        Column,
        Index,
        ForeignKey,
    };
    Q_ENUM(NodeKind)

    explicit SchemaTreeModel(QObject *parent = nullptr);

    void setSchema(const Schema &schema);
    const Schema &schema() const { return m_schema; }

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    NodeKind kindOf(const QModelIndex &index) const;
    // The table or view of a table node or of anything under it, else nullptr.
    const SchemaTable *tableAt(const QModelIndex &index) const;
    // The node of a table or view, invalid when there is none.
    QModelIndex indexOfTable(const QString &schemaName, const QString &tableName) const;

private:
    struct Node
    {
        NodeKind kind = NodeKind::Schema;
        int parent = -1; // node number, -1 at the top
        int row = 0;     // position under the parent
        int table = -1;  // into m_schema.tables
        int item = -1;   // column, index or foreign key number in the table
        int schema = 0;  // into m_schemaNames (a string per node took a third of the tree)
        std::vector<int> children;
    };

    int addNode(const Node &node);
    void build();
    void addTableNode(int groupNode, int table);
    const Node *nodeOf(const QModelIndex &index) const;
    QString nameText(const Node &node) const;
    QString summaryText(const Node &node) const;
    QString toolTip(const Node &node) const;

    Schema m_schema;
    std::vector<Node> m_nodes;
    std::vector<int> m_top;    // schema nodes
    QStringList m_schemaNames; // the schema nodes' names, in order
};

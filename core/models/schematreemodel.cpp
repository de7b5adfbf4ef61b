#include "core/models/schematreemodel.h"

#include "core/schema/schematext.h"

#include <QHash>

SchemaTreeModel::SchemaTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void SchemaTreeModel::setSchema(const Schema &schema)
{
    beginResetModel();
    m_schema = schema;
    build();
    endResetModel();
}

int SchemaTreeModel::addNode(const Node &node)
{
    const int id = int(m_nodes.size());
    m_nodes.push_back(node);
    std::vector<int> &siblings = node.parent < 0 ? m_top : m_nodes[node.parent].children;
    m_nodes[id].row = int(siblings.size());
    siblings.push_back(id);
    return id;
}

void SchemaTreeModel::build()
{
    m_nodes.clear();
    m_top.clear();
    m_schemaNames.clear();
    // Counted first: growing the vector node by node moved every node (and its
    // children) about twenty times over a catalog of 10,000 tables.
    size_t nodes = 3 * size_t(m_schema.schemaNames.size());
    for (const SchemaTable &table : std::as_const(m_schema.tables)) {
        nodes += 2 + size_t(table.columns.size());
        if (!table.isView())
            nodes += 2 + size_t(table.indexes.size() + table.foreignKeys.size());
    }
    m_nodes.reserve(nodes);
    QStringList names = m_schema.schemaNames;
    for (const SchemaTable &table : std::as_const(m_schema.tables)) {
        if (!names.contains(table.schema))
            names << table.schema;
    }
    m_schemaNames = names;
    QHash<QString, std::pair<int, int>> groups; // schema -> tables group, views group
    for (int number = 0; number < names.size(); ++number) {
        const QString &name = names.at(number);
        Node schemaNode;
        schemaNode.kind = NodeKind::Schema;
        schemaNode.schema = number;
        const int schemaId = addNode(schemaNode);
        Node group;
        group.parent = schemaId;
        group.schema = number;
        group.kind = NodeKind::TablesGroup;
        const int tablesGroup = addNode(group);
        group.kind = NodeKind::ViewsGroup;
        groups.insert(name, {tablesGroup, addNode(group)});
    }
    for (int t = 0; t < m_schema.tables.size(); ++t) {
        const auto group = groups.value(m_schema.tables.at(t).schema);
        addTableNode(m_schema.tables.at(t).isView() ? group.second : group.first, t);
    }
}

void SchemaTreeModel::addTableNode(int groupNode, int table)
{
    const SchemaTable &source = m_schema.tables.at(table);
    Node node;
    node.kind = source.isView() ? NodeKind::View : NodeKind::Table;
    node.parent = groupNode;
    node.table = table;
    node.schema = m_nodes[groupNode].schema;
    const int tableId = addNode(node);

    const auto addGroup = [&](NodeKind groupKind, NodeKind itemKind, int count) {
        Node group = node;
        group.kind = groupKind;
        group.parent = tableId;
        const int groupId = addNode(group);
        for (int i = 0; i < count; ++i) {
            Node item = node;
            item.kind = itemKind;
            item.parent = groupId;
            item.item = i;
            addNode(item);
        }
    };
    addGroup(NodeKind::ColumnsGroup, NodeKind::Column, int(source.columns.size()));
    if (source.isView())
        return;
    addGroup(NodeKind::IndexesGroup, NodeKind::Index, int(source.indexes.size()));
    addGroup(NodeKind::ForeignKeysGroup, NodeKind::ForeignKey, int(source.foreignKeys.size()));
}

const SchemaTreeModel::Node *SchemaTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() >= m_nodes.size())
        return nullptr;
    return &m_nodes[index.internalId()];
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount(parent))
        return QModelIndex();
    const std::vector<int> *siblings = &m_top;
    if (parent.isValid()) {
        const Node *node = nodeOf(parent);
        if (!node || parent.column() != 0)
            return QModelIndex();
        siblings = &node->children;
    }
    if (row >= int(siblings->size()))
        return QModelIndex();
    return createIndex(row, column, quintptr(siblings->at(row)));
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    if (!node || node->parent < 0)
        return QModelIndex();
    return createIndex(m_nodes[node->parent].row, 0, quintptr(node->parent));
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.column() != 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int SchemaTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 2;
}

SchemaTreeModel::NodeKind SchemaTreeModel::kindOf(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->kind : NodeKind::Schema;
}

const SchemaTable *SchemaTreeModel::tableAt(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node && node->table >= 0 ? &m_schema.tables.at(node->table) : nullptr;
}

QModelIndex SchemaTreeModel::indexOfTable(const QString &schemaName, const QString &tableName) const
{
    for (int id = 0; id < int(m_nodes.size()); ++id) {
        const Node &node = m_nodes[id];
        if ((node.kind == NodeKind::Table || node.kind == NodeKind::View) &&
            m_schemaNames.at(node.schema) == schemaName &&
            m_schema.tables.at(node.table).name == tableName)
            return createIndex(node.row, 0, quintptr(id));
    }
    return QModelIndex();
}

QString SchemaTreeModel::nameText(const Node &node) const
{
    const int count = int(node.children.size());
    switch (node.kind) {
    case NodeKind::Schema:
        return m_schemaNames.at(node.schema);
    case NodeKind::TablesGroup:
        return tr("Tables (%1)").arg(count);
    case NodeKind::ViewsGroup:
        return tr("Views (%1)").arg(count);
    case NodeKind::Table:
    case NodeKind::View:
        return m_schema.tables.at(node.table).name;
    case NodeKind::ColumnsGroup:
        return tr("Columns (%1)").arg(count);
    case NodeKind::IndexesGroup:
        return tr("Indexes (%1)").arg(count);
    case NodeKind::ForeignKeysGroup:
        return tr("Foreign keys (%1)").arg(count);
    case NodeKind::Column:
        return m_schema.tables.at(node.table).columns.at(node.item).name;
    case NodeKind::Index:
        return m_schema.tables.at(node.table).indexes.at(node.item).name;
    case NodeKind::ForeignKey: {
        // SQLite keeps no constraint names: name it after what it points at.
        const SchemaForeignKey &key = m_schema.tables.at(node.table).foreignKeys.at(node.item);
        return key.name.isEmpty() ? QStringLiteral("→ ") + key.referencedTable : key.name;
    }
    }
    return QString();
}

QString SchemaTreeModel::summaryText(const Node &node) const
{
    switch (node.kind) {
    case NodeKind::Schema: {
        const int tables = int(m_nodes[node.children.at(0)].children.size());
        const int views = int(m_nodes[node.children.at(1)].children.size());
        return (tables == 1 ? tr("1 table") : tr("%1 tables").arg(tables)) + QStringLiteral(", ") +
               (views == 1 ? tr("1 view") : tr("%1 views").arg(views));
    }
    case NodeKind::Table:
    case NodeKind::View: {
        const auto columns = m_schema.tables.at(node.table).columns.size();
        return columns == 1 ? tr("1 column") : tr("%1 columns").arg(columns);
    }
    case NodeKind::Column:
        return schematext::columnSummary(m_schema.tables.at(node.table).columns.at(node.item));
    case NodeKind::Index:
        return schematext::indexSummary(m_schema.tables.at(node.table).indexes.at(node.item));
    case NodeKind::ForeignKey: {
        const SchemaTable &table = m_schema.tables.at(node.table);
        return schematext::foreignKeySummary(table.foreignKeys.at(node.item), table.schema);
    }
    default:
        return QString();
    }
}

QString SchemaTreeModel::toolTip(const Node &node) const
{
    const Dialect dialect = m_schema.dialect;
    switch (node.kind) {
    case NodeKind::Schema:
        return tr("%1 %2").arg(dialects::displayName(dialect), m_schemaNames.at(node.schema));
    case NodeKind::Table:
    case NodeKind::View:
        return schematext::tableDefinition(dialect, m_schema.tables.at(node.table));
    case NodeKind::Column: {
        const SchemaTable &table = m_schema.tables.at(node.table);
        const SchemaColumn &column = table.columns.at(node.item);
        QString text = schematext::columnDefinition(dialect, column);
        if (column.isPrimaryKey())
            text += QLatin1Char('\n') + tr("Primary key column %1 of %2")
                                            .arg(column.primaryKeyPosition)
                                            .arg(table.primaryKey().size());
        return text;
    }
    case NodeKind::Index: {
        const SchemaTable &table = m_schema.tables.at(node.table);
        return schematext::indexDefinition(dialect, table, table.indexes.at(node.item));
    }
    case NodeKind::ForeignKey: {
        const SchemaTable &table = m_schema.tables.at(node.table);
        return schematext::foreignKeyDefinition(dialect, table, table.foreignKeys.at(node.item));
    }
    default:
        return QString();
    }
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? nameText(*node) : summaryText(*node);
    case Qt::ToolTipRole: {
        const QString text = toolTip(*node);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    case NodeKindRole:
        return int(node->kind);
    case SchemaNameRole:
        return m_schemaNames.at(node->schema);
    case TableNameRole:
        return node->table >= 0 ? QVariant(m_schema.tables.at(node->table).name) : QVariant();
    case ObjectNameRole:
        if (node->kind == NodeKind::Column || node->kind == NodeKind::Index)
            return nameText(*node);
        if (node->kind == NodeKind::ForeignKey)
            return m_schema.tables.at(node->table).foreignKeys.at(node->item).name;
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    if (section == 0)
        return tr("Name");
    return section == 1 ? QVariant(tr("Definition")) : QVariant();
}

QHash<int, QByteArray> SchemaTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(NodeKindRole, "nodeKind");
    names.insert(SchemaNameRole, "schemaName");
    names.insert(TableNameRole, "tableName");
    names.insert(ObjectNameRole, "objectName");
    return names;
}

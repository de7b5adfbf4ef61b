#include "core/plan/sqliteplanreader.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <functional>

namespace {

PlanNode nodeOf(const QString &detail)
{
    // "SCAN items", "SEARCH items USING INDEX idx (k=?)", "SCAN i USING COVERING INDEX …"
    static const QRegularExpression step(
        QStringLiteral("^(SCAN|SEARCH)\\s+(?:TABLE\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*(.*)$"));
    PlanNode node;
    const QRegularExpressionMatch match = step.match(detail);
    if (match.hasMatch()) {
        node.operation = match.captured(1);
        node.relation = match.captured(2);
        if (!match.captured(3).isEmpty())
            node.relation += QLatin1Char(' ') + match.captured(3);
        node.detail = match.captured(4);
        node.fullScan = node.operation == QLatin1String("SCAN") &&
                        !node.detail.contains(QLatin1String("INDEX")) &&
                        !node.detail.contains(QLatin1String("PRIMARY KEY"));
    } else {
        node.operation = detail;
    }
    node.properties << qMakePair(QStringLiteral("detail"), detail);
    return node;
}

} // namespace

bool SqlitePlanReader::read(const QList<Row> &rows, QueryPlan &plan)
{
    QStringList lines;
    for (const Row &row : rows)
        lines << QStringLiteral("%1|%2|%3").arg(row.id).arg(row.parent).arg(row.detail);
    plan.serverText = lines.join(QLatin1Char('\n'));
    if (rows.isEmpty()) {
        plan.error =
            QCoreApplication::translate("QueryPlan", "SQLite gave no plan for this statement.");
        return false;
    }
    plan.root = PlanNode();
    plan.root.operation = QStringLiteral("QUERY PLAN");
    // Rows come parents first; a child names its parent's id (0 for the top).
    QHash<int, QList<int>> childrenOf;
    for (int i = 0; i < rows.size(); ++i)
        childrenOf[rows.at(i).parent] << i;
    QSet<int> ids;
    for (const Row &row : rows)
        ids.insert(row.id);
    std::function<void(PlanNode &, int, int)> attach = [&](PlanNode &parent, int id, int depth) {
        if (depth > rows.size())
            return; // a cycle would mean the rows are not a tree
        for (int index : childrenOf.value(id)) {
            PlanNode node = nodeOf(rows.at(index).detail);
            if (rows.at(index).id != id)
                attach(node, rows.at(index).id, depth + 1);
            parent.children.push_back(std::move(node));
        }
    };
    attach(plan.root, 0, 0);
    // Rows whose parent is missing still show, at the top.
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i).parent != 0 && !ids.contains(rows.at(i).parent))
            plan.root.children.push_back(nodeOf(rows.at(i).detail));
    }
    return true;
}

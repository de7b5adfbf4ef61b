#include "core/plan/postgresplanreader.h"

#include "core/plan/planjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using planjson::number;
using planjson::text;

// The line a reader of the plan looks at first: the condition or key of the step.
QString detailOf(const QJsonObject &object)
{
    static const char *const keys[] = {"Index Cond", "Hash Cond",    "Merge Cond",   "Join Filter",
                                       "Filter",     "Recheck Cond", "Sort Key",     "Group Key",
                                       "Index Name", "CTE Name",     "Function Name"};
    QStringList parts;
    for (const char *key : keys) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isUndefined())
            parts << QStringLiteral("%1: %2").arg(QLatin1String(key), text(value));
    }
    return parts.join(QStringLiteral("; "));
}

PlanNode readNode(const QJsonObject &object)
{
    PlanNode node;
    node.operation = object.value(QLatin1String("Node Type")).toString();
    const QString operation = object.value(QLatin1String("Operation")).toString();
    if (node.operation == QLatin1String("ModifyTable") && !operation.isEmpty())
        node.operation = operation; // Insert, Update, Delete, Merge
    node.relation = object.value(QLatin1String("Relation Name")).toString();
    const QString alias = object.value(QLatin1String("Alias")).toString();
    if (!alias.isEmpty() && alias != node.relation)
        node.relation = node.relation.isEmpty() ? alias : node.relation + QLatin1Char(' ') + alias;
    node.detail = detailOf(object);
    node.estimatedRows = number(object, "Plan Rows");
    node.actualRows = number(object, "Actual Rows");
    node.loops = number(object, "Actual Loops");
    if (const auto perLoop = number(object, "Actual Total Time"))
        node.totalMs = *perLoop * node.loops.value_or(1);
    node.cost = number(object, "Total Cost");
    node.fullScan = node.operation == QLatin1String("Seq Scan") ||
                    node.operation == QLatin1String("Parallel Seq Scan");
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != QLatin1String("Plans"))
            node.properties << qMakePair(it.key(), text(it.value()));
    }
    for (const QJsonValue &child : object.value(QLatin1String("Plans")).toArray())
        node.children.push_back(readNode(child.toObject()));
    return node;
}

} // namespace

bool PostgresPlanReader::read(const QString &json, QueryPlan &plan)
{
    plan.serverText = json;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    const QJsonObject top =
        document.isArray() ? document.array().at(0).toObject() : document.object();
    const QJsonObject root = top.value(QLatin1String("Plan")).toObject();
    if (parseError.error != QJsonParseError::NoError || root.isEmpty()) {
        plan.error =
            QCoreApplication::translate("QueryPlan", "The server's plan could not be read: %1")
                .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : QStringLiteral("no \"Plan\""));
        return false;
    }
    plan.root = readNode(root);
    plan.planningMs = number(top, "Planning Time");
    plan.executionMs = number(top, "Execution Time");
    for (const QJsonValue &trigger : top.value(QLatin1String("Triggers")).toArray()) {
        const QJsonObject object = trigger.toObject();
        plan.notes << QCoreApplication::translate("QueryPlan",
                                                  "Trigger %1 on %2: %3 call(s), %4 ms")
                          .arg(object.value(QLatin1String("Trigger Name")).toString(),
                               object.value(QLatin1String("Relation")).toString())
                          .arg(object.value(QLatin1String("Calls")).toDouble())
                          .arg(object.value(QLatin1String("Time")).toDouble());
    }
    return true;
}

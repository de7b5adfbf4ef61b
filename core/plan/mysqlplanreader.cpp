#include "core/plan/mysqlplanreader.h"

#include "core/plan/planjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using planjson::number;
using planjson::text;

// An object that only holds values (no objects, no lists of objects) describes
// its parent; "table" is a step even when it is a leaf.
bool holdsObjects(const QJsonArray &array)
{
    for (const QJsonValue &item : array) {
        if (item.isObject())
            return true;
    }
    return false;
}

bool isStep(const QString &key, const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    if (key == QLatin1String("table") || key == QLatin1String("query_block"))
        return true;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isObject() || (it.value().isArray() && holdsObjects(it.value().toArray())))
            return true;
    }
    return false;
}

void readStep(const QString &key, const QJsonObject &object, PlanNode &node);

// Adds the steps found in object's members to parent's children, and its plain
// values to parent's properties.
void readMembers(const QJsonObject &object, PlanNode &parent)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue &value = it.value();
        if (isStep(key, value)) {
            PlanNode child;
            readStep(key, value.toObject(), child);
            parent.children.push_back(std::move(child));
        } else if (value.isArray() && holdsObjects(value.toArray())) {
            // nested_loop, query_specifications, subqueries: each item holds steps.
            for (const QJsonValue &item : value.toArray())
                readMembers(item.toObject(), parent);
        } else if (value.isObject()) {
            const QJsonObject values = value.toObject();
            for (auto v = values.begin(); v != values.end(); ++v)
                parent.properties << qMakePair(key + QLatin1Char('.') + v.key(), text(v.value()));
        } else {
            parent.properties << qMakePair(key, text(value));
        }
    }
}

void readStep(const QString &key, const QJsonObject &object, PlanNode &node)
{
    node.operation = key;
    const QString access = object.value(QLatin1String("access_type")).toString();
    if (key == QLatin1String("table") && !access.isEmpty())
        node.operation = access; // ALL, ref, eq_ref, range, index, …
    else if (key == QLatin1String("table") && object.contains(QLatin1String("message")))
        node.operation = object.value(QLatin1String("message")).toString();
    node.relation = object.value(QLatin1String("table_name")).toString();
    QStringList details;
    for (const char *name :
         {"attached_condition", "key", "sort_key", "index_condition", "having_condition"}) {
        const QJsonValue value = object.value(QLatin1String(name));
        if (!value.isUndefined())
            details << QStringLiteral("%1: %2").arg(QLatin1String(name), text(value));
    }
    node.detail = details.join(QStringLiteral("; "));
    node.estimatedRows = number(object, "rows");
    if (!node.estimatedRows)
        node.estimatedRows = number(object, "rows_examined_per_scan"); // MySQL
    node.actualRows = number(object, "r_rows");
    if (!node.actualRows)
        node.actualRows = number(object, "r_output_rows");
    node.loops = number(object, "r_loops");
    const auto tableMs = number(object, "r_table_time_ms");
    const auto otherMs = number(object, "r_other_time_ms");
    if (tableMs || otherMs)
        node.totalMs = tableMs.value_or(0) + otherMs.value_or(0);
    else
        node.totalMs = number(object, "r_total_time_ms");
    // <union1,2>, <derived2>, <subquery2>: the server's own temporary tables.
    node.fullScan = (access == QLatin1String("ALL") || access == QLatin1String("hash_ALL")) &&
                    !node.relation.startsWith(QLatin1Char('<'));
    readMembers(object, node);
}

} // namespace

bool MysqlPlanReader::read(const QString &json, QueryPlan &plan)
{
    plan.serverText = json;
    QJsonParseError parseError;
    const QJsonObject top = QJsonDocument::fromJson(json.toUtf8(), &parseError).object();
    const QJsonObject block = top.value(QLatin1String("query_block")).toObject();
    if (parseError.error != QJsonParseError::NoError || block.isEmpty()) {
        plan.error =
            QCoreApplication::translate("QueryPlan", "The server's plan could not be read: %1")
                .arg(parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("no \"query_block\""));
        return false;
    }
    readStep(QStringLiteral("query_block"), block, plan.root);
    const QJsonObject optimization = top.value(QLatin1String("query_optimization")).toObject();
    plan.planningMs = number(optimization, "r_total_time_ms");
    if (plan.root.totalMs)
        plan.executionMs = plan.root.totalMs;
    return true;
}

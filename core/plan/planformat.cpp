#include "core/plan/planformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString number(const std::optional<double> &value, int decimals = 0)
{
    if (!value)
        return QString();
    if (decimals == 0 && *value != qRound64(*value))
        decimals = 2;
    return QString::number(*value, 'f', decimals);
}

QJsonValue jsonNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject jsonNode(const PlanNode &node)
{
    QJsonObject properties;
    for (const auto &property : node.properties)
        properties.insert(property.first, property.second);
    QJsonArray children;
    for (const PlanNode &child : node.children)
        children.append(jsonNode(child));
    return QJsonObject{
        {QStringLiteral("operation"), node.operation},
        {QStringLiteral("relation"), node.relation},
        {QStringLiteral("detail"), node.detail},
        {QStringLiteral("estimated_rows"), jsonNumber(node.estimatedRows)},
        {QStringLiteral("actual_rows"), jsonNumber(node.actualRows)},
        {QStringLiteral("loops"), jsonNumber(node.loops)},
        {QStringLiteral("total_ms"), jsonNumber(node.totalMs)},
        {QStringLiteral("self_ms"), jsonNumber(node.selfMs)},
        {QStringLiteral("cost"), jsonNumber(node.cost)},
        {QStringLiteral("self_cost"), jsonNumber(node.selfCost)},
        {QStringLiteral("full_scan"), node.fullScan},
        {QStringLiteral("hottest"), node.hottest},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("children"), children},
    };
}

} // namespace

QString PlanFormat::text(const QueryPlan &plan)
{
    const QStringList header = {PlanFormat::tr("step"),     PlanFormat::tr("table"),
                                PlanFormat::tr("est rows"), PlanFormat::tr("actual rows"),
                                PlanFormat::tr("loops"),    PlanFormat::tr("self ms"),
                                PlanFormat::tr("detail")};
    QList<QStringList> lines;
    for (const auto &[node, depth] : plan.flatten()) {
        QString step = QString(depth * 2, QLatin1Char(' ')) + node->operation;
        if (node->hottest)
            step += QStringLiteral(" *");
        QString detail = node->detail;
        if (node->fullScan)
            detail = (PlanFormat::tr("full scan") + QStringLiteral("; ") + detail).trimmed();
        if (detail.endsWith(QLatin1Char(';')))
            detail.chop(1);
        lines << QStringList{step,
                             node->relation,
                             number(node->estimatedRows),
                             number(node->actualRows),
                             number(node->loops),
                             number(node->selfMs, 3),
                             detail};
    }
    // Columns without a single value (no ANALYZE, SQLite) are left out.
    QList<int> columns;
    for (int column = 0; column < header.size(); ++column) {
        bool any = column < 2;
        for (const QStringList &line : lines)
            any = any || !line.at(column).isEmpty();
        if (any)
            columns << column;
    }
    QList<int> widths;
    for (int column : columns) {
        int width = int(header.at(column).size());
        for (const QStringList &line : lines)
            width = qMax(width, int(line.at(column).size()));
        widths << width;
    }
    auto render = [&](const QStringList &line) {
        QStringList cells;
        for (int i = 0; i < columns.size(); ++i) {
            const int column = columns.at(i);
            const bool numeric = column >= 2 && column <= 5;
            cells << (column == header.size() - 1 ? line.at(column)
                      : numeric                   ? line.at(column).rightJustified(widths.at(i))
                                                  : line.at(column).leftJustified(widths.at(i)));
        }
        QString joined = cells.join(QStringLiteral("  "));
        while (joined.endsWith(QLatin1Char(' ')))
            joined.chop(1);
        return joined + QLatin1Char('\n');
    };
    QString out = render(header);
    for (const QStringList &line : lines)
        out += render(line);
    for (const auto &[node, depth] : plan.flatten()) {
        if (node->hottest) {
            out += QLatin1Char('\n') +
                   (plan.analyzed ? PlanFormat::tr("* took the most time of its own")
                                  : PlanFormat::tr("* has the highest estimated cost of its own")) +
                   QLatin1Char('\n');
        }
    }
    if (plan.planningMs)
        out +=
            PlanFormat::tr("Planning: %1 ms").arg(number(plan.planningMs, 3)) + QLatin1Char('\n');
    if (plan.executionMs)
        out +=
            PlanFormat::tr("Execution: %1 ms").arg(number(plan.executionMs, 3)) + QLatin1Char('\n');
    for (const QString &note : plan.notes)
        out += note + QLatin1Char('\n');
    return out;
}

QByteArray PlanFormat::json(const QueryPlan &plan)
{
    QJsonArray notes;
    for (const QString &note : plan.notes)
        notes.append(note);
    QJsonParseError error;
    const QJsonDocument server = QJsonDocument::fromJson(plan.serverText.toUtf8(), &error);
    QJsonValue serverPlan = plan.serverText;
    if (error.error == QJsonParseError::NoError)
        serverPlan = server.isArray() ? QJsonValue(server.array()) : QJsonValue(server.object());
    const QJsonObject object{
        {QStringLiteral("dialect"), dialects::name(plan.dialect)},
        {QStringLiteral("sql"), plan.sql},
        {QStringLiteral("analyzed"), plan.analyzed},
        {QStringLiteral("rolled_back"), plan.rolledBack},
        {QStringLiteral("planning_ms"), jsonNumber(plan.planningMs)},
        {QStringLiteral("execution_ms"), jsonNumber(plan.executionMs)},
        {QStringLiteral("notes"), notes},
        {QStringLiteral("plan"), jsonNode(plan.root)},
        {QStringLiteral("server_plan"), serverPlan},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

#include "core/plan/queryplan.h"

#include <functional>

namespace {

// Returns the time (and cost) the subtree accounts for. A step's number is
// meant to include the steps below it, but MariaDB's filesort can read less
// than the table it sorts, so a step accounts for at least its children.
std::pair<double, double> computeSelf(PlanNode &node)
{
    double childMs = 0;
    double childCost = 0;
    for (PlanNode &child : node.children) {
        const auto [ms, cost] = computeSelf(child);
        childMs += ms;
        childCost += cost;
    }
    if (node.totalMs)
        node.selfMs = qMax(0.0, *node.totalMs - childMs);
    if (node.cost)
        node.selfCost = qMax(0.0, *node.cost - childCost);
    return {qMax(node.totalMs.value_or(0), childMs), qMax(node.cost.value_or(0), childCost)};
}

void visit(PlanNode &node, const std::function<void(PlanNode &)> &function)
{
    function(node);
    for (PlanNode &child : node.children)
        visit(child, function);
}

} // namespace

void QueryPlan::finish()
{
    computeSelf(root);
    int timed = 0;
    int costed = 0;
    visit(root, [&](PlanNode &node) {
        node.hottest = false;
        timed += node.selfMs ? 1 : 0;
        costed += node.selfCost ? 1 : 0;
    });
    const bool byTime = timed >= 2;
    if (!byTime && costed < 2)
        return;
    PlanNode *hottest = nullptr;
    visit(root, [&](PlanNode &node) {
        const std::optional<double> &value = byTime ? node.selfMs : node.selfCost;
        const std::optional<double> &best =
            hottest ? (byTime ? hottest->selfMs : hottest->selfCost) : std::nullopt;
        if (value && (!best || *value > *best))
            hottest = &node;
    });
    if (hottest)
        hottest->hottest = true;
}

QList<QPair<const PlanNode *, int>> QueryPlan::flatten() const
{
    QList<QPair<const PlanNode *, int>> out;
    std::function<void(const PlanNode &, int)> walk = [&](const PlanNode &node, int depth) {
        out << qMakePair(&node, depth);
        for (const PlanNode &child : node.children)
            walk(child, depth + 1);
    };
    if (!root.operation.isEmpty())
        walk(root, 0);
    return out;
}

#include "core/plan/explaintask.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/nativetransaction.h"
#include "core/driver/rowsink.h"
#include "core/driver/textrowsink.h"
#include "core/plan/mysqlplanreader.h"
#include "core/plan/postgresplanreader.h"
#include "core/plan/sqliteplanreader.h"
#include "core/sql/sqlsplitter.h"
#include "core/sql/statementkind.h"

#include <QElapsedTimer>

namespace {

QString explainPrefix(Dialect dialect, bool analyze)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return analyze ? QStringLiteral("EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) ")
                       : QStringLiteral("EXPLAIN (FORMAT JSON) ");
    case Dialect::MySQL:
        return analyze ? QStringLiteral("ANALYZE FORMAT=JSON ")
                       : QStringLiteral("EXPLAIN FORMAT=JSON ");
    case Dialect::SQLite:
        break;
    }
    return QStringLiteral("EXPLAIN QUERY PLAN ");
}

void takeError(const StatementResult &result, int prefixLength, QueryPlan &plan)
{
    plan.error = result.cancelled || result.ok ? QStringLiteral("Cancelled") : result.error;
    if (result.errorPosition >= prefixLength)
        plan.errorPosition = result.errorPosition - prefixLength;
}

// The server's answer: PostgreSQL and MariaDB give one row with the JSON,
// SQLite a row per step.
bool readPlan(const TextRowSink &rows, QueryPlan &plan)
{
    if (plan.dialect == Dialect::SQLite) {
        QList<SqlitePlanReader::Row> steps;
        for (int i = 0; i < rows.rowCount(); ++i)
            steps << SqlitePlanReader::Row{rows.text(i, 0).toInt(), rows.text(i, 1).toInt(),
                                           rows.text(i, 3)};
        return SqlitePlanReader::read(steps, plan);
    }
    const QString json = rows.rowCount() > 0 ? rows.text(0, 0) : QString();
    return plan.dialect == Dialect::PostgreSQL ? PostgresPlanReader::read(json, plan)
                                               : MysqlPlanReader::read(json, plan);
}

// Runs sql once on SQLite, counting its rows, for the whole statement's numbers.
void measureSqlite(NativeConnection &native, const QString &sql, QueryPlan &plan)
{
    struct Counter final : RowSink
    {
        bool begin(const Columns &) override { return true; }
        bool row(const CellView *) override
        {
            ++rows;
            return true;
        }
        qint64 rows = 0;
    } counter;
    StatementResult result;
    QElapsedTimer clock;
    clock.start();
    native.execute(sql.toUtf8(), counter, result);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (!result.ok) {
        takeError(result, 0, plan);
        return;
    }
    plan.root.totalMs = ms;
    plan.root.loops = 1;
    plan.root.actualRows =
        double(result.returnedRows ? counter.rows : qMax<qint64>(0, result.rowsAffected));
    plan.executionMs = ms;
    plan.notes << ExplainTask::tr(
        "SQLite measures only the whole statement: its rows and time are on the "
        "first line.");
}

} // namespace

QueryPlan ExplainTask::run(WorkerContext &context, const QString &sql, bool analyze)
{
    QueryPlan plan;
    plan.dialect = context.dialect();
    plan.analyzed = analyze;
    NativeConnection &native = context.native();
    const QList<SqlSplitter::Statement> statements = SqlSplitter(plan.dialect).split(sql);
    plan.sql = statements.isEmpty() ? QString() : statements.first().text.trimmed();
    if (plan.sql.isEmpty()) {
        plan.error = ExplainTask::tr("There is no statement to explain.");
        return plan;
    }
    // EXPLAIN covers the first statement only: a second one would simply run.
    if (statements.size() > 1) {
        plan.error = ExplainTask::tr("Explain takes one statement: select just one, or put the "
                                     "cursor on it.");
        return plan;
    }
    if (StatementKind::firstKeyword(plan.sql, plan.dialect) == QLatin1String("EXPLAIN")) {
        plan.error = ExplainTask::tr(
            "The statement is an EXPLAIN already: explain the statement inside it.");
        return plan;
    }
    if (analyze && plan.dialect == Dialect::MySQL &&
        !native.serverVersion().contains(QLatin1String("MariaDB"), Qt::CaseInsensitive)) {
        plan.error =
            ExplainTask::tr("MySQL gives the plan of an executed statement only as text (EXPLAIN "
                            "ANALYZE); run that in the editor, or use Explain.");
        return plan;
    }
    const QString prefix = explainPrefix(plan.dialect, analyze);
    std::optional<NativeTransaction> transaction;
    if (analyze) {
        transaction.emplace(native, plan.dialect, QByteArrayLiteral("poolscope_explain"));
        if (!transaction->begun().ok) {
            plan.error = transaction->begun().error;
            return plan;
        }
        plan.rolledBack = StatementKind::mayWrite(plan.sql, plan.dialect);
    }
    TextRowSink rows;
    StatementResult result;
    native.execute((prefix + plan.sql).toUtf8(), rows, result);
    if (!result.ok || context.isCancelled()) // MariaDB's SLEEP() ends early, without an error
        takeError(result, int(prefix.size()), plan);
    else if (readPlan(rows, plan) && analyze && plan.dialect == Dialect::SQLite)
        measureSqlite(native, plan.sql, plan);
    if (transaction && !result.connectionLost) {
        const StatementResult rolledBack = transaction->rollback();
        plan.notes << rolledBack.notices;
        if (!rolledBack.ok)
            plan.notes << ExplainTask::tr("Rolling back failed: %1").arg(rolledBack.error);
        if (plan.rolledBack && plan.error.isEmpty())
            plan.notes.prepend(
                transaction->isSavepoint()
                    ? ExplainTask::tr("The statement may write, so it ran inside a savepoint "
                                      "of the open transaction and was rolled back to it.")
                    : ExplainTask::tr("The statement may write, so it ran inside a "
                                      "transaction that was rolled back."));
    }
    plan.finish();
    return plan;
}

WorkerTask ExplainTask::task(const QString &sql, bool analyze)
{
    return [sql, analyze](WorkerContext &context) {
        return QVariant::fromValue(run(context, sql, analyze));
    };
}

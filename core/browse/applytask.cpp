#include "core/browse/applytask.h"

#include "core/driver/nativeconnection.h"
#include "core/driver/nativetransaction.h"

namespace {

QString rolledBack(const QString &what)
{
    return ApplyTask::tr("%1 Nothing was applied: the transaction was rolled back.").arg(what);
}

} // namespace

ApplyResult ApplyTask::run(WorkerContext &context, const QVector<BoundStatement> &statements,
                           const QVector<int> &rows)
{
    ApplyResult result;
    result.statements = int(statements.size());
    NativeConnection &native = context.native();
    NativeTransaction transaction(native, context.dialect(), "poolscope_apply");
    if (!transaction.begun().ok) {
        result.error = tr("The transaction could not start: %1").arg(transaction.begun().error);
        return result;
    }
    for (int i = 0; i < statements.size(); ++i) {
        const int row = rows.value(i, -1);
        if (context.isCancelled()) {
            transaction.rollback();
            result.cancelled = true;
            result.error = rolledBack(tr("Cancelled."));
            return result;
        }
        const BoundStatement &statement = statements.at(i);
        const StatementResult done = native.run(statement.sql.toUtf8(), statement.params);
        if (!done.ok || done.rowsAffected != 1) {
            transaction.rollback();
            result.failedStatement = i;
            result.failedRow = row;
            result.cancelled = done.cancelled;
            result.conflict = done.ok && done.rowsAffected == 0;
            if (result.conflict)
                result.error = rolledBack(tr("Row %1 was changed or deleted since it was read: "
                                             "its statement found no row.")
                                              .arg(row + 1));
            else if (done.ok)
                result.error = rolledBack(tr("Row %1's statement touched %n row(s), not one.",
                                             nullptr, int(done.rowsAffected))
                                              .arg(row + 1));
            else
                result.error = rolledBack(tr("Row %1: %2").arg(row + 1).arg(done.error));
            return result;
        }
        context.reportProgress(i + 1);
    }
    const StatementResult committed = transaction.commit();
    if (!committed.ok) {
        result.error = rolledBack(tr("The commit failed: %1").arg(committed.error));
        return result;
    }
    result.ok = true;
    return result;
}

WorkerTask ApplyTask::task(const QVector<BoundStatement> &statements, const QVector<int> &rows)
{
    return [statements, rows](WorkerContext &context) {
        return QVariant::fromValue(run(context, statements, rows));
    };
}

#include "core/connection/workercontext.h"

#include "core/connection/runningstatement.h"

WorkerContext::WorkerContext(QSqlDatabase &database, NativeConnection &native, Dialect dialect,
                             const RunningStatement &running, std::function<void(qint64)> progress)
    : m_database(database)
    , m_native(native)
    , m_dialect(dialect)
    , m_running(running)
    , m_progress(std::move(progress))
{
}

bool WorkerContext::isCancelled() const
{
    return m_running.isCancelled();
}

void WorkerContext::reportProgress(qint64 done) const
{
    if (m_progress)
        m_progress(done);
}

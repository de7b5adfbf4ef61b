#pragma once

#include "core/sql/dialect.h"

#include <QVariant>

#include <functional>

class NativeConnection;
class QSqlDatabase;
class RunningStatement;

// What a task sees when it runs on a connection's worker thread: the Qt SQL
// connection (schema, small queries), the native one (streams), whether the
// owner cancelled it, and a way to report progress.
class WorkerContext final
{
public:
    WorkerContext(QSqlDatabase &database, NativeConnection &native, Dialect dialect,
                  const RunningStatement &running, std::function<void(qint64)> progress);

    QSqlDatabase &database() const { return m_database; }
    NativeConnection &native() const { return m_native; }
    Dialect dialect() const { return m_dialect; }
    bool isCancelled() const;
    // Tells the owner how far the task got (rows written, objects read).
    void reportProgress(qint64 done) const;

private:
    QSqlDatabase &m_database;
    NativeConnection &m_native;
    Dialect m_dialect;
    const RunningStatement &m_running;
    std::function<void(qint64)> m_progress;
};

// Work to run on a connection's worker thread; the returned value travels back
// to the owner's thread. A task is cancelled like a statement.
using WorkerTask = std::function<QVariant(WorkerContext &context)>;

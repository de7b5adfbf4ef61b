#pragma once

#include "core/driver/statementresult.h"
#include "core/sql/dialect.h"

#include <QByteArray>

class NativeConnection;

// A transaction a worker task opens for its own work (an import, an Explain
// Analyze, a preview): BEGIN, or a savepoint when the session already has a
// transaction open, so that ending it never ends the session's own. Rolling
// back is tried twice: a cancel that reached the server late may stop the
// first try. Used on the connection's worker thread only.
class NativeTransaction final
{
public:
    // savepoint names the savepoint used inside an open transaction.
    NativeTransaction(NativeConnection &native, Dialect dialect, const QByteArray &savepoint);

    // How BEGIN (or SAVEPOINT) went.
    const StatementResult &begun() const { return m_begun; }
    bool isSavepoint() const { return m_savepoint; }
    // COMMIT, or RELEASE SAVEPOINT; what failed to commit is rolled back.
    StatementResult commit();
    // ROLLBACK, or ROLLBACK TO SAVEPOINT and RELEASE SAVEPOINT.
    StatementResult rollback();

private:
    NativeConnection &m_native;
    QByteArray m_name;
    bool m_savepoint;
    StatementResult m_begun;
};

#include "core/driver/nativetransaction.h"

#include "core/driver/nativeconnection.h"

NativeTransaction::NativeTransaction(NativeConnection &native, Dialect dialect,
                                     const QByteArray &savepoint)
    : m_native(native)
    , m_name(savepoint)
    , m_savepoint(native.transactionState() == TransactionState::InTransaction)
{
    m_begun = m_native.run(m_savepoint ? "SAVEPOINT " + m_name
                                       : dialects::beginStatement(dialect).toUtf8());
}

StatementResult NativeTransaction::commit()
{
    const StatementResult committed =
        m_native.run(m_savepoint ? "RELEASE SAVEPOINT " + m_name : QByteArrayLiteral("COMMIT"));
    if (!committed.ok && !committed.connectionLost)
        rollback();
    return committed;
}

StatementResult NativeTransaction::rollback()
{
    const QByteArray statement =
        m_savepoint ? "ROLLBACK TO SAVEPOINT " + m_name : QByteArrayLiteral("ROLLBACK");
    StatementResult result = m_native.run(statement);
    if (!result.ok && !result.connectionLost)
        result = m_native.run(statement);
    if (result.ok && m_savepoint)
        m_native.run("RELEASE SAVEPOINT " + m_name);
    return result;
}

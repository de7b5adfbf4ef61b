#include "core/pool/statementqueue.h"

#include "core/pool/session.h"

StatementQueue::StatementQueue(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(session, &Session::finished, this, &StatementQueue::onFinished);
}

bool StatementQueue::start(const QStringList &statements)
{
    if (isRunning() || !m_session || m_session->isBusy() || statements.isEmpty())
        return false;
    m_statements = statements;
    m_index = -1;
    m_cancelled = false;
    next();
    return true;
}

void StatementQueue::cancel()
{
    if (!isRunning())
        return;
    m_cancelled = true;
    if (m_session)
        m_session->cancel();
}

void StatementQueue::next()
{
    ++m_index;
    if (m_index >= m_statements.size()) {
        m_index = -1;
        Q_EMIT done(true, -1);
        return;
    }
    Q_EMIT statementStarted(m_index, m_statements.at(m_index));
    if (!m_session->execute(m_statements.at(m_index))) {
        const int failed = m_index;
        m_index = -1;
        Q_EMIT done(false, failed);
    }
}

void StatementQueue::onFinished(const StatementResult &result)
{
    if (!isRunning())
        return;
    Q_EMIT statementFinished(m_index, result);
    if (!result.ok || m_cancelled) {
        const int stopped = m_index;
        m_index = -1;
        Q_EMIT done(false, stopped);
        return;
    }
    next();
}

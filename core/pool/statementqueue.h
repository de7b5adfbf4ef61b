#pragma once

#include "core/driver/statementresult.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class Session;

// Runs several statements one after another on one session ("run all"),
// stopping at the first error or at cancel().
class StatementQueue final : public QObject
{
    Q_OBJECT

public:
    explicit StatementQueue(Session *session, QObject *parent = nullptr);

    // False while a previous run goes on or the session is busy.
    bool start(const QStringList &statements);
    void cancel();
    bool isRunning() const { return m_index >= 0; }
    int count() const { return int(m_statements.size()); }

Q_SIGNALS:
    void statementStarted(int index, const QString &sql);
    void statementFinished(int index, const StatementResult &result);
    // ok: every statement succeeded; otherwise the index that failed or was cancelled.
    void done(bool ok, int stoppedAt);

private:
    void next();
    void onFinished(const StatementResult &result);

    QPointer<Session> m_session;
    QStringList m_statements;
    int m_index = -1;
    bool m_cancelled = false;
};

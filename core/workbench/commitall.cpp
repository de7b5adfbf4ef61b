#include "core/workbench/commitall.h"

#include "core/driver/statementresult.h"
#include "core/pool/session.h"

#include <QTimer>

#include <memory>

CommitAll::CommitAll(QObject *parent)
    : QObject(parent)
{
}

bool CommitAll::start(const QList<Session *> &sessions, const QStringList &names)
{
    if (m_pending > 0)
        return false;
    m_failures.clear();
    m_pending = int(sessions.size()) + 1; // + 1 until every commit is sent
    for (int i = 0; i < sessions.size(); ++i) {
        Session *session = sessions.at(i);
        const QString name = names.value(i);
        // Exactly one of answered, closed or "could not start" counts.
        auto done = std::make_shared<bool>(false);
        auto settle = [this, name, done](const QString &error, bool failed) {
            if (*done)
                return;
            *done = true;
            if (failed)
                m_failures.append({name, error});
            finishOne();
        };
        connect(session, &Session::finished, this,
                [settle](const StatementResult &result) { settle(result.error, !result.ok); });
        connect(session, &QObject::destroyed, this,
                [settle] { settle(tr("closed before its commit answered"), true); });
        if (!session->commit())
            settle(QString(), true);
    }
    // Not from inside start(): the caller is still setting up.
    QTimer::singleShot(0, this, &CommitAll::finishOne);
    return true;
}

void CommitAll::finishOne()
{
    if (--m_pending == 0)
        Q_EMIT finished(m_failures);
}

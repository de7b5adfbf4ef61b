#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class Session;

// "Commit All" when the window closes: commits every open transaction at
// once and reports, when the last one answered, which failed and why. A
// session closed meanwhile counts as failed, so the report always comes.
class CommitAll final : public QObject
{
    Q_OBJECT

public:
    struct Failure
    {
        QString name;  // the tab's name
        QString error; // empty: the commit could not even start
    };

    explicit CommitAll(QObject *parent = nullptr);

    // names[i] names sessions[i] in the failures; false while commits run.
    bool start(const QList<Session *> &sessions, const QStringList &names);
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    // Queued after start() when nothing could start, so callers see one order.
    void finished(const QList<CommitAll::Failure> &failures);

private:
    void finishOne();

    int m_pending = 0;
    QList<Failure> m_failures;
};

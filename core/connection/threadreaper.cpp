#include "core/connection/threadreaper.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

#include <algorithm>

Q_LOGGING_CATEGORY(lcReaper, "poolscope.reaper")

ThreadReaper::ThreadReaper(QObject *parent)
    : QObject(parent)
{
}

ThreadReaper::~ThreadReaper()
{
    finishAll(QDeadlineTimer(kQuitDeadlineMs));
}

void ThreadReaper::adopt(QThread *thread)
{
    m_threads.push_back(thread);
    // finished is emitted on the thread itself, just before it ends; QThread's
    // destructor waits for that last step.
    // A guard, not the pointer: finishAll() may delete the thread before a
    // queued finished arrives, and a new thread may reuse its address.
    connect(thread, &QThread::finished, this, [this, guard = QPointer<QThread>(thread)] {
        if (guard)
            reap(guard);
    });
    if (thread->isFinished())
        reap(thread);
}

void ThreadReaper::run(const QString &name, std::function<void()> job, QObject *context,
                       std::function<void()> done)
{
    QThread *thread = QThread::create(std::move(job));
    thread->setObjectName(name);
    // Connected before it starts, so a job quicker than this call is still seen.
    if (context && done)
        connect(thread, &QThread::finished, context, std::move(done));
    adopt(thread);
    thread->start();
}

void ThreadReaper::reap(QThread *thread)
{
    const auto it = std::find(m_threads.begin(), m_threads.end(), thread);
    if (it == m_threads.end())
        return;
    m_threads.erase(it);
    delete thread;
}

int ThreadReaper::finishAll(QDeadlineTimer deadline)
{
    const std::vector<QThread *> threads = m_threads;
    int left = 0;
    for (QThread *thread : threads) {
        if (thread->wait(deadline)) {
            reap(thread);
        } else {
            ++left;
            qCWarning(lcReaper) << "thread" << thread->objectName()
                                << "still runs at quit; leaving it behind";
        }
    }
    if (left > 0) {
        // Deleting a running QThread aborts: each deletes itself if it ever
        // finishes while an event loop still runs (in tests, always).
        for (QThread *thread : m_threads) {
            disconnect(thread, nullptr, this, nullptr);
            connect(thread, &QThread::finished, thread, &QObject::deleteLater);
            if (thread->isFinished())
                thread->deleteLater();
        }
        m_threads.clear();
    }
    return left;
}

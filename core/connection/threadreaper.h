#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QThread;

// Owns the threads that must still finish after whoever started them has gone:
// a connection's worker closing on a server that does not answer, a cancel on
// its way to one, a scan of /proc. Nothing on the GUI thread waits for them:
// each thread is deleted once it reports finished. Only at quit does
// finishAll() join what is left, with a deadline; a thread that misses it is
// left behind (the process is ending, and the kernel closes its sockets).
//
// Lives on the thread that owns the connections (the GUI thread); adopt() and
// run() are called there.
class ThreadReaper final : public QObject
{
    Q_OBJECT

public:
    // How long the destructor gives the threads still running.
    static constexpr int kQuitDeadlineMs = 3000;

    explicit ThreadReaper(QObject *parent = nullptr);
    // finishAll(kQuitDeadlineMs).
    ~ThreadReaper() override;

    // Takes a started thread; it is deleted when it finishes.
    void adopt(QThread *thread);
    // Runs job on a thread of its own, so one that hangs (a cancel to a server
    // that accepts and never answers) holds up nothing else. done, if given,
    // runs afterwards on context's thread, unless context is gone by then.
    void run(const QString &name, std::function<void()> job, QObject *context = nullptr,
             std::function<void()> done = {});
    // The nice value (Linux) the worker threads of connections made from now
    // on take when they start; 0, the default, leaves them as they are. A
    // window raises it, so that when rows, the database server and the
    // window all want the two cores of a laptop, the window's thread gets
    // one first and the rows wait, not the person.
    void setWorkerNice(int nice) { m_workerNice = nice; }
    int workerNice() const { return m_workerNice; }
    // Threads adopted and not yet deleted.
    int count() const { return int(m_threads.size()); }
    // Waits for every thread until deadline; the number still running after
    // it, which are then left behind.
    int finishAll(QDeadlineTimer deadline);

private:
    void reap(QThread *thread);

    std::vector<QThread *> m_threads;
    int m_workerNice = 0;
};

#pragma once

#include <QDeadlineTimer>
#include <QMutex>

#include <condition_variable>
#include <memory>
#include <mutex>

// Stops the statement that one connection is running, from any thread.
// PostgreSQL and MySQL interrupters talk to the server (PQcancel, KILL QUERY
// on a side connection), so call interrupt() off the GUI thread.
//
// An interrupt only reaches the statement it was meant for: the worker arms
// the interrupter with the statement's request number when it starts and
// disarms it when it ends, disarming waits for an interrupt in flight, and an
// interrupt names the statement it is for. So a late cancel, even one that
// waited in a queue while the next statement started, can never stop that next
// statement, and a statement is interrupted at most once.
//
// A server can take the cancel and still not answer (stopped, or the network
// went away): severIfStuck() then shuts the connection's socket down, which
// ends the worker's wait; the server sees the connection go when it can.
class Interrupter
{
public:
    // socket: the connection's, for severIfStuck(); -1 for none.
    explicit Interrupter(int socket = -1)
        : m_socket(socket)
    {
    }
    virtual ~Interrupter() = default;

    void arm(quint64 statement);
    void disarm();
    // Interrupts statement if it is still the one running.
    void interrupt(quint64 statement);
    // Interrupts whatever runs; only for the worker thread itself, which
    // knows what runs.
    void interruptRunning();
    // Before the connection closes: interrupts do nothing after this.
    void detach();
    // Waits until statement has ended or grace has passed, whichever comes
    // first; in the second case shuts the socket down. Only for a connection
    // that is closing: it is unusable afterwards.
    void severIfStuck(quint64 statement, QDeadlineTimer grace);

protected:
    virtual void doInterrupt() = 0;
    virtual void onDetach() {}

private:
    void interruptLocked();

    QMutex m_mutex;         // held while an interrupt travels
    quint64 m_armedFor = 0; // 0: nothing to interrupt
    bool m_detached = false;

    // What runs, apart from m_mutex: a hung interrupt holds that one. The
    // standard types, not QWaitCondition: ThreadSanitizer sees the mutex
    // released during the wait only when the wait is instrumented too.
    std::mutex m_stateMutex;
    std::condition_variable m_stateChanged;
    quint64 m_current = 0;
    bool m_closed = false;
    const int m_socket;
};

// A cancel on its way to one statement: empty when there is nothing to stop.
class PendingInterrupt
{
public:
    PendingInterrupt() = default;
    PendingInterrupt(std::shared_ptr<Interrupter> interrupter, quint64 statement)
        : m_interrupter(std::move(interrupter))
        , m_statement(statement)
    {
    }

    explicit operator bool() const { return m_interrupter != nullptr; }
    void send() const
    {
        if (m_interrupter)
            m_interrupter->interrupt(m_statement);
    }
    void severIfStuck(QDeadlineTimer grace) const
    {
        if (m_interrupter)
            m_interrupter->severIfStuck(m_statement, grace);
    }

private:
    std::shared_ptr<Interrupter> m_interrupter;
    quint64 m_statement = 0;
};

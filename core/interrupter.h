#pragma once

#include <QMutex>

#include <memory>

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
class Interrupter
{
public:
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

protected:
    virtual void doInterrupt() = 0;
    virtual void onDetach() {}

private:
    void interruptLocked();

    QMutex m_mutex;
    quint64 m_armedFor = 0; // 0: nothing to interrupt
    bool m_detached = false;
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

private:
    std::shared_ptr<Interrupter> m_interrupter;
    quint64 m_statement = 0;
};

#pragma once

#include <QMutex>

// Stops the statement that one connection is running, from any thread.
// PostgreSQL and MySQL interrupters talk to the server (PQcancel, KILL QUERY
// on a side connection), so call interrupt() off the GUI thread.
//
// An interrupt only reaches the statement it was meant for: the worker arms
// the interrupter when a statement starts and disarms it when it ends, and
// disarming waits for an interrupt in flight. So a late cancel can never stop
// the next statement, and a statement is interrupted at most once.
class Interrupter
{
public:
    virtual ~Interrupter() = default;

    void arm();
    void disarm();
    void interrupt();
    // Before the connection closes: interrupt() does nothing after this.
    void detach();

protected:
    virtual void doInterrupt() = 0;
    virtual void onDetach() {}

private:
    QMutex m_mutex;
    bool m_armed = false;
    bool m_detached = false;
};

#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <functional>

namespace bench {

// Runs the event loop until done() or timeoutMs; false on the timeout.
// processEvents(flags, maxtime) never sleeps (it drops WaitForMoreEvents): a
// loop of it keeps a core busy, the one the worker and the server need, and
// the stalls measured grow with it. It blocks here, and a coarse timer wakes it
// to look at done() and the clock.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer wake;
    wake.start(5);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

} // namespace bench

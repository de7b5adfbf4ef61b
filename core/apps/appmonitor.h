#pragma once

#include "core/apps/appprocess.h"

#include <QList>
#include <QObject>
#include <QString>

class ProbeWatcher;
class QThread;
class ThreadReaper;

// The probed applications as the window and `poolscope apps` see them: a
// ProbeWatcher on a thread of its own reads the probes' sockets, and this
// object, on its owner's thread, keeps the latest picture. Destroying it never
// waits: the watcher's thread goes to the reaper.
class AppMonitor final : public QObject
{
    Q_OBJECT

public:
    // One application: the processes that run the same program with the same
    // arguments in the same folder (gunicorn's workers, say).
    struct App
    {
        QString program;
        QStringList argv;
        QString cwd;
        QList<AppProcess> processes;
        QString title() const; // "gunicorn -w 2 app:app"
    };

    // A probe sends its state as soon as it is connected to; this is how long
    // a reader that must answer now (the command line) gives a slow one, a
    // busy worker say.
    static constexpr int kGreetingWaitMs = 3000;

    // reaper, when given, must outlive this monitor (the workspace's); folder
    // defaults to ProbeWatcher::defaultFolder().
    explicit AppMonitor(ThreadReaper *reaper, const QString &folder = QString(),
                        QObject *parent = nullptr);
    ~AppMonitor() override;

    QList<AppProcess> processes() const { return m_processes; }
    QList<App> apps() const;
    // Every process that sent its hello and first snapshot.
    bool allGreeted() const;
    // Set once the watcher published at least once.
    bool hasScanned() const { return m_scanned; }

    static QList<App> group(const QList<AppProcess> &processes);

Q_SIGNALS:
    void changed();
    void refused(qint64 pid, uint uid);

private:
    ThreadReaper *m_reaper;
    QThread *m_thread;
    ProbeWatcher *m_watcher;
    QList<AppProcess> m_processes;
    bool m_scanned = false;
};

#include "core/apps/appmonitor.h"

#include "core/apps/probewatcher.h"
#include "core/connection/threadreaper.h"

#include <QThread>

#include <algorithm>

QString AppMonitor::App::title() const
{
    // The processes of one app share their command line.
    return processes.isEmpty() ? program : processes.first().hello.title();
}

AppMonitor::AppMonitor(ThreadReaper *reaper, const QString &folder, QObject *parent)
    : QObject(parent)
    , m_reaper(reaper)
    , m_thread(new QThread)
    , m_watcher(new ProbeWatcher(folder.isEmpty() ? ProbeWatcher::defaultFolder() : folder))
{
    m_thread->setObjectName(QStringLiteral("poolscope probes"));
    m_watcher->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(m_watcher, &ProbeWatcher::updated, this, [this](const QList<AppProcess> &processes) {
        m_processes = processes;
        m_scanned = true;
        Q_EMIT changed();
    });
    connect(m_watcher, &ProbeWatcher::refused, this, &AppMonitor::refused);
    m_thread->start();
    QMetaObject::invokeMethod(m_watcher, &ProbeWatcher::start, Qt::QueuedConnection);
}

AppMonitor::~AppMonitor()
{
    disconnect(m_watcher, nullptr, this, nullptr);
    m_thread->quit();
    if (m_reaper) {
        m_reaper->adopt(m_thread);
    } else {
        // Without a reaper (tests): the watcher only ever does non-blocking
        // reads, so its loop ends at once.
        m_thread->wait();
        delete m_thread;
    }
}

bool AppMonitor::allGreeted() const
{
    return std::all_of(m_processes.begin(), m_processes.end(),
                       [](const AppProcess &process) { return process.greeted; });
}

QList<AppMonitor::App> AppMonitor::apps() const
{
    return group(m_processes);
}

QList<AppMonitor::App> AppMonitor::group(const QList<AppProcess> &processes)
{
    QList<App> apps;
    for (const AppProcess &process : processes) {
        const ProbeMessage::Hello &hello = process.hello;
        auto same = std::find_if(apps.begin(), apps.end(), [&](const App &app) {
            return app.program == hello.program && app.argv == hello.argv && app.cwd == hello.cwd;
        });
        if (same == apps.end()) {
            apps.append({hello.program, hello.argv, hello.cwd, {}});
            same = apps.end() - 1;
        }
        same->processes.append(process);
    }
    return apps;
}

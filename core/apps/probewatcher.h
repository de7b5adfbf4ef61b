#pragma once

#include "core/apps/appprocess.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

class QSocketNotifier;

// Finds probed processes by their sockets in the probe folder (docs/probe.md,
// "Transport"), connects to each, and reads their JSON lines into AppProcess
// states. Lives on a thread of its own: every socket is non-blocking and a
// busy application may send thousands of events a second, so the owner gets
// the states at most every kPublishEveryMs, never one signal per event.
class ProbeWatcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kScanEveryMs = 500;
    static constexpr int kPublishEveryMs = 250;

    explicit ProbeWatcher(const QString &folder, QObject *parent = nullptr);
    ~ProbeWatcher() override;

    // $POOLSCOPE_PROBE_DIR, else $XDG_RUNTIME_DIR/poolscope/probes, else
    // /tmp/poolscope-<uid>/probes.
    static QString defaultFolder();
    // Only processes of this user are read; tests set another to see refusal.
    void setTrustedUid(uint uid) { m_trustedUid = uid; }

    // Call on the watcher's thread (a queued call): scans now and then
    // every kScanEveryMs.
    void start();

Q_SIGNALS:
    // Every process read so far, greeted or not; sorted by pid.
    void updated(const QList<AppProcess> &processes);
    // A socket whose process belongs to another user (counted, never read).
    void refused(qint64 pid, uint uid);

private:
    struct Link
    {
        int fd = -1;
        std::unique_ptr<QSocketNotifier> notifier;
        QByteArray buffer;
        bool skippingLongLine = false;
        AppProcess process;
    };

    void scan();
    void connectTo(qint64 pid, const QString &path);
    void readFrom(qint64 pid);
    void takeLines(Link &link);
    void drop(qint64 pid);
    void publishSoon();
    void publish();

    QString m_folder;
    uint m_trustedUid;
    QHash<qint64, Link *> m_links;
    QTimer m_scanTimer;
    QTimer m_publishTimer;
};

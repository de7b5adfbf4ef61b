#pragma once

#include <QMutex>
#include <QSettings>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <vector>

// Writes into a settings file on a thread of its own. A QSettings sync
// rewrites the whole file and waits for the disk twice (fdatasync of the file
// and of its folder): 5–40 ms that a statement's end spent on the GUI thread
// when its history was saved there. Each write has a key; a newer write of a
// key replaces one not yet done, so a burst of statements costs one sync.
//
// The thread has a QSettings of its own on the same file (QSettings is
// reentrant, not thread-safe: one object per thread); Qt keeps one cache per
// file for all of them, so the owner's QSettings reads what is written here.
// What was put is on disk once flush() returns; the destructor flushes, which
// is the only wait, at quit.
class SettingsWriter final
{
public:
    using Write = std::function<void(QSettings &settings)>;

    // Writes into the file of `like`, in its format.
    explicit SettingsWriter(const QSettings &like);
    ~SettingsWriter();
    SettingsWriter(const SettingsWriter &) = delete;
    SettingsWriter &operator=(const SettingsWriter &) = delete;

    // `write` runs later on the writer's thread: it must hold copies, never
    // pointers into objects of the caller's thread.
    void put(const QString &key, Write write);
    // Waits until everything put so far is written and synced.
    void flush();

private:
    struct Job
    {
        QString key;
        Write write;
    };

    void drain();

    const QString m_fileName;
    const QSettings::Format m_format;
    QMutex m_mutex;
    std::vector<Job> m_pending; // in the order their keys were first put
    bool m_draining = false;
    QThreadPool m_thread;
};

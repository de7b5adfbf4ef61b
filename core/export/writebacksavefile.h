#pragma once

#include <QSaveFile>

#include <condition_variable>
#include <mutex>
#include <thread>

// An export's temporary file that hands what it has written to the disk as it
// goes. QSaveFile's commit() syncs the file before it renames it, so that a
// crash never leaves a renamed file without its bytes. Left to the end, that
// sync waited for the whole file's data and for the journal to record where
// all of it went (0.1–0.2 s for 160 MB, even with the writeback started early).
// A thread of its own syncs every few megabytes while the export goes on, so
// commit's sync waits only for the tail.
class WritebackSaveFile final : public QSaveFile
{
public:
    explicit WritebackSaveFile(const QString &name);
    ~WritebackSaveFile() override;
    WritebackSaveFile(const WritebackSaveFile &) = delete;
    WritebackSaveFile &operator=(const WritebackSaveFile &) = delete;

    // Waits for the syncing thread; call before commit() or cancelWriting(),
    // which close the file it syncs. False when one of its syncs failed: the
    // kernel reports a lost write to one sync only, so commit's own sync could
    // succeed over it. errorString() then says why.
    bool finishWriteback();

protected:
    qint64 writeData(const char *data, qint64 len) override;

private:
    void syncLoop(int fd);
    void requestSync();

    static constexpr qint64 kSyncBytes = 8 << 20;

    qint64 m_written = 0;   // bytes in the file
    qint64 m_requested = 0; // bytes in the file when the last sync was asked for

    std::thread m_syncer;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_syncWanted = false; // guarded by m_mutex
    bool m_stop = false;       // guarded by m_mutex
    int m_syncErrno = 0;       // guarded by m_mutex
};

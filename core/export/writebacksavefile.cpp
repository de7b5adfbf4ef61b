#include "core/export/writebacksavefile.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

WritebackSaveFile::WritebackSaveFile(const QString &name)
    : QSaveFile(name)
{
}

WritebackSaveFile::~WritebackSaveFile()
{
    finishWriteback();
}

bool WritebackSaveFile::finishWriteback()
{
    if (m_syncer.joinable()) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_syncer.join();
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_syncErrno == 0)
        return true;
    setErrorString(QString::fromLocal8Bit(std::strerror(m_syncErrno)));
    return false;
}

qint64 WritebackSaveFile::writeData(const char *data, qint64 len)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_syncErrno != 0) {
            // The file already lost bytes; writing on only delays the error.
            setErrorString(QString::fromLocal8Bit(std::strerror(m_syncErrno)));
            return -1;
        }
    }
    const qint64 written = QSaveFile::writeData(data, len);
    if (written <= 0)
        return written;
    m_written += written;
    if (m_written - m_requested >= kSyncBytes) {
        m_requested = m_written;
        requestSync();
    }
    return written;
}

void WritebackSaveFile::requestSync()
{
    if (!m_syncer.joinable()) {
        const int fd = handle();
        if (fd < 0)
            return;
        // Started at the first few megabytes: small exports never make a thread.
        m_syncer = std::thread([this, fd] { syncLoop(fd); });
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_syncWanted = true; // a sync still running when asked again runs once more
    }
    m_wake.notify_one();
}

void WritebackSaveFile::syncLoop(int fd)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_syncWanted || m_stop; });
        if (m_stop)
            return; // commit's own sync takes what is left
        m_syncWanted = false;
        lock.unlock();
        const int result = ::fdatasync(fd);
        const int error = result == 0 ? 0 : errno;
        lock.lock();
        if (error != 0 && m_syncErrno == 0)
            m_syncErrno = error;
    }
}

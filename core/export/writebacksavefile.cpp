#include "core/export/writebacksavefile.h"

#include <fcntl.h>

WritebackSaveFile::WritebackSaveFile(const QString &name)
    : QSaveFile(name)
{
}

qint64 WritebackSaveFile::writeData(const char *data, qint64 len)
{
    const qint64 written = QSaveFile::writeData(data, len);
    if (written <= 0)
        return written;
    m_written += written;
#ifdef SYNC_FILE_RANGE_WRITE
    // Starts the writeback without waiting for it; errors show at commit's sync.
    const int fd = handle();
    if (fd >= 0 && m_written - m_submitted >= kWritebackBytes) {
        ::sync_file_range(fd, m_submitted, m_written - m_submitted, SYNC_FILE_RANGE_WRITE);
        m_submitted = m_written;
    }
#endif
    return written;
}

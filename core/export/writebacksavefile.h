#pragma once

#include <QSaveFile>

// An export's temporary file that hands what it has written to the disk as it
// goes. QSaveFile's commit() syncs the file before it renames it, so that a
// crash never leaves a renamed file without its bytes; left to the end, that
// sync waited for the whole file (0.1–0.2 s for 160 MB). Started every few
// megabytes, the disk writes while the export still reads, and the last sync
// waits only for the tail.
class WritebackSaveFile final : public QSaveFile
{
public:
    explicit WritebackSaveFile(const QString &name);

protected:
    qint64 writeData(const char *data, qint64 len) override;

private:
    static constexpr qint64 kWritebackBytes = 8 << 20;

    qint64 m_written = 0;   // bytes in the file
    qint64 m_submitted = 0; // bytes whose writeback has started
};

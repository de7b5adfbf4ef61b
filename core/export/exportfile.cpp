#include "core/export/exportfile.h"

#include "core/export/exportwriter.h"
#include "core/export/writebacksavefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>
#include <unistd.h>

ExportFile::ExportFile(const QString &path)
    : m_path(path)
{
}

ExportFile::~ExportFile()
{
    discard();
}

bool ExportFile::open()
{
    m_error.clear();
    if (isStandardOutput(m_path)) {
        std::fflush(stdout); // what was printed before comes first
        auto file = std::make_unique<QFile>();
        if (!file->open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered,
                        QFileDevice::DontCloseHandle)) {
            m_error =
                QCoreApplication::translate("ExportFile", "Cannot write to standard output: %1")
                    .arg(file->errorString());
            return false;
        }
        m_file = std::move(file);
        return true;
    }
    if (m_path.isEmpty()) {
        m_error = QCoreApplication::translate("ExportFile", "No file name given for the export.");
        return false;
    }
    auto file = std::make_unique<WritebackSaveFile>(m_path);
    // Writing in place would break the promise that a failed export leaves no half file.
    file->setDirectWriteFallback(false);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        m_error = QCoreApplication::translate("ExportFile", "Cannot write %1: %2")
                      .arg(QDir::toNativeSeparators(m_path), file->errorString());
        return false;
    }
    m_file = std::move(file);
    return true;
}

QIODevice *ExportFile::device() const
{
    return m_file.get();
}

bool ExportFile::commit()
{
    if (!m_file || m_done)
        return false;
    m_done = true;
    if (auto *save = dynamic_cast<WritebackSaveFile *>(m_file.get())) {
        if (!save->finishWriteback()) {
            m_error = QCoreApplication::translate("ExportFile", "Cannot write %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), save->errorString());
            save->cancelWriting();
            save->commit(); // fails on purpose, removing the temporary file
            m_file.reset();
            return false;
        }
        if (!save->commit()) {
            m_error = QCoreApplication::translate("ExportFile", "Cannot write %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), save->errorString());
            m_file.reset(); // QSaveFile has removed its temporary file
            return false;
        }
    } else if (!m_file->flush()) {
        m_error = QCoreApplication::translate("ExportFile", "Cannot write to standard output: %1")
                      .arg(m_file->errorString());
        return false;
    }
    m_file.reset();
    return true;
}

void ExportFile::discard()
{
    if (!m_file || m_done)
        return;
    m_done = true;
    if (auto *save = dynamic_cast<WritebackSaveFile *>(m_file.get())) {
        save->finishWriteback();
        save->cancelWriting();
        save->commit(); // fails on purpose, removing the temporary file
    }
    m_file.reset();
}

ExportResult ExportFile::write(const QString &path, const ExportOptions &options, const Feed &feed)
{
    ExportResult result;
    ExportFile file(path);
    if (!file.open()) {
        result.error = file.error();
        return result;
    }
    std::unique_ptr<ExportWriter> writer = ExportWriter::create(options, file.device());
    feed(*writer, result);
    writer->finish();
    result.rows = writer->rows();
    result.bytes = writer->bytesWritten();
    result.skippedResultSets = writer->skippedResultSets();
    if (writer->hasError()) {
        // The writer's failure stopped the source; the source's "cancelled" says nothing.
        result.error = writer->error();
        result.cancelled = false;
    } else if (writer->isStopRequested() && !result.cancelled && result.error.isEmpty()) {
        result.cancelled = true;
    }
    if (result.cancelled && result.error.isEmpty())
        result.error = QCoreApplication::translate("ExportFile", "The export was cancelled.");
    if (!result.error.isEmpty()) {
        file.discard();
        return result;
    }
    if (!file.commit()) {
        result.error = file.error();
        return result;
    }
    result.ok = true;
    return result;
}

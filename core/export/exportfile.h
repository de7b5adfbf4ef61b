#pragma once

#include "core/export/exportoptions.h"
#include "core/export/exportresult.h"

#include <QString>

#include <functional>
#include <memory>

class ExportWriter;
class QFileDevice;
class QIODevice;

// The file an export writes, put in place atomically: the bytes go to a
// temporary file in the same folder, which replaces the target only on
// commit(). A failed or cancelled export leaves no file (and no half file)
// under the target name, and an existing file of that name stays as it was.
// The path "-" is standard output, which is written as it goes.
class ExportFile final
{
public:
    explicit ExportFile(const QString &path);
    // Discards what was written unless commit() succeeded.
    ~ExportFile();
    ExportFile(const ExportFile &) = delete;
    ExportFile &operator=(const ExportFile &) = delete;

    static bool isStandardOutput(const QString &path) { return path == QLatin1String("-"); }

    QString path() const { return m_path; }
    // Creates the temporary file (or takes standard output); false with error().
    bool open();
    // Where to write, after open().
    QIODevice *device() const;
    // Puts the written file in place of the target; false with error(), and
    // then nothing is left behind either.
    bool commit();
    // Removes the temporary file.
    void discard();
    QString error() const { return m_error; }

    // The whole export: opens path, lets feed push rows into a writer of
    // options.format, and commits only when feed and writer both succeeded.
    // feed reports a failure of its source (an SQL error, a cancel) in result.
    using Feed = std::function<void(ExportWriter &writer, ExportResult &result)>;
    static ExportResult write(const QString &path, const ExportOptions &options, const Feed &feed);

private:
    QString m_path;
    std::unique_ptr<QFileDevice> m_file;
    bool m_done = false;
    QString m_error;
};

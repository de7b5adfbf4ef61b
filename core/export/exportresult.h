#pragma once

#include <QMetaType>
#include <QString>

// How an export ended. ok means the file holds every row and is in place;
// otherwise nothing was left under the target name.
struct ExportResult
{
    bool ok = false;
    bool cancelled = false;
    QString error;
    qint64 rows = 0;
    qint64 bytes = 0;
    // Result sets after the first, read but not written (see ExportWriter).
    int skippedResultSets = 0;
};

Q_DECLARE_METATYPE(ExportResult)

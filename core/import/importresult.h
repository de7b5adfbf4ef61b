#pragma once

#include <QMetaType>
#include <QString>

// How an import ended. On failure nothing stays in the table: the
// transaction was rolled back (and a table the import created, dropped).
struct ImportResult
{
    bool ok = false;
    bool cancelled = false;
    qint64 rows = 0;
    QString error;
    // Where the first bad value is: 1-based line of the file and the column's
    // name; 0 and empty when the error is not about one value.
    qint64 line = 0;
    QString column;
    // The CREATE TABLE that ran, when the import made the table.
    QString createdSql;
    qint64 elapsedMs = 0;
};

Q_DECLARE_METATYPE(ImportResult)

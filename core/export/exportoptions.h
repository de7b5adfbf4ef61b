#pragma once

#include "core/export/exportformat.h"
#include "core/sql/dialect.h"

#include <QString>

// How an export writes its rows.
struct ExportOptions
{
    ExportFormat format = ExportFormat::Csv;
    // CSV and TSV: a first line with the column names.
    bool header = true;
    // SQL INSERT: the dialect the statements are written for, and the table
    // they insert into (one identifier, quoted as the dialect quotes it).
    Dialect sqlDialect = Dialect::SQLite;
    QString sqlTable = QStringLiteral("exported");
    // Output is gathered in a buffer of this size and written in one call.
    qsizetype bufferSize = 256 * 1024;
};

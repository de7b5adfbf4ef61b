#pragma once

#include "core/export/exportwriter.h"

// Tab-separated values in PostgreSQL's COPY text format, with a header row:
// NULL is \N, the empty string an empty field, and backslash, tab, LF and CR
// inside a value are written \\, \t, \n and \r, so every line is one row.
// PostgreSQL's COPY FROM and MySQL's LOAD DATA read it back as it was. Binary
// values are \\x and hex digits (that is \x... once unescaped).
class TsvWriter final : public ExportWriter
{
public:
    TsvWriter(const ExportOptions &options, QIODevice *device);

protected:
    void writeHeader(const Columns &columns) override;
    void writeRow(const CellView *cells) override;

private:
    void putEscaped(const char *data, qsizetype size);
};

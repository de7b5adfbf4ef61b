#pragma once

#include "core/export/exportwriter.h"

// CSV as RFC 4180 with LF line ends: a header row, "," between fields, a field
// quoted only when it holds a comma, a double quote, CR or LF (quotes doubled
// inside). NULL is an empty field and the empty string is "", so the two stay
// apart. Text is written as the database sent it (UTF-8), spaces kept.
// Binary values are \x and hex digits. A row of one NULL column is an empty
// line, as in PostgreSQL's COPY ... CSV, which writes this very format: the
// writer also takes the lines that COPY sends (csvLines()).
class CsvWriter final : public ExportWriter, private CsvLineSink
{
public:
    CsvWriter(const ExportOptions &options, QIODevice *device);

    CsvLineSink *csvLines() override { return this; }

protected:
    void writeHeader(const Columns &columns) override;
    void writeRow(const CellView *cells) override;

private:
    bool csvBegin() override;
    bool csvLine(const char *data, qsizetype size, bool header) override;
    void putField(const char *data, qsizetype size);
    void putQuoted(const char *data, qsizetype size);

    // The server writes the header line itself.
    bool m_serverLines = false;
};

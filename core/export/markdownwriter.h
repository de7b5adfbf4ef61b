#pragma once

#include "core/export/exportwriter.h"

// A GitHub-flavoured Markdown table for people to read: a header row, a
// delimiter row (numeric columns aligned right), one line per row. Inside a
// cell | is written \|, a backslash \\, and line breaks (LF, CR, CRLF) <br>,
// so each row stays one line with the right number of cells. NULL is NULL, as
// the result grid shows it; the empty string is an empty cell. Binary values
// are \x and hex digits (the backslash escaped like any other).
class MarkdownWriter final : public ExportWriter
{
public:
    MarkdownWriter(const ExportOptions &options, QIODevice *device);

protected:
    void writeHeader(const Columns &columns) override;
    void writeRow(const CellView *cells) override;

private:
    void putEscaped(const char *data, qsizetype size);
};

#pragma once

#include <QList>
#include <QString>

#include <optional>

// The formats a result can be exported to. What each writes for NULL, empty
// text, binary values and numbers is described at its writer (see
// exportwriter.h).
enum class ExportFormat {
    Csv,       // RFC 4180, header row, LF line ends
    Tsv,       // PostgreSQL's COPY text format with a header row
    Json,      // one array of objects
    JsonLines, // one object per line
    SqlInsert, // INSERT statements for a target dialect
    Markdown,  // a GitHub-flavoured table
};

namespace exportformats {

QList<ExportFormat> all();
// The name the command line uses: "csv", "tsv", "json", "jsonl", "sql", "markdown".
QString name(ExportFormat format);
// Name for people: "CSV", "JSON Lines", "SQL INSERT statements".
QString displayName(ExportFormat format);
// File name extension without the dot: "csv", "jsonl", "md".
QString fileExtension(ExportFormat format);
// Parses a name or extension, case-insensitive ("md" and "markdown", "ndjson"
// and "jsonl"); nullopt when unknown.
std::optional<ExportFormat> fromName(const QString &text);
// The format a file name's extension suggests; nullopt when it suggests none.
std::optional<ExportFormat> fromFileName(const QString &fileName);

} // namespace exportformats

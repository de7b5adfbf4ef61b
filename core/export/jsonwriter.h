#pragma once

#include "core/export/exportwriter.h"

#include <QByteArray>
#include <QVector>

// JSON (one array of objects, "[]" when there are no rows) or JSON Lines (one
// object per line). Keys are the column names; a name used twice gets _2, _3
// appended, so no object has duplicate keys. NULL is null and the empty string
// is "". Values of numeric columns are written as numbers when the text the
// database sent is a JSON number (exactly as sent, so a reader that parses
// into doubles may round a long decimal); "NaN", "Infinity" and other text
// stay strings. Boolean columns give true/false for t/f/true/false/1/0.
// Everything else is a string, JSON columns included (their text may not be
// valid JSON in SQLite). Binary values are "\\x..." strings, as PostgreSQL's
// to_json() writes bytea.
class JsonWriter final : public ExportWriter
{
public:
    JsonWriter(const ExportOptions &options, QIODevice *device);

protected:
    void writeHeader(const Columns &columns) override;
    void writeRow(const CellView *cells) override;
    void writeFooter(bool hadResultSet) override;

private:
    enum class Mode : quint8 { String, Number, Boolean };

    void putString(const char *data, qsizetype size);

    bool m_lines;
    QVector<QByteArray> m_keys; // {"name": for the first column, ,"name": for the rest
    QVector<Mode> m_modes;
};

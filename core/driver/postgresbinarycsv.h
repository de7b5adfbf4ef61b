#pragma once

#include <QByteArray>
#include <QList>

#include <string>
#include <vector>

class CsvLineSink;

// Turns what COPY (query) TO STDOUT WITH (FORMAT binary) sends into the very
// lines COPY … (FORMAT csv) would have sent, for the column types it knows
// (supports()). The server's text output functions cost it more than their
// binary ones (about 15% of a plain export), and the server is the slower end
// of an export: the text is made here instead, on the client's own core, while
// the server reads on.
//
// Text is written as PostgreSQL's output functions write it with the session's
// settings at the time of the COPY: DateStyle ISO, extra_float_digits > 0
// (shortest exact floats) and bytea_output = hex; a session with other settings
// gets the server's CSV instead (Settings).
class PostgresBinaryCsv final
{
public:
    // The session settings the text of some types depends on.
    struct Settings
    {
        bool isoDates = false;       // DateStyle starts with ISO
        bool shortestFloats = false; // extra_float_digits > 0
        bool hexBytes = false;       // bytea_output = hex
    };

    // Whether a column of this type is written here; with false the export
    // asks the server for CSV.
    static bool supports(unsigned int type, const Settings &settings);
    // Whether supports() depends on Settings for this type.
    static bool needsSettings(unsigned int type);

    enum class Outcome { More, Stopped, Malformed };

    // types and names as the server describes the query's result columns.
    PostgresBinaryCsv(std::vector<unsigned int> types, QList<QByteArray> names);

    // The header line, as COPY … (FORMAT csv, HEADER) writes it.
    QByteArray headerLine();
    // One CopyData message: its rows go to sink, one line each. Stopped when
    // the sink wants no more, Malformed when the data is not binary COPY.
    Outcome feed(const char *data, int size, CsvLineSink &sink);
    // Whether the end of the data (the trailer) has been read.
    bool finished() const { return m_finished; }
    qint64 rows() const { return m_rows; }

private:
    Outcome parse(const char *data, size_t size, size_t &used, CsvLineSink &sink);
    bool appendValue(unsigned int type, const unsigned char *data, size_t size);
    void appendText(const char *data, size_t size);

    std::vector<unsigned int> m_types;
    QList<QByteArray> m_names;
    std::string m_line;
    // The start of a row that a message did not end, kept for the next one.
    std::string m_pending;
    qint64 m_rows = 0;
    bool m_headerRead = false;
    bool m_finished = false;
};

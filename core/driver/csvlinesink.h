#pragma once

#include <QtGlobal>

// Receives a result the server wrote as CSV itself (NativeConnection::copyCsv),
// on the connection's worker thread: the header line first when one was asked
// for, then one line per row, each with its line end. Returning false stops
// the statement.
class CsvLineSink
{
public:
    virtual ~CsvLineSink() = default;
    // The result starts.
    virtual bool csvBegin() = 0;
    virtual bool csvLine(const char *data, qsizetype size, bool header) = 0;
};

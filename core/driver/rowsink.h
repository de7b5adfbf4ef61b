#pragma once

#include "core/driver/cellview.h"
#include "core/driver/column.h"

// Receives the rows of a statement as the native client API produces them,
// on the connection's worker thread. Returning false stops the statement.
class RowSink
{
public:
    virtual ~RowSink() = default;
    // A result set starts; a statement may produce more than one.
    virtual bool begin(const Columns &columns) = 0;
    // cells holds one value per column; valid only during the call.
    virtual bool row(const CellView *cells) = 0;
    // The result set ended (all rows delivered or stopped).
    virtual void end() {}
};

#pragma once

#include "core/driver/column.h"
#include "core/driver/rowbatch.h"

#include <QByteArray>

namespace testsupport {

// One text column, "n", for numberRows().
inline Columns numberColumn()
{
    Column column;
    column.name = QStringLiteral("n");
    return {column};
}

// count rows of numberColumn(), each holding its row number from first on.
inline RowBatch numberRows(int first, int count)
{
    RowBatch batch(1);
    for (int row = first; row < first + count; ++row) {
        batch.beginRow();
        const QByteArray text = QByteArray::number(row);
        batch.appendText(text.constData(), text.size());
    }
    return batch;
}

} // namespace testsupport

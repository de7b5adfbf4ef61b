#pragma once

#include "core/browse/rowchange.h"
#include "core/browse/tableshape.h"

#include <QCoreApplication>

// The statements Apply runs for a table tab's pending changes, in order:
// deletes, updates, inserts, each naming its row by the key, every value a
// parameter. "Show SQL" shows them with render().
class ChangeStatements final
{
    Q_DECLARE_TR_FUNCTIONS(ChangeStatements)

public:
    // rows, when given, gets each statement's grid row.
    static QVector<BoundStatement> build(const TableShape &shape, const QVector<RowChange> &changes,
                                         QVector<int> *rows = nullptr);
    // The statements as the transaction runs them, each followed by its
    // values, for reading: BEGIN; … COMMIT;
    static QString render(Dialect dialect, const QVector<BoundStatement> &statements);
    // value as it would be written in SQL, for render(): NULL, 42, 'text', X'…'.
    static QString shown(const QVariant &value);
};

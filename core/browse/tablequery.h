#pragma once

#include "core/browse/columnfilter.h"
#include "core/browse/tableshape.h"
#include "core/driver/sqlparams.h"

#include <QMap>

// The SELECT a table tab reads its rows with: every column (the rowid first
// when rows are named by it), the filters as conditions whose values are
// parameters, and the order the server sorts by. Rows stream through the
// same path as any result, so a large table costs what a query of it does.
class TableQuery final
{
    Q_DECLARE_TR_FUNCTIONS(TableQuery)

public:
    explicit TableQuery(const TableShape &shape);

    // filters by column (index into the shape's columns); inactive ones are skipped.
    void setFilters(const QMap<int, ColumnFilter> &filters) { m_filters = filters; }
    // Sorts by column (-1: the table's own order, by key when there is one).
    void setOrder(int column, Qt::SortOrder order);

    // The statement; empty sql with *error when a filter's value does not fit
    // its column's type.
    BoundStatement statement(QString *error) const;

private:
    QString condition(int column, const ColumnFilter &filter, SqlParams &params,
                      QString *error) const;
    QString orderBy() const;
    QString placeholder(SqlParams &params, const QVariant &value) const;

    TableShape m_shape;
    QMap<int, ColumnFilter> m_filters;
    int m_sortColumn = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;
};

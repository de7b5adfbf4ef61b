#pragma once

#include "core/driver/rowsink.h"

#include <QList>
#include <QStringList>
#include <QVariant>

#include <optional>

// Keeps every row of a small result as text (NULL as an invalid QVariant), for
// tasks that read catalogue views on the worker. Only the last result set of a
// statement is kept, with its column names for answers read by name (PgBouncer's
// SHOW commands gain columns from version to version).
class TextRowSink final : public RowSink
{
public:
    bool begin(const Columns &columns) override
    {
        m_columns = int(columns.size());
        m_names.clear();
        for (const Column &column : columns)
            m_names << column.name;
        m_rows.clear();
        return true;
    }

    bool row(const CellView *cells) override
    {
        QVariantList values;
        values.reserve(m_columns);
        for (int i = 0; i < m_columns; ++i)
            values << (cells[i].isNull() ? QVariant() : QVariant(cells[i].text()));
        m_rows << values;
        return true;
    }

    int rowCount() const { return int(m_rows.size()); }
    bool isNull(int row, int column) const { return !m_rows.at(row).value(column).isValid(); }
    QString text(int row, int column) const { return m_rows.at(row).value(column).toString(); }
    // The value in the column called name; empty when there is no such column.
    QString textOf(int row, const char *name) const
    {
        return text(row, int(m_names.indexOf(QLatin1String(name))));
    }
    std::optional<double> number(int row, int column) const
    {
        bool ok = false;
        const double value = text(row, column).toDouble(&ok);
        return ok ? std::optional<double>(value) : std::nullopt;
    }

private:
    int m_columns = 0;
    QStringList m_names;
    QList<QVariantList> m_rows;
};

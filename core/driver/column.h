#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

// What a column holds, as far as presenting and exporting it needs to know.
enum class ColumnKind {
    Integer,
    Real,
    Decimal,
    Boolean,
    Text,
    Binary,
    Date,
    Time,
    DateTime,
    Json,
    Other
};

struct Column
{
    QString name;
    QString typeName; // as the database names it: "integer", "varchar", "numeric"
    ColumnKind kind = ColumnKind::Other;

    bool isNumeric() const
    {
        return kind == ColumnKind::Integer || kind == ColumnKind::Real ||
               kind == ColumnKind::Decimal;
    }
};

using Columns = QVector<Column>;

Q_DECLARE_METATYPE(Column)

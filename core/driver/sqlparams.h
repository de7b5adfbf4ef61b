#pragma once

#include <QString>
#include <QVariantList>

// Values for a statement's placeholders ($1, ?1 or ?, see
// dialects::placeholder), in order. A null QVariant is NULL, a QByteArray is
// bytes, qlonglong and double are numbers; anything else goes as its text,
// which the server converts to the column's type.
using SqlParams = QVariantList;

// One statement with its placeholders' values.
struct BoundStatement
{
    QString sql;
    SqlParams params;
};

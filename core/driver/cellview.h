#pragma once

#include <QByteArray>
#include <QString>

// How a value is stored: NULL, text (UTF-8, numbers included) or raw bytes.
enum class CellKind : quint8 { Null = 0, Text = 1, Binary = 2 };

// A read-only view of one stored value; valid while its batch lives.
struct CellView
{
    CellKind kind = CellKind::Null;
    const char *data = nullptr;
    qsizetype size = 0;
    // Values larger than the store keeps are cut; fullSize tells the real size.
    bool truncated = false;
    qint64 fullSize = 0;

    bool isNull() const { return kind == CellKind::Null; }
    QByteArray bytes() const { return QByteArray(data, size); }
    QString text() const { return QString::fromUtf8(data, size); }
};

#include "core/import/valuechecker.h"

#include <QCoreApplication>

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

QString shown(const CellView &value)
{
    QString text = value.text();
    if (text.size() > 40)
        text = text.left(39) + QStringLiteral("…");
    return text;
}

} // namespace

bool ValueChecker::isInteger(const char *data, qsizetype size)
{
    qsizetype i = 0;
    if (size > 0 && (data[0] == '-' || data[0] == '+'))
        ++i;
    if (i >= size || size - i > 19)
        return false;
    for (; i < size; ++i) {
        if (!isDigit(data[i]))
            return false;
    }
    return true;
}

bool ValueChecker::isNumber(const char *data, qsizetype size)
{
    qsizetype i = 0;
    if (size > 0 && (data[0] == '-' || data[0] == '+'))
        ++i;
    const QByteArray word = QByteArray::fromRawData(data + i, size - i).toLower();
    if (word == "nan" || word == "infinity" || word == "inf")
        return true;
    bool digits = false;
    while (i < size && isDigit(data[i]))
        ++i, digits = true;
    if (i < size && data[i] == '.') {
        ++i;
        while (i < size && isDigit(data[i]))
            ++i, digits = true;
    }
    if (!digits)
        return false;
    if (i < size && (data[i] == 'e' || data[i] == 'E')) {
        ++i;
        if (i < size && (data[i] == '-' || data[i] == '+'))
            ++i;
        if (i >= size || !isDigit(data[i]))
            return false;
        while (i < size && isDigit(data[i]))
            ++i;
    }
    return i == size;
}

bool ValueChecker::isBoolean(const char *data, qsizetype size)
{
    static const char *const words[] = {"t",   "f",  "true", "false", "y", "n",
                                        "yes", "no", "on",   "off",   "1", "0"};
    const QByteArray word = QByteArray::fromRawData(data, size).trimmed().toLower();
    for (const char *candidate : words) {
        if (word == candidate)
            return true;
    }
    return false;
}

bool ValueChecker::isHexBytes(const char *data, qsizetype size)
{
    if (size < 2 || data[0] != '\\' || data[1] != 'x' || size % 2 != 0)
        return false;
    for (qsizetype i = 2; i < size; ++i) {
        if (!isHexDigit(data[i]))
            return false;
    }
    return true;
}

QString ValueChecker::problem(ColumnKind kind, const CellView &value)
{
    if (value.isNull())
        return QString();
    switch (kind) {
    case ColumnKind::Integer:
        if (!isInteger(value.data, value.size))
            return QCoreApplication::translate("ValueChecker", "'%1' is not an integer")
                .arg(shown(value));
        break;
    case ColumnKind::Real:
    case ColumnKind::Decimal:
        if (!isNumber(value.data, value.size))
            return QCoreApplication::translate("ValueChecker", "'%1' is not a number")
                .arg(shown(value));
        break;
    case ColumnKind::Boolean:
        if (!isBoolean(value.data, value.size))
            return QCoreApplication::translate("ValueChecker", "'%1' is not true or false")
                .arg(shown(value));
        break;
    default:
        break;
    }
    return QString();
}

#include "core/config/python/pythonvalue.h"

QString PythonValue::typeName() const
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    case Kind::String:
        return QStringLiteral("str");
    case Kind::Bytes:
        return QStringLiteral("bytes");
    case Kind::List:
        return QStringLiteral("list");
    case Kind::Tuple:
        return QStringLiteral("tuple");
    case Kind::Set:
        return QStringLiteral("set");
    case Kind::Dict:
        return QStringLiteral("dict");
    case Kind::NotLiteral:
        break;
    }
    return QStringLiteral("expression");
}

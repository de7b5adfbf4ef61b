#include "core/browse/editvalue.h"

#include "core/driver/cellview.h"
#include "core/import/valuechecker.h"

namespace {

bool isTrue(const QString &text)
{
    static const QStringList words = {QStringLiteral("t"),  QStringLiteral("true"),
                                      QStringLiteral("y"),  QStringLiteral("yes"),
                                      QStringLiteral("on"), QStringLiteral("1")};
    return words.contains(text.trimmed().toLower());
}

} // namespace

QString EditValue::problem(const BrowseColumn &column, const QVariant &value)
{
    if (value.isNull()) {
        return column.nullable
                   ? QString()
                   : tr("%1 is %2 NOT NULL: it cannot be NULL").arg(column.name, column.type);
    }
    if (value.typeId() == QMetaType::QByteArray)
        return QString();
    const QByteArray text = value.toString().toUtf8();
    CellView cell;
    cell.kind = CellKind::Text;
    cell.data = text.constData();
    cell.size = text.size();
    const QString wrong = ValueChecker::problem(column.kind, cell);
    return wrong.isEmpty() ? QString() : tr("%1 is %2: %3").arg(column.name, column.type, wrong);
}

QVariant EditValue::param(Dialect dialect, const BrowseColumn &column, const QVariant &value)
{
    if (value.isNull() || value.typeId() == QMetaType::QByteArray)
        return value;
    const QString text = value.toString();
    switch (column.kind) {
    case ColumnKind::Integer: {
        bool ok = false;
        const qlonglong number = text.trimmed().toLongLong(&ok);
        return ok ? QVariant(number) : QVariant(text);
    }
    case ColumnKind::Boolean:
        if (!ValueChecker::isBoolean(text.toUtf8().constData(), text.toUtf8().size()))
            return text;
        if (dialect == Dialect::PostgreSQL)
            return isTrue(text) ? QStringLiteral("true") : QStringLiteral("false");
        return QVariant(qlonglong(isTrue(text) ? 1 : 0));
    default:
        return text;
    }
}

#include "ui/celldelegate.h"

#include "core/driver/cellview.h"
#include "core/models/resultmodel.h"

void CellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = static_cast<CellKind>(index.data(ResultModel::CellKindRole).toInt());
    if (kind == CellKind::Null) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    } else if (kind == CellKind::Binary) {
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
    }
}

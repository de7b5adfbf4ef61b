#include "ui/celldelegate.h"

#include "core/driver/cellview.h"
#include "core/models/resultmodel.h"
#include "core/models/tabledatamodel.h"

void CellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = static_cast<CellKind>(index.data(ResultModel::CellKindRole).toInt());
    const bool isDefault = index.data(TableDataModel::IsDefaultRole).toBool();
    if (kind == CellKind::Null || isDefault) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    } else if (kind == CellKind::Binary) {
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
    }
    // Translucent, so that they read on light and dark palettes alike.
    switch (static_cast<TableDataModel::Pending>(index.data(TableDataModel::PendingRole).toInt())) {
    case TableDataModel::Pending::Edited:
        option->backgroundBrush = QColor(255, 176, 0, 90);
        option->font.setBold(true);
        break;
    case TableDataModel::Pending::Inserted:
        option->backgroundBrush = QColor(0, 170, 60, 60);
        break;
    case TableDataModel::Pending::Deleted:
        option->backgroundBrush = QColor(220, 30, 30, 60);
        option->font.setStrikeOut(true);
        break;
    case TableDataModel::Pending::None:
        break;
    }
}

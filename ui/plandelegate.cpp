#include "ui/plandelegate.h"

#include "core/models/plantreemodel.h"

#include <QPainter>

void PlanDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(PlanTreeModel::HottestRole).toBool()) {
        option->font.setBold(true);
        option->palette.setColor(QPalette::Text, QColor(0xc0, 0x1c, 0x28));
    } else if (index.data(PlanTreeModel::FullScanRole).toBool() &&
               (index.column() == PlanTreeModel::Step || index.column() == PlanTreeModel::Table)) {
        option->palette.setColor(QPalette::Text, QColor(0xa8, 0x5d, 0x00));
    }
}

void PlanDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    const QVariant share = index.data(PlanTreeModel::ShareRole);
    if (index.column() == PlanTreeModel::Share && share.isValid()) {
        QRect bar = option.rect.adjusted(2, 3, -2, -3);
        bar.setWidth(qMax(1, int(bar.width() * share.toDouble())));
        const bool hottest = index.data(PlanTreeModel::HottestRole).toBool();
        painter->fillRect(bar,
                          hottest ? QColor(0xc0, 0x1c, 0x28, 60) : QColor(0x35, 0x84, 0xe4, 50));
    }
    QStyledItemDelegate::paint(painter, option, index);
}

#pragma once

#include <QStyledItemDelegate>

// Marks the plan tree's steps at a glance: the hottest in bold red, full-table
// scans in amber, and each step's share of the whole as a bar behind the
// Share column.
class PlanDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

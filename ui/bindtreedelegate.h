#pragma once

#include <QStyledItemDelegate>

// Makes the binds tree readable at a glance: suspected leaks in bold red,
// checked-out connections in bold, closing ones greyed, and each pool's load
// as a small gauge before its numbers: checked out, idle and overflow against
// pool_size + max_overflow, a mark at pool_size, red when someone waits.
class BindTreeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int kGaugeWidth = 72;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

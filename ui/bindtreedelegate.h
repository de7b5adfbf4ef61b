#pragma once

#include <QStyledItemDelegate>

// Makes the binds tree readable at a glance: suspected leaks in bold red,
// checked-out connections in bold, closing ones greyed.
class BindTreeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

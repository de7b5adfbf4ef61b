#pragma once

#include <QStyledItemDelegate>

// Paints result cells: NULL in grey italics so it never looks like an empty
// string, binary values in a muted colour; in a table tab, pending changes
// (edited amber and bold, new green, deleted red and struck out) and a new
// row's DEFAULT cells.
class CellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

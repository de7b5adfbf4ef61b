#include "ui/bindtreedelegate.h"

#include "core/bindtreemodel.h"
#include "core/connection.h"

void BindTreeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(BindTreeModel::NodeKindRole).toInt() == int(BindTreeModel::NodeKind::Bind)) {
        option->font.setBold(true);
        return;
    }
    const QVariant state = index.data(BindTreeModel::ConnectionStateRole);
    if (!state.isValid())
        return;
    if (index.data(BindTreeModel::LeakSuspectedRole).toBool()) {
        option->font.setBold(true);
        option->palette.setColor(QPalette::Text, QColor(0xc0, 0x10, 0x10));
        return;
    }
    switch (static_cast<Connection::State>(state.toInt())) {
    case Connection::State::CheckedOut:
        option->font.setBold(true);
        break;
    case Connection::State::Closing:
    case Connection::State::Closed:
    case Connection::State::Connecting:
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
        break;
    default:
        break;
    }
}

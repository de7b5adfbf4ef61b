#include "ui/bindtreedelegate.h"

#include "core/connection/connection.h"
#include "core/models/bindtreemodel.h"
#include "core/pool/poolgauge.h"

#include <QPainter>

namespace {

constexpr int kGap = 6;

bool hasGauge(const QModelIndex &index)
{
    return index.column() == 1 && index.data(BindTreeModel::PoolGaugeRole).canConvert<PoolGauge>();
}

} // namespace

void BindTreeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    if (!hasGauge(index)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto gauge = index.data(BindTreeModel::PoolGaugeRole).value<PoolGauge>();
    QStyleOptionViewItem textOption = option;
    textOption.rect.setLeft(option.rect.left() + kGaugeWidth + kGap);
    QStyledItemDelegate::paint(painter, textOption, index);

    const int height = qMin(option.rect.height() - 6, 12);
    const QRect bar(option.rect.left() + 2, option.rect.center().y() - height / 2, kGaugeWidth - 4,
                    height);
    // Scaled to the limit; without one, to what is open or asked for.
    const int open = gauge.checkedOut + gauge.idle;
    const int scale =
        qMax(1, gauge.capacity > 0 ? gauge.capacity : qMax(gauge.poolSize, open + gauge.waiting));
    auto width = [&](int count) {
        return int(double(bar.width()) * qMin(count, scale) / scale);
    };
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(QPalette::Base).darker(108));
    painter->drawRect(bar);
    const QColor busy = gauge.waiting > 0 ? QColor(0xc0, 0x10, 0x10) : QColor(0x1f, 0x6f, 0xc0);
    const int out = width(gauge.checkedOut);
    painter->setBrush(busy);
    painter->drawRect(QRect(bar.left(), bar.top(), out, bar.height()));
    painter->setBrush(QColor(0x8c, 0xb8, 0xe6));
    painter->drawRect(QRect(bar.left() + out, bar.top(), width(open) - out, bar.height()));
    if (gauge.overflow() > 0) {
        // Beyond pool_size: these close on checkin.
        const int from = width(gauge.poolSize);
        painter->setBrush(QColor(0xe0, 0x8a, 0x1e));
        painter->drawRect(QRect(bar.left() + from, bar.bottom() - 2, width(open) - from, 3));
    }
    if (gauge.capacity > gauge.poolSize) {
        painter->setPen(option.palette.color(QPalette::Text));
        const int mark = bar.left() + width(gauge.poolSize);
        painter->drawLine(mark, bar.top() - 1, mark, bar.bottom() + 1);
    }
    painter->setPen(option.palette.color(QPalette::Mid));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(bar.adjusted(0, 0, -1, -1));
    painter->restore();
}

QSize BindTreeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (hasGauge(index))
        size.rwidth() += kGaugeWidth + kGap;
    return size;
}

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

#include "ui/statusline.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

StatusLine::StatusLine(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void StatusLine::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setAccessibleName(m_text);
    update();
}

bool StatusLine::isElided() const
{
    return fontMetrics().horizontalAdvance(shownText()) > contentsRect().width();
}

QSize StatusLine::sizeHint() const
{
    // Room for a typical status, whatever the text of the moment.
    const QMargins margins = contentsMargins();
    return {fontMetrics().averageCharWidth() * 40 + margins.left() + margins.right(),
            fontMetrics().height() + margins.top() + margins.bottom()};
}

QSize StatusLine::minimumSizeHint() const
{
    return {0, sizeHint().height()};
}

bool StatusLine::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip:
        // The whole text, only when the line cuts it.
        if (isElided())
            QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), m_text, this);
        else
            QToolTip::hideText();
        return true;
    case QEvent::FontChange:
    case QEvent::StyleChange:
        updateGeometry(); // the line's height follows the font
        break;
    default:
        break;
    }
    return QWidget::event(event);
}

void StatusLine::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(shownText(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(Qt::AlignLeft | Qt::AlignVCenter), palette(),
                          isEnabled(), shown, foregroundRole());
}

QString StatusLine::shownText() const
{
    // Messages may hold line breaks; the line shows them as spaces.
    QString shown = m_text;
    shown.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return shown;
}

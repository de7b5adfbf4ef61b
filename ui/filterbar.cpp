#include "ui/filterbar.h"

#include "core/browse/columnfilter.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>

FilterBar::FilterBar(QHeaderView *header, QWidget *parent)
    : QWidget(parent)
    , m_header(header)
{
    setFixedHeight(QLineEdit().sizeHint().height());
    connect(header, &QHeaderView::sectionResized, this, &FilterBar::place);
    connect(header, &QHeaderView::sectionMoved, this, &FilterBar::place);
    connect(header, &QHeaderView::geometriesChanged, this, &FilterBar::place);
    // The header scrolls with the view; its offset is the horizontal scroll.
    header->installEventFilter(this);
}

void FilterBar::setColumnCount(int count)
{
    while (m_boxes.size() > count)
        delete m_boxes.takeLast();
    while (m_boxes.size() < count) {
        auto *box = new QLineEdit(this);
        box->setPlaceholderText(tr("Filter"));
        box->setToolTip(ColumnFilter::help());
        box->setClearButtonEnabled(true);
        connect(box, &QLineEdit::returnPressed, this, &FilterBar::filtersChanged);
        // Clearing with the button reads again at once, as Enter would.
        connect(box, &QLineEdit::textChanged, this, [this](const QString &text) {
            if (text.isEmpty())
                Q_EMIT filtersChanged();
        });
        m_boxes << box;
        box->show();
    }
    place();
}

QString FilterBar::text(int column) const
{
    const QLineEdit *box = m_boxes.value(column);
    return box ? box->text() : QString();
}

void FilterBar::markError(int column, const QString &why)
{
    for (int i = 0; i < m_boxes.size(); ++i) {
        const bool refused = !why.isEmpty() && i == column;
        m_boxes.at(i)->setStyleSheet(
            refused ? QStringLiteral("QLineEdit { border: 1px solid #d03030; }") : QString());
        m_boxes.at(i)->setToolTip(refused ? why : ColumnFilter::help());
    }
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_header && (event->type() == QEvent::Paint || event->type() == QEvent::Resize))
        place();
    return QWidget::eventFilter(watched, event);
}

void FilterBar::place()
{
    if (!parentWidget())
        return;
    // The header's left edge sits after the vertical header, in the view.
    const int left = m_header->mapTo(parentWidget(), QPoint(0, 0)).x() - x();
    for (int i = 0; i < m_boxes.size(); ++i) {
        QLineEdit *box = m_boxes.at(i);
        if (m_header->isSectionHidden(i)) {
            box->hide();
            continue;
        }
        const QRect want(left + m_header->sectionViewportPosition(i), 0, m_header->sectionSize(i),
                         height());
        if (box->geometry() != want)
            box->setGeometry(want);
        box->setVisible(want.right() >= 0 && want.left() < width());
    }
}

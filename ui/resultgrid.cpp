#include "ui/resultgrid.h"

#include "core/models/resultwindowmodel.h"

#include <QHeaderView>
#include <QScrollBar>

#include <limits>

ResultGrid::ResultGrid(QWidget *parent)
    : QTableView(parent)
    , m_window(new ResultWindowModel(this))
{
    setModel(m_window);
    // The same result rows stay on screen when the window moves under them.
    connect(m_window, &ResultWindowModel::moved, this, [this](int oldFirst, int newFirst) {
        QScrollBar *bar = verticalScrollBar();
        bar->setValue(bar->value() - (newFirst - oldFirst));
    });
}

void ResultGrid::setResultModel(QAbstractItemModel *result)
{
    m_window->setSourceModel(result);
}

int ResultGrid::resultRow(const QModelIndex &index) const
{
    return index.isValid() && index.model() == m_window ? m_window->sourceRow(index.row()) : -1;
}

QModelIndex ResultGrid::indexOfResult(int row, int column)
{
    m_window->showRows(row, row);
    return m_window->index(row - m_window->firstRow(), column);
}

void ResultGrid::scrollToResultRow(int row, ScrollHint hint)
{
    const QModelIndex index = indexOfResult(row, qMax(0, columnAt(0)));
    if (index.isValid())
        scrollTo(index, hint);
}

QModelIndex ResultGrid::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    // Ctrl+Home and Ctrl+End mean the result's ends, not the window's: the
    // window moves there, and the current cell may have left it, so the cell
    // is found here (the first or last column, as QTableView does).
    if (!(modifiers & Qt::ControlModifier) || (action != MoveHome && action != MoveEnd))
        return QTableView::moveCursor(action, modifiers);
    const bool home = action == MoveHome;
    m_window->moveTo(home ? 0 : std::numeric_limits<int>::max());
    const int columns = horizontalHeader()->count();
    if (m_window->rowCount() == 0 || columns == 0)
        return {};
    const int row = home ? 0 : m_window->rowCount() - 1;
    return m_window->index(row, horizontalHeader()->logicalIndex(home ? 0 : columns - 1));
}

void ResultGrid::verticalScrollbarValueChanged(int value)
{
    // The top of the window is not the top of the result: show rows above.
    // (At the bottom the view asks the window to fetchMore, which moves it.)
    if (value == verticalScrollBar()->minimum() && m_window->canFetchEarlier()) {
        m_window->fetchEarlier();
        return; // the move scrolled the bar, which called this again
    }
    QTableView::verticalScrollbarValueChanged(value);
}

#pragma once

#include <QTableView>

class ResultWindowModel;

// A session tab's result grid: a table view of a window of the result
// (ResultWindowModel), so that a result of ten million rows scrolls as one of
// a hundred thousand does. Row numbers are the result's; reaching the top or
// the bottom of the window moves it, and Ctrl+Home / Ctrl+End go to the
// result's first and last fetched rows, wherever the window is.
class ResultGrid final : public QTableView
{
    Q_OBJECT

public:
    explicit ResultGrid(QWidget *parent = nullptr);

    // The result this grid shows (not owned); its rows come through the window.
    void setResultModel(QAbstractItemModel *result);
    ResultWindowModel *windowModel() const { return m_window; }
    // The result's row of one of the grid's indexes (-1 for an invalid one).
    int resultRow(const QModelIndex &index) const;
    // The grid's index of a result cell, the window moved there first if it
    // must be. Invalid where the result has no such cell (not fetched yet).
    QModelIndex indexOfResult(int row, int column);
    // Scrolls to a row of the result.
    void scrollToResultRow(int row, ScrollHint hint = EnsureVisible);

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void verticalScrollbarValueChanged(int value) override;

private:
    ResultWindowModel *m_window;
};

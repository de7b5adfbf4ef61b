#pragma once

#include <QList>
#include <QWidget>

class QHeaderView;
class QLineEdit;

// The filter row of a table tab: one box above each column, kept aligned with
// the header as columns are resized, moved or scrolled. What a box accepts is
// ColumnFilter's syntax; Enter in any box asks for a new read.
class FilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QHeaderView *header, QWidget *parent = nullptr);

    void setColumnCount(int count);
    QLineEdit *box(int column) const { return m_boxes.value(column); }
    QString text(int column) const;
    // Marks column's box as refused (red, with why as its tooltip); an empty
    // why clears every mark.
    void markError(int column, const QString &why);

Q_SIGNALS:
    void filtersChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QHeaderView *m_header;
    QList<QLineEdit *> m_boxes;
};

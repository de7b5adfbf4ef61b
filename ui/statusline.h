#pragma once

#include <QString>
#include <QWidget>

// One line of status text that never asks the layout around it for room. A
// QLabel does on every new text, and the request climbs through every parent
// layout up to the main window, which lays out and repaints its docks: once a
// second while a statement runs, and at each sessions refresh. Its size hint
// is one line of any text; text wider than the line is elided, and the whole
// text is its tooltip.
class StatusLine final : public QWidget
{
    Q_OBJECT

public:
    explicit StatusLine(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    // Whether the text is cut to fit the line.
    bool isElided() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    // The text as it is drawn on one line.
    QString shownText() const;

    QString m_text;
};

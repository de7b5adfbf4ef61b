// The status line under a session tab, a table tab and the server sessions:
// it keeps the text it is given, never asks the layouts around it for room
// when the text changes (a QLabel's request climbs to the main window, which
// then lays out and repaints every dock), and shows text too wide for it cut,
// the whole text in its tooltip.
#include "ui/statusline.h"

#include <QApplication>
#include <QHelpEvent>
#include <QTest>
#include <QToolTip>
#include <QVBoxLayout>

namespace {

// Counts the layout requests its widget receives.
class LayoutRequests final : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::LayoutRequest)
            ++count;
        return false;
    }
};

} // namespace

class TestStatusLine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheTextItIsGiven();
    void aNewTextLeavesTheLayoutAlone();
    void textWiderThanTheLineIsCutAndWholeInItsTooltip();
};

void TestStatusLine::keepsTheTextItIsGiven()
{
    StatusLine line;
    QVERIFY(line.text().isEmpty());
    line.setText(QStringLiteral("12 rows in 3 ms · connection #1"));
    QCOMPARE(line.text(), QStringLiteral("12 rows in 3 ms · connection #1"));
    // Shown on one line, kept as given.
    line.setText(QStringLiteral("Session 7: first\nsecond"));
    QCOMPARE(line.text(), QStringLiteral("Session 7: first\nsecond"));
    QCOMPARE(line.accessibleName(), line.text());
}

void TestStatusLine::aNewTextLeavesTheLayoutAlone()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *line = new StatusLine(&window);
    layout->addWidget(line);
    window.resize(300, 100);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::processEvents();
    const QSize hint = line->sizeHint();
    const QSize minimum = line->minimumSizeHint();
    const QSize windowMinimum = window.minimumSizeHint();

    LayoutRequests requests;
    window.installEventFilter(&requests);
    line->setText(QStringLiteral("running for 1 s · connection #1"));
    QApplication::processEvents();
    line->setText(QString(500, QLatin1Char('w')));
    QApplication::processEvents();
    QCOMPARE(requests.count, 0);
    QCOMPARE(line->sizeHint(), hint);
    QCOMPARE(line->minimumSizeHint(), minimum);
    // A long text does not widen the window it sits in.
    QCOMPARE(window.minimumSizeHint(), windowMinimum);
    QCOMPARE(window.width(), 300);
}

void TestStatusLine::textWiderThanTheLineIsCutAndWholeInItsTooltip()
{
    StatusLine line;
    line.resize(120, line.sizeHint().height());
    line.show();
    QVERIFY(QTest::qWaitForWindowExposed(&line));
    line.setText(QStringLiteral("ok"));
    QVERIFY(!line.isElided());
    const QString whole =
        QStringLiteral("Session 4242: permission denied to signal the process of another user");
    line.setText(whole);
    QVERIFY(line.isElided());

    QHelpEvent help(QEvent::ToolTip, QPoint(5, 5), line.mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(&line, &help);
    QTRY_COMPARE(QToolTip::text(), whole);
    QToolTip::hideText();

    // Wide enough again: nothing is cut, and no tooltip repeats the line.
    line.resize(line.fontMetrics().horizontalAdvance(whole) + 10, line.height());
    QVERIFY(!line.isElided());
}

QTEST_MAIN(TestStatusLine)
#include "tst_statusline.moc"

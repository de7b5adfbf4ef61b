// The session tab's result grid over a result larger than its window: the
// keys and the scroll bar reach every fetched row of the result, row numbers
// are the result's, and the rows on screen stay put when the window moves.
#include "core/models/resultmodel.h"
#include "core/models/resultwindowmodel.h"
#include "tests/support/numberrows.h"
#include "ui/resultgrid.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTest>

namespace {

constexpr int kWindow = 30000;
constexpr int kRows = 100000;

// The result row at the top of the grid's viewport.
int topRow(ResultGrid &grid)
{
    return grid.resultRow(grid.indexAt(QPoint(2, 2)));
}

} // namespace

class TestResultGrid final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void scrollsToAnyRowOfTheResult();
    void controlHomeAndEndGoToTheResultsEnds();
    void theScrollBarWalksTheWholeResult();

private:
    ResultModel *m_result = nullptr;
    ResultGrid *m_grid = nullptr;
};

void TestResultGrid::init()
{
    m_result = new ResultModel;
    m_result->setColumns(testsupport::numberColumn());
    for (int first = 0; first < kRows; first += 5000)
        m_result->appendRows(testsupport::numberRows(first, 5000));
    m_result->fetchAll();
    m_grid = new ResultGrid;
    m_grid->setResultModel(m_result);
    m_grid->windowModel()->setWindowRows(kWindow);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->resize(400, 300);
    m_grid->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_grid));
}

void TestResultGrid::cleanup()
{
    delete m_grid;
    delete m_result;
}

void TestResultGrid::scrollsToAnyRowOfTheResult()
{
    QCOMPARE(m_grid->model()->rowCount(), kWindow);
    m_grid->scrollToResultRow(75000, QAbstractItemView::PositionAtTop);
    QCOMPARE(topRow(*m_grid), 75000);
    QCOMPARE(m_grid->indexAt(QPoint(2, 2)).data().toString(), QStringLiteral("75000"));
    QCOMPARE(m_grid->model()->headerData(m_grid->indexAt(QPoint(2, 2)).row(), Qt::Vertical).toInt(),
             75001);
    const QModelIndex cell = m_grid->indexOfResult(99999, 0);
    QVERIFY(cell.isValid());
    QCOMPARE(cell.data().toString(), QStringLiteral("99999"));
    QCOMPARE(m_grid->resultRow(cell), 99999);
    QVERIFY(!m_grid->indexOfResult(kRows, 0).isValid());
}

void TestResultGrid::controlHomeAndEndGoToTheResultsEnds()
{
    m_grid->setFocus();
    m_grid->setCurrentIndex(m_grid->model()->index(0, 0));
    QTest::keyClick(m_grid, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_grid->resultRow(m_grid->currentIndex()), kRows - 1);
    QCOMPARE(m_grid->currentIndex().data().toString(), QString::number(kRows - 1));
    QTest::keyClick(m_grid, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_grid->resultRow(m_grid->currentIndex()), 0);
    QCOMPARE(m_grid->windowModel()->firstRow(), 0);
}

void TestResultGrid::theScrollBarWalksTheWholeResult()
{
    QScrollBar *bar = m_grid->verticalScrollBar();
    // Down: at the bottom of each window the grid shows the next rows, and
    // the rows on screen stay where they were.
    for (int step = 0; step < 20 && m_grid->windowModel()->canFetchMore(QModelIndex()); ++step) {
        bar->setValue(bar->maximum());
        const int before = topRow(*m_grid);
        QCoreApplication::processEvents();
        QCOMPARE(topRow(*m_grid), before);
    }
    QVERIFY(!m_grid->windowModel()->canFetchMore(QModelIndex()));
    bar->setValue(bar->maximum());
    QCoreApplication::processEvents();
    const int bottom =
        m_grid->resultRow(m_grid->indexAt(QPoint(2, m_grid->viewport()->height() - 2)));
    QVERIFY2(bottom >= kRows - 2, qPrintable(QString::number(bottom)));
    // Up: at the top of the window the rows above come in.
    for (int step = 0; step < 20 && m_grid->windowModel()->canFetchEarlier(); ++step) {
        bar->setValue(bar->minimum());
        QCoreApplication::processEvents();
    }
    QCOMPARE(m_grid->windowModel()->firstRow(), 0);
    bar->setValue(bar->minimum());
    QCOMPARE(topRow(*m_grid), 0);
}

QTEST_MAIN(TestResultGrid)
#include "tst_resultgrid.moc"

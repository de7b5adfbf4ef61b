// The grid's window over a result (ResultWindowModel), under
// QAbstractItemModelTester: rows arriving join it until it is full, it moves
// when a view reaches one of its ends, persistent indexes follow their result
// rows, and a new result starts it again at the top.
#include "core/models/resultmodel.h"
#include "core/models/resultwindowmodel.h"
#include "tests/support/numberrows.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

QString cell(const QAbstractItemModel &model, int row)
{
    return model.index(row, 0).data().toString();
}

// A result of numbered rows, seen through a window of windowRows rows.
struct Fixture
{
    explicit Fixture(int windowRows)
    {
        window.setSourceModel(&result);
        window.setWindowRows(windowRows);
        tester = std::make_unique<QAbstractItemModelTester>(
            &window, QAbstractItemModelTester::FailureReportingMode::QtTest);
        result.setColumns(testsupport::numberColumn());
    }
    ResultModel result;
    ResultWindowModel window;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

} // namespace

class TestResultWindowModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsJoinTheWindowUntilItIsFull();
    void movesAtItsEndsAndKeepsTheResultsNumbers();
    void persistentIndexesFollowTheirRows();
    void showRowsAndMoveToStayInTheResult();
    void aNewResultStartsAtTheTop();
    void fetchesFromTheResultBeyondItsFirstChunk();
    void aResultThatGoesLeavesItEmpty();
};

void TestResultWindowModel::rowsJoinTheWindowUntilItIsFull()
{
    Fixture f(100);
    QSignalSpy inserted(&f.window, &QAbstractItemModel::rowsInserted);
    f.result.appendRows(testsupport::numberRows(0, 60));
    QCOMPARE(f.window.rowCount(), 60);
    f.result.appendRows(testsupport::numberRows(60, 60));
    QCOMPARE(f.window.rowCount(), 100);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 60);
    QCOMPARE(inserted.at(1).at(2).toInt(), 99);
    // Rows beyond a full window do not grow it: the view fetches them.
    f.result.appendRows(testsupport::numberRows(120, 30));
    QCOMPARE(f.window.rowCount(), 100);
    QCOMPARE(inserted.size(), 2);
    QVERIFY(f.window.canFetchMore(QModelIndex()));
    QCOMPARE(f.window.columnCount(), 1);
    QCOMPARE(f.window.headerData(0, Qt::Horizontal).toString(), QStringLiteral("n"));
}

void TestResultWindowModel::movesAtItsEndsAndKeepsTheResultsNumbers()
{
    Fixture f(100);
    f.result.appendRows(testsupport::numberRows(0, 250));
    QSignalSpy moved(&f.window, &ResultWindowModel::moved);
    QVERIFY(!f.window.canFetchEarlier());
    f.window.fetchMore(QModelIndex()); // a view at the window's bottom
    QCOMPARE(f.window.firstRow(), 50);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).at(0).toInt(), 0);
    QCOMPARE(moved.at(0).at(1).toInt(), 50);
    QCOMPARE(f.window.rowCount(), 100);
    QCOMPARE(cell(f.window, 0), QStringLiteral("50"));
    QCOMPARE(f.window.sourceRow(0), 50);
    // Row numbers are the result's, one-based.
    QCOMPARE(f.window.headerData(0, Qt::Vertical).toInt(), 51);
    QCOMPARE(f.window.mapToSource(f.window.index(3, 0)).row(), 53);
    QCOMPARE(f.window.mapFromSource(f.result.index(53, 0)).row(), 3);
    QVERIFY(!f.window.mapFromSource(f.result.index(10, 0)).isValid());
    f.window.fetchMore(QModelIndex());
    f.window.fetchMore(QModelIndex());
    QCOMPARE(f.window.firstRow(), 150); // as far as the result goes
    QCOMPARE(cell(f.window, 99), QStringLiteral("249"));
    QVERIFY(!f.window.canFetchMore(QModelIndex()));
    QVERIFY(f.window.canFetchEarlier());
    f.window.fetchEarlier();
    QCOMPARE(f.window.firstRow(), 100);
    QCOMPARE(cell(f.window, 0), QStringLiteral("100"));
}

void TestResultWindowModel::persistentIndexesFollowTheirRows()
{
    Fixture f(100);
    f.result.appendRows(testsupport::numberRows(0, 250));
    const QPersistentModelIndex sixty(f.window.index(60, 0));
    const QPersistentModelIndex ten(f.window.index(10, 0));
    f.window.moveTo(50);
    QVERIFY(sixty.isValid());
    QCOMPARE(sixty.row(), 10);
    QCOMPARE(sixty.data().toString(), QStringLiteral("60"));
    QVERIFY(!ten.isValid()); // its row left the window
    f.window.moveTo(150);
    QVERIFY(!sixty.isValid());
}

void TestResultWindowModel::showRowsAndMoveToStayInTheResult()
{
    Fixture f(100);
    f.result.appendRows(testsupport::numberRows(0, 1000));
    f.window.showRows(10, 10); // already shown: no move
    QCOMPARE(f.window.firstRow(), 0);
    f.window.showRows(500, 500); // the row comes in the middle, with room around it
    QVERIFY(f.window.firstRow() <= 500 && 500 < f.window.firstRow() + 100);
    QVERIFY(f.window.firstRow() > 400);
    QCOMPARE(cell(f.window, 500 - f.window.firstRow()), QStringLiteral("500"));
    f.window.moveTo(-20);
    QCOMPARE(f.window.firstRow(), 0);
    f.window.moveTo(5000);
    QCOMPARE(f.window.firstRow(), 900);
    QCOMPARE(f.window.rowCount(), 100);
    f.window.setWindowRows(300); // a bigger window keeps its first row where it can
    QCOMPARE(f.window.firstRow(), 700);
    QCOMPARE(f.window.rowCount(), 300);
    QCOMPARE(cell(f.window, 299), QStringLiteral("999"));
}

void TestResultWindowModel::aNewResultStartsAtTheTop()
{
    Fixture f(100);
    f.result.appendRows(testsupport::numberRows(0, 250));
    f.window.moveTo(150);
    f.result.setColumns(testsupport::numberColumn());
    QCOMPARE(f.window.firstRow(), 0);
    QCOMPARE(f.window.rowCount(), 0);
    f.result.appendRows(testsupport::numberRows(0, 5));
    QCOMPARE(f.window.rowCount(), 5);
    QCOMPARE(cell(f.window, 4), QStringLiteral("4"));
    f.result.clear();
    QCOMPARE(f.window.rowCount(), 0);
}

void TestResultWindowModel::fetchesFromTheResultBeyondItsFirstChunk()
{
    // The result shows its first chunk at once and the rest when fetched:
    // the window fetches from it when it reaches what the result has shown.
    Fixture f(ResultModel::kFetchChunk);
    f.result.appendRows(testsupport::numberRows(0, ResultModel::kFetchChunk + 50));
    QCOMPARE(f.result.rowCount(), ResultModel::kFetchChunk);
    QCOMPARE(f.window.rowCount(), ResultModel::kFetchChunk);
    QVERIFY(f.window.canFetchMore(QModelIndex()));
    f.window.fetchMore(QModelIndex());
    QCOMPARE(f.result.rowCount(), ResultModel::kFetchChunk + 50);
    QCOMPARE(f.window.firstRow(), 50);
    QCOMPARE(cell(f.window, f.window.rowCount() - 1),
             QString::number(ResultModel::kFetchChunk + 49));
    QVERIFY(!f.window.canFetchMore(QModelIndex()));
}

void TestResultWindowModel::aResultThatGoesLeavesItEmpty()
{
    auto *result = new ResultModel;
    ResultWindowModel window;
    window.setSourceModel(result);
    QAbstractItemModelTester tester(&window,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    result->setColumns(testsupport::numberColumn());
    result->appendRows(testsupport::numberRows(0, 40));
    QCOMPARE(window.rowCount(), 40);
    QSignalSpy reset(&window, &QAbstractItemModel::modelReset);
    delete result;
    QCOMPARE(reset.size(), 1);
    QCOMPARE(window.rowCount(), 0);
    QVERIFY(!window.index(0, 0).isValid());
    QVERIFY(!window.canFetchMore(QModelIndex()));
}

QTEST_GUILESS_MAIN(TestResultWindowModel)
#include "tst_resultwindowmodel.moc"

#pragma once

#include <QAbstractProxyModel>

// A window of at most windowRows() consecutive rows of a flat table model
// (the grid's ResultModel), for a view: QHeaderView keeps one entry per row
// and walks all of them whenever rows are added, so a view of ten million
// rows stalled for a tenth of a second at each fetch. Row numbers and cells
// are those of the source rows the window shows; the window moves when the
// view reaches one of its ends (fetchMore at the bottom, as a view asks;
// fetchEarlier at the top) or is asked to show a row outside it. A move is a
// layout change: persistent indexes (selection, current cell) follow their
// source rows, and those that leave the window are dropped.
class ResultWindowModel final : public QAbstractProxyModel
{
    Q_OBJECT

public:
    static constexpr int kWindowRows = 100000;

    explicit ResultWindowModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    // Smaller windows are for tests; the window keeps its first row.
    void setWindowRows(int rows);
    int windowRows() const { return m_windowRows; }
    // The source row shown as row 0.
    int firstRow() const { return m_first; }
    int sourceRow(int row) const { return m_first + row; }
    // Moves the window, if it must, so that it holds source rows first..last
    // (as many as fit, from first), with room around them to go on.
    void showRows(int first, int last);
    // Moves the window so that source row first is its row 0 (as near as the
    // source allows). Emits moved() when it moved.
    void moveTo(int first);
    // Whether there are source rows above the window, and shows some of them.
    // Like fetchMore(), neither moves the window while it is changing: views
    // and testers call them back from its signals.
    bool canFetchEarlier() const;
    void fetchEarlier();

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // The window moved by newFirst - oldFirst rows: a view keeps its place by
    // scrolling that many rows the other way.
    void moved(int oldFirst, int newFirst);

private:
    void connectSource(QAbstractItemModel *source);
    int sourceRows() const;
    bool isChanging() const;
    int fittingRows(int first) const;
    void beginSourceInsert(const QModelIndex &parent, int first, int last);
    void endSourceInsert(const QModelIndex &parent);
    void beginSourceReset();
    void endSourceReset();
    // A new result, or none: the window from its first row.
    void startAtTheTop();
    void forwardDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                            const QList<int> &roles);
    void forwardHeaderDataChanged(Qt::Orientation orientation, int first, int last);

    int m_windowRows = kWindowRows;
    int m_first = 0;         // source row of row 0
    int m_rows = 0;          // rows in the window now
    int m_pendingInsert = 0; // rows the source is inserting into the window
    bool m_resetting = false;
    bool m_signalling = false; // while the window tells of a change of its own
    QList<QMetaObject::Connection> m_links;
};

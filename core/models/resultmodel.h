#pragma once

#include "core/driver/column.h"
#include "core/driver/rowbatch.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

#include <vector>

// The rows of one result, as they stream in from a connection's worker in
// batches. Cells stay packed in their batches (see RowBatch); text is made only
// for the cells a view asks for. NULL is not the empty string: it shows as
// "NULL" and IsNullRole says so, so the view can paint it differently.
// Lazy for views: the first kFetchChunk rows show as they arrive, further ones
// when the view scrolls down and calls fetchMore(). With an insert interval,
// views are told of arriving rows at most once per interval (the first batch
// of a result at once): batches come every few milliseconds, and each insert
// a view hears of costs it a layout and a paint.
class ResultModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        IsNullRole = Qt::UserRole + 1, // bool
        CellKindRole,                  // int(CellKind)
        FullValueRole,                 // whole text (QString) or bytes (QByteArray)
        ColumnKindRole,                // int(ColumnKind), also in headerData
    };

    // Longer text is cut in DisplayRole; FullValueRole has all of it.
    static constexpr int kDisplayChars = 300;
    static constexpr int kFetchChunk = 10000;

    explicit ResultModel(QObject *parent = nullptr);
    ~ResultModel() override;

    // Starts a new result: drops the rows and sets the columns.
    void setColumns(const Columns &columns);
    void appendRows(const RowBatch &rows);
    void clear();
    // 0 (the default): every batch is shown as it arrives.
    void setInsertIntervalMs(int ms);
    int insertIntervalMs() const { return m_insertIntervalMs; }

    const Columns &columns() const { return m_columns; }
    // Rows received, whether or not a view has fetched them yet.
    int storedRowCount() const { return m_rows; }
    // The batches as they arrived (shared, cheap to copy), for exports.
    const std::vector<RowBatch> &batches() const { return m_batches; }
    CellView cell(int row, int column) const;
    // Bytes used by the stored rows.
    qsizetype memoryBytes() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Shows every stored row at once.
    void fetchAll();

    // How a value looks in one line: "NULL", "<blob 12 bytes> 89 50 4E 47 …", text cut
    // at kDisplayChars with line breaks shown as ⏎.
    static QString displayText(const CellView &cell);

private:
    // Frees the rows of a result that is let go (a new statement, the tab
    // closing) on a pool thread when they are many: a million rows are
    // hundreds of buffers, and giving them back to the system took about
    // 70 ms on the GUI thread.
    static void release(std::vector<RowBatch> &&batches);
    static constexpr size_t kReleaseHereBatches = 16;
    // Tells views of the stored rows up to the first chunk.
    void exposeArrived();
    // Tells views of the stored rows up to `last`.
    void exposeTo(int last);

    Columns m_columns;
    std::vector<RowBatch> m_batches;
    std::vector<int> m_firstRows; // first row number of each batch
    int m_rows = 0;               // stored
    int m_exposed = 0;            // visible to views
    int m_insertIntervalMs = 0;
    QElapsedTimer m_sinceInsert; // invalid until this result's first insert
    QTimer m_insertLater;
    bool m_inserting = false; // between exposeTo()'s begin and end
};

#pragma once

#include "core/driver/column.h"
#include "core/driver/rowbatch.h"
#include "core/export/exportoptions.h"
#include "core/export/exportresult.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;
class ThreadReaper;

// Exports rows already held (a result grid's batches), without asking the
// database again, on a thread of its own so the GUI stays responsive. It writes
// a snapshot: the batches are copied when start() is called (they share their
// bytes), so rows that arrive later, or a model that is cleared meanwhile, do
// not change what is written. Values the grid cut (see CellView::truncated)
// make the export fail; ExportTask exports whole values.
class ModelExporter final : public QObject
{
    Q_OBJECT

public:
    // reaper, when given, must outlive this exporter.
    explicit ModelExporter(ThreadReaper *reaper = nullptr, QObject *parent = nullptr);
    // Cancels a running export; no signal follows. The thread goes to the
    // reaper, or without one is waited for here.
    ~ModelExporter() override;

    // Starts writing the rows of batches to path ("-" for standard output);
    // false while another export runs.
    bool start(const Columns &columns, const std::vector<RowBatch> &batches,
               const ExportOptions &options, const QString &path);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    // How the last export ended, valid once finished() was emitted.
    ExportResult result() const { return m_result; }

    // The export itself, on the calling thread. progress gets the rows
    // written now and then; returning false cancels.
    static ExportResult write(const Columns &columns, const std::vector<RowBatch> &batches,
                              const ExportOptions &options, const QString &path,
                              const std::function<bool(qint64 rows)> &progress = {});

Q_SIGNALS:
    void progress(qint64 rows, qint64 total);
    void finished(bool ok, const QString &error);

private:
    void onThreadFinished();

    ThreadReaper *m_reaper;
    std::unique_ptr<QThread> m_thread;
    // Read on this thread by a timer: the writing thread never calls in here,
    // so it may outlive this object.
    QTimer m_progressTimer;
    std::shared_ptr<std::atomic<qint64>> m_written;
    qint64 m_total = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<ExportResult> m_pending;
    ExportResult m_result;
};

#include "core/export/modelexporter.h"

#include "core/connection/threadreaper.h"
#include "core/export/exportfile.h"
#include "core/export/exportwriter.h"

#include <QThread>
#include <QVarLengthArray>

ModelExporter::ModelExporter(ThreadReaper *reaper, QObject *parent)
    : QObject(parent)
    , m_reaper(reaper)
{
    m_progressTimer.setInterval(ExportWriter::kProgressEveryMs);
    connect(&m_progressTimer, &QTimer::timeout, this,
            [this] { Q_EMIT progress(m_written->load(), m_total); });
}

ModelExporter::~ModelExporter()
{
    if (!m_thread)
        return;
    m_cancel->store(true);
    if (m_reaper)
        m_reaper->adopt(m_thread.release());
    else
        m_thread->wait();
}

bool ModelExporter::start(const Columns &columns, const std::vector<RowBatch> &batches,
                          const ExportOptions &options, const QString &path)
{
    if (m_thread)
        return false;
    m_total = 0;
    for (const RowBatch &batch : batches)
        m_total += batch.rowCount();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_written = std::make_shared<std::atomic<qint64>>(0);
    m_pending = std::make_shared<ExportResult>();
    m_result = ExportResult();

    m_thread.reset(QThread::create([columns, batches, options, path, cancel = m_cancel,
                                    written = m_written, pending = m_pending] {
        *pending = write(columns, batches, options, path, [&](qint64 rows) {
            written->store(rows);
            return !cancel->load();
        });
    }));
    m_thread->setObjectName(QStringLiteral("poolscope export"));
    connect(m_thread.get(), &QThread::finished, this, &ModelExporter::onThreadFinished,
            Qt::QueuedConnection);
    m_thread->start();
    m_progressTimer.start();
    return true;
}

void ModelExporter::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ModelExporter::onThreadFinished()
{
    if (!m_thread)
        return;
    m_progressTimer.stop();
    m_thread->wait();
    m_thread.reset();
    m_result = *m_pending;
    m_pending.reset();
    Q_EMIT progress(m_result.rows, m_result.rows);
    Q_EMIT finished(m_result.ok, m_result.error);
}

ExportResult ModelExporter::write(const Columns &columns, const std::vector<RowBatch> &batches,
                                  const ExportOptions &options, const QString &path,
                                  const std::function<bool(qint64)> &progress)
{
    return ExportFile::write(path, options, [&](ExportWriter &writer, ExportResult &outcome) {
        if (progress)
            writer.setRowCallback(ExportWriter::kCallbackEveryRows, progress);
        if (columns.isEmpty())
            return; // nothing ran that returned rows: an empty document
        if (!writer.begin(columns)) {
            outcome.cancelled = !writer.hasError();
            return;
        }
        QVarLengthArray<CellView, 16> cells(columns.size());
        bool more = true;
        for (const RowBatch &batch : batches) {
            if (batch.columnCount() != columns.size())
                continue;
            const int rows = batch.rowCount();
            for (int row = 0; more && row < rows; ++row) {
                batch.rowCells(row, cells.data());
                more = writer.row(cells.constData());
            }
            if (!more)
                break;
        }
        writer.end();
        if (!more && !writer.hasError())
            outcome.cancelled = true;
    });
}

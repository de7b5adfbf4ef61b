#include "core/modelexporter.h"

#include "core/exportfile.h"
#include "core/exportwriter.h"
#include "core/resultmodel.h"

#include <QElapsedTimer>
#include <QThread>
#include <QVarLengthArray>

namespace {

constexpr qint64 kCheckEveryRows = 4096;
constexpr qint64 kProgressEveryMs = 100;

} // namespace

ModelExporter::ModelExporter(QObject *parent)
    : QObject(parent)
{
}

ModelExporter::~ModelExporter()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
    }
}

bool ModelExporter::start(const ResultModel &model, const ExportOptions &options,
                          const QString &path)
{
    if (m_thread)
        return false;
    const Columns columns = model.columns();
    const std::vector<RowBatch> batches = model.batches();
    const qint64 total = model.storedRowCount();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_pending = std::make_shared<ExportResult>();
    m_result = ExportResult();

    auto cancel = m_cancel;
    auto pending = m_pending;
    m_thread.reset(QThread::create([this, columns, batches, options, path, total, cancel, pending] {
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        *pending = write(columns, batches, options, path, [&](qint64 rows) {
            if (cancel->load())
                return false;
            if (sinceProgress.elapsed() >= kProgressEveryMs) {
                // Posted to this object's thread; the destructor waits for
                // this thread, so `this` outlives the call.
                QMetaObject::invokeMethod(
                    this, [this, rows, total] { Q_EMIT progress(rows, total); },
                    Qt::QueuedConnection);
                sinceProgress.restart();
            }
            return true;
        });
    }));
    m_thread->setObjectName(QStringLiteral("poolscope export"));
    connect(m_thread.get(), &QThread::finished, this, &ModelExporter::onThreadFinished,
            Qt::QueuedConnection);
    m_thread->start();
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
            writer.setRowCallback(kCheckEveryRows, progress);
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

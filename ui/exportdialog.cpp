#include "ui/exportdialog.h"

#include "core/export/exportformat.h"
#include "core/export/exportoptions.h"
#include "core/export/exportresult.h"
#include "core/export/exporttask.h"
#include "core/export/modelexporter.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "ui/sessiontab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

ExportDialog::ExportDialog(SessionTab *tab, ThreadReaper *reaper, QWidget *parent)
    : QDialog(parent)
    , m_tab(tab)
    , m_reaper(reaper)
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_rerun(new QRadioButton(this))
    , m_fetched(new QRadioButton(this))
    , m_header(new QCheckBox(tr("Header row"), this))
    , m_table(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_outcome(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setWindowTitle(tr("Export Results"));
    for (ExportFormat format : exportformats::all())
        m_format->addItem(exportformats::displayName(format), int(format));
    m_header->setChecked(true);
    m_table->setText(QStringLiteral("exported"));
    const int fetched = tab->resultModel()->storedRowCount();
    m_rerun->setText(tr("Run the query again: every row, whole values, streamed"));
    m_fetched->setText(tr("The %n row(s) already fetched", nullptr, fetched));
    m_rerun->setChecked(true);
    m_fetched->setEnabled(tab->resultModel()->columnCount() > 0);
    // Only a statement that gave rows runs again; the statement runs as it is.
    m_rerun->setEnabled(tab->lastStatementGaveRows() && !tab->lastSql().trimmed().isEmpty());
    m_rerun->setToolTip(tr("Runs this again on the tab's connection: %1")
                            .arg(tab->lastSql().simplified().left(200)));
    if (!m_rerun->isEnabled())
        m_fetched->setChecked(true);
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_outcome->setWordWrap(true);

    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("File:"), pathRow);
    form->addRow(QString(), m_header);
    form->addRow(tr("SQL table name:"), m_table);
    auto *source = new QVBoxLayout;
    source->addWidget(m_rerun);
    source->addWidget(m_fetched);

    m_start = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(tr("Cancel Export"), QDialogButtonBox::ActionRole);
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    m_cancel->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(source);
    layout->addWidget(m_progress);
    layout->addWidget(m_outcome);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestPath);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text());
        if (!path.isEmpty())
            m_path->setText(path);
    });
    connect(m_start, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    suggestPath();
}

void ExportDialog::reject()
{
    if (m_running) {
        m_closeRefused = true;
        showProgress(m_progressText);
        return;
    }
    QDialog::reject();
}

void ExportDialog::showProgress(const QString &text)
{
    // Progress keeps coming: the reason the dialog stayed must stay with it.
    m_progressText = text;
    m_outcome->setText(m_closeRefused
                           ? text + QLatin1Char('\n') + tr("An export is running: Cancel it first.")
                           : text);
}

void ExportDialog::suggestPath()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    m_table->setEnabled(format == ExportFormat::SqlInsert);
    m_header->setEnabled(format == ExportFormat::Csv || format == ExportFormat::Tsv ||
                         format == ExportFormat::Markdown);
    QFileInfo current(m_path->text());
    const QString folder = m_path->text().isEmpty() ? QDir::homePath() : current.absolutePath();
    const QString stem =
        m_path->text().isEmpty() ? QStringLiteral("result") : current.completeBaseName();
    m_path->setText(
        QDir(folder).filePath(stem + QLatin1Char('.') + exportformats::fileExtension(format)));
}

QString ExportDialog::outcome() const
{
    return m_outcome->text();
}

void ExportDialog::setRunning(bool running)
{
    m_running = running;
    m_closeRefused = false;
    m_close->setEnabled(!running);
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_format->setEnabled(!running);
    m_path->setEnabled(!running);
    m_progress->setVisible(running);
}

void ExportDialog::startExport()
{
    if (m_running || !m_tab)
        return;
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_outcome->setText(tr("Choose a file to export to."));
        return;
    }
    ExportOptions options;
    options.format = ExportFormat(m_format->currentData().toInt());
    options.header = m_header->isChecked();
    options.sqlDialect = m_tab->engine()->dialect();
    options.sqlTable = m_table->text().trimmed().isEmpty() ? QStringLiteral("exported")
                                                           : m_table->text().trimmed();
    showProgress(tr("Exporting…"));

    if (m_rerun->isChecked()) {
        Session *session = m_tab->session();
        if (session->isBusy()) {
            m_outcome->setText(
                tr("The tab is still running a statement; wait for it or cancel it."));
            return;
        }
        m_viaSession = true;
        setRunning(true);
        m_progress->setRange(0, 0);
        connect(session, &Session::taskProgress, this,
                [this](qint64 rows) { showProgress(tr("%L1 rows written…").arg(rows)); });
        connect(session, &Session::taskFinished, this,
                [this, session](const QVariant &value, const QString &error) {
                    disconnect(session, nullptr, this, nullptr);
                    const ExportResult result = value.value<ExportResult>();
                    finish(error.isEmpty() && result.ok, result.rows,
                           error.isEmpty() ? result.error : error,
                           result.cancelled || error == QLatin1String("Cancelled"));
                });
        session->runTask(ExportTask::make(m_tab->lastSql(), options, path));
        return;
    }
    m_viaSession = false;
    delete m_modelExporter;
    m_modelExporter = new ModelExporter(m_reaper, this);
    const qint64 total = m_tab->resultModel()->storedRowCount();
    m_progress->setRange(0, 1000);
    connect(m_modelExporter, &ModelExporter::progress, this, [this](qint64 rows, qint64 all) {
        m_progress->setValue(all > 0 ? int(rows * 1000 / all) : 0);
        showProgress(tr("%L1 of %L2 rows written…").arg(rows).arg(all));
    });
    connect(m_modelExporter, &ModelExporter::finished, this,
            [this, total](bool ok, const QString &error) {
                const ExportResult result = m_modelExporter->result();
                finish(ok, ok ? total : result.rows, error, result.cancelled);
            });
    setRunning(true);
    if (!m_modelExporter->start(m_tab->resultModel()->columns(), m_tab->resultModel()->batches(),
                                options, path)) {
        setRunning(false);
        m_outcome->setText(tr("Cannot start the export."));
    }
}

void ExportDialog::cancelExport()
{
    if (!m_running)
        return;
    if (m_viaSession && m_tab)
        m_tab->session()->cancel();
    else if (m_modelExporter)
        m_modelExporter->cancel();
}

void ExportDialog::finish(bool ok, qint64 rows, const QString &error, bool cancelled)
{
    setRunning(false);
    QString message;
    if (ok)
        message = tr("Exported %Ln row(s) to %1.", nullptr, rows).arg(m_path->text());
    else if (cancelled)
        message = tr("Export cancelled; no file was written.");
    else
        message = tr("Export failed: %1 No file was written.").arg(error);
    m_outcome->setText(message);
    Q_EMIT exportFinished(ok, message);
}

#include "ui/importdialog.h"

#include "core/import/importpreview.h"
#include "core/import/importresult.h"
#include "core/import/importtask.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

enum ColumnsColumn { FileColumn, TableColumn, TypeColumn, ValuesColumn };

} // namespace

ImportDialog::ImportDialog(Engine *engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_session(new Session(engine, tr("Import CSV"), this))
    , m_path(new QLineEdit(this))
    , m_delimiter(new QComboBox(this))
    , m_header(new QCheckBox(tr("The first line names the columns"), this))
    , m_null(new QLineEdit(this))
    , m_table(new QLineEdit(this))
    , m_create(new QRadioButton(tr("Create a new table"), this))
    , m_existing(new QRadioButton(tr("Into an existing table"), this))
    , m_columns(new QTableWidget(0, 4, this))
    , m_status(new QLabel(this))
{
    m_session->setClosesItsConnections(true);
    setWindowTitle(tr("Import CSV into %1").arg(engine->name()));
    m_delimiter->addItem(tr("Comma ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Bar |"), QStringLiteral("|"));
    m_header->setChecked(true);
    m_null->setPlaceholderText(tr("an unquoted empty field"));
    m_null->setToolTip(tr("An unquoted field equal to this is NULL; left empty, an unquoted "
                          "empty field is NULL and \"\" an empty string"));
    m_create->setChecked(true);
    m_columns->setHorizontalHeaderLabels(
        {tr("File column"), tr("Table column"), tr("Type"), tr("First values")});
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->verticalHeader()->hide();
    m_status->setWordWrap(true);

    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *modes = new QHBoxLayout;
    modes->addWidget(m_create);
    modes->addWidget(m_existing);
    modes->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Delimiter:"), m_delimiter);
    form->addRow(QString(), m_header);
    form->addRow(tr("NULL is:"), m_null);
    form->addRow(tr("Table:"), m_table);
    form->addRow(QString(), modes);

    auto *buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(tr("Cancel Import"), QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_columns, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 520);

    connectFields(browse, buttons);
    updateButtons();
}

void ImportDialog::connectFields(QToolButton *browse, QDialogButtonBox *buttons)
{
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(250);
    connect(&m_previewTimer, &QTimer::timeout, this, &ImportDialog::preview);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import CSV"), m_path->text(),
                                         tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });
    connect(m_path, &QLineEdit::textChanged, this, [this](const QString &path) {
        // A new file suggests a table named after it.
        if (!m_table->isModified())
            m_table->setText(QFileInfo(path).completeBaseName());
        schedulePreview();
    });
    connect(m_table, &QLineEdit::textEdited, this, &ImportDialog::schedulePreview);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ImportDialog::schedulePreview);
    connect(m_header, &QCheckBox::toggled, this, &ImportDialog::schedulePreview);
    connect(m_null, &QLineEdit::textEdited, this, &ImportDialog::schedulePreview);
    connect(m_create, &QRadioButton::toggled, this, &ImportDialog::schedulePreview);
    connect(m_session, &Session::taskProgress, this, [this](qint64 rows) {
        if (m_importing)
            showProgress(tr("%L1 rows sent…").arg(rows));
    });
    connect(m_start, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::cancelImport);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
}

ImportDialog::~ImportDialog()
{
    // Returns (and closes) the dialog's connection; a running import is
    // cancelled and rolled back on its way.
    m_session->close();
}

QString ImportDialog::outcome() const
{
    return m_status->text();
}

bool ImportDialog::isBusy() const
{
    return m_importing || m_previewing;
}

void ImportDialog::reject()
{
    if (m_importing) {
        m_closeRefused = true;
        showProgress(m_progress);
        return;
    }
    QDialog::reject();
}

void ImportDialog::showProgress(const QString &text)
{
    // Progress keeps coming: the reason the dialog stayed must stay with it.
    m_progress = text;
    m_status->setText(m_closeRefused
                          ? text + QLatin1Char('\n') + tr("An import is running: Cancel it first.")
                          : text);
}

ImportOptions ImportDialog::options() const
{
    ImportOptions options;
    options.path = m_path->text().trimmed();
    options.setQualifiedTable(m_table->text());
    options.create = m_create->isChecked();
    options.delimiter = m_delimiter->currentData().toString().at(0).toLatin1();
    options.header = m_header->isChecked();
    if (!m_null->text().isEmpty())
        options.nullText = m_null->text().toUtf8();
    return options;
}

void ImportDialog::schedulePreview()
{
    m_ready = false;
    updateButtons();
    m_previewTimer.start();
}

void ImportDialog::preview()
{
    // A preview asked for now makes one still scheduled redundant; left
    // running, it would replace an import's outcome with "Reading the file".
    m_previewTimer.stop();
    if (m_path->text().trimmed().isEmpty() || m_importing)
        return;
    if (m_previewing) { // the answer on its way is already out of date
        m_previewAgain = true;
        return;
    }
    m_previewing = true;
    m_status->setText(tr("Reading the file…"));
    const QMetaObject::Connection link = connect(
        m_session, &Session::taskFinished, this,
        [this](const QVariant &value, const QString &error) {
            m_previewing = false;
            if (m_previewAgain) {
                m_previewAgain = false;
                preview();
                return;
            }
            if (!error.isEmpty()) {
                m_status->setText(error);
                updateButtons();
                return;
            }
            showPreview(value.value<ImportPreview>());
        },
        Qt::SingleShotConnection);
    if (!m_session->runTask(ImportPreview::task(options()))) {
        disconnect(link);
        m_previewing = false;
        m_status->setText(tr("The connection is busy; try again in a moment."));
    }
}

void ImportDialog::showPreview(const ImportPreview &preview)
{
    m_previewed = true;
    m_ready = false;
    const ImportColumns::Guess &file = preview.file;
    m_columns->setRowCount(0);
    if (!file.error.isEmpty()) {
        m_status->setText(preview.verdict);
        updateButtons();
        Q_EMIT previewShown();
        return;
    }
    const bool create = m_create->isChecked();
    m_columns->setRowCount(int(file.names.size()));
    for (int row = 0; row < file.names.size(); ++row) {
        QStringList values;
        for (const auto &record : file.sample) {
            if (values.size() < 5 && row < record.size())
                values << (record.at(row) ? record.at(row)->left(40) : QStringLiteral("NULL"));
        }
        auto *source = new QTableWidgetItem(file.names.at(row));
        auto *target = new QTableWidgetItem;
        auto *type = new QTableWidgetItem;
        auto *sample = new QTableWidgetItem(values.join(QStringLiteral(" · ")));
        for (QTableWidgetItem *item : {source, sample})
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        if (create) {
            // A new table's names and types are the person's to change.
            target->setText(file.names.at(row));
            type->setText(file.types.value(row));
        } else {
            const int column = preview.targets.value(row, -1);
            const bool found = column >= 0 && column < preview.tableColumns.size();
            target->setText(found ? preview.tableColumns.at(column).name : tr("not in the table"));
            type->setText(found ? preview.tableColumns.at(column).typeName : QString());
            if (!found)
                target->setForeground(QColor(0xc0, 0x1c, 0x28));
            for (QTableWidgetItem *item : {target, type})
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        }
        m_columns->setItem(row, FileColumn, source);
        m_columns->setItem(row, TableColumn, target);
        m_columns->setItem(row, TypeColumn, type);
        m_columns->setItem(row, ValuesColumn, sample);
    }
    m_columns->resizeColumnsToContents();
    m_ready = preview.ready;
    m_status->setText(preview.verdict);
    updateButtons();
    Q_EMIT previewShown();
}

void ImportDialog::startImport()
{
    if (!m_ready || isBusy() || !m_engine)
        return;
    ImportOptions chosen = options();
    if (chosen.create) {
        for (int row = 0; row < m_columns->rowCount(); ++row) {
            chosen.columnNames << m_columns->item(row, TableColumn)->text().trimmed();
            chosen.columnTypes << m_columns->item(row, TypeColumn)->text().trimmed();
        }
    }
    m_previewTimer.stop();
    m_importing = true;
    m_closeRefused = false;
    showProgress(tr("Importing…"));
    const QMetaObject::Connection link = connect(
        m_session, &Session::taskFinished, this,
        [this](const QVariant &value, const QString &error) {
            finish(value.value<ImportResult>(), error);
        },
        Qt::SingleShotConnection);
    if (!m_session->runTask(ImportTask::task(chosen))) {
        disconnect(link);
        m_importing = false;
        m_status->setText(tr("The connection is busy; try again in a moment."));
    }
    updateButtons();
}

void ImportDialog::cancelImport()
{
    if (m_importing)
        m_session->cancel();
}

void ImportDialog::finish(const ImportResult &result, const QString &error)
{
    m_importing = false;
    m_closeRefused = false;
    QString message;
    if (result.ok && error.isEmpty()) {
        message = tr("Imported %Ln row(s) into %1 in %2 s.", nullptr, int(result.rows))
                      .arg(m_table->text().trimmed())
                      .arg(double(result.elapsedMs) / 1000.0, 0, 'f', 1);
        m_ready = false; // the same file again would be a second copy
    } else if (result.cancelled || error == QLatin1String("Cancelled")) {
        message = tr("Cancelled: nothing was imported.");
    } else {
        message = (error.isEmpty() ? result.error : error) + QLatin1Char('\n') +
                  tr("Nothing was imported.");
    }
    m_status->setText(message);
    updateButtons();
    Q_EMIT importFinished(result.ok && error.isEmpty(), message);
}

void ImportDialog::updateButtons()
{
    m_start->setEnabled(m_ready && !isBusy() && m_engine);
    m_cancel->setEnabled(m_importing);
    m_close->setEnabled(!m_importing);
    for (QWidget *field : std::initializer_list<QWidget *>{
             m_path, m_delimiter, m_header, m_null, m_table, m_create, m_existing, m_columns})
        field->setEnabled(!m_importing);
}

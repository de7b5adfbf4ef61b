#include "ui/tabletab.h"

#include "core/browse/applyresult.h"
#include "core/browse/applytask.h"
#include "core/browse/changestatements.h"
#include "core/browse/tablequery.h"
#include "core/models/tabledatamodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "ui/celldelegate.h"
#include "ui/filterbar.h"
#include "ui/statusline.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

TableTab::TableTab(Engine *engine, const TableShape &shape, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    , m_session(new Session(engine, name, this))
    , m_model(new TableDataModel(this))
    , m_view(new QTableView(this))
    , m_filters(new FilterBar(m_view->horizontalHeader(), this))
    , m_message(new QLabel(this))
    , m_status(new StatusLine(this))
{
    m_session->setClosesItsConnections(true);
    m_model->setShape(shape);
    buildActions();
    buildLayout();
    connectSession();
    connect(m_model, &TableDataModel::pendingChanged, this, &TableTab::updateState);
    connect(m_model, &TableDataModel::refused, this, &TableTab::showMessage);
    connect(m_model, &TableDataModel::sortRequested, this, [this](int column, Qt::SortOrder order) {
        // QTableView asks twice for one click (the header's signal, then itself).
        if (column == m_sortColumn && order == m_sortOrder)
            return;
        const int oldColumn = m_sortColumn;
        const Qt::SortOrder oldOrder = m_sortOrder;
        m_sortColumn = column;
        m_sortOrder = order;
        if (!reload()) { // pending changes: the header shows the order still in force
            m_sortColumn = oldColumn;
            m_sortOrder = oldOrder;
            const QSignalBlocker quiet(m_model);
            m_view->horizontalHeader()->setSortIndicator(oldColumn, oldOrder);
        }
    });
    connect(m_filters, &FilterBar::filtersChanged, this, &TableTab::reload);
    m_filters->setColumnCount(m_model->columnCount());
    updateState();
    reload();
}

TableTab::~TableTab() = default;

Engine *TableTab::engine() const
{
    return m_session->engine();
}

void TableTab::buildActions()
{
    const auto make = [this](const QString &text, const QKeySequence &key, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(key.isEmpty() ? tip
                                         : QStringLiteral("%1 (%2)").arg(
                                               tip, key.toString(QKeySequence::NativeText)));
        addAction(action);
        return action;
    };
    m_refreshAction = make(tr("Refresh"), QKeySequence(Qt::Key_F5),
                           tr("Read the rows again with the filters and order"));
    m_cancelAction = make(tr("Cancel"), QKeySequence(Qt::Key_Escape),
                          tr("Stop reading rows, or stop the Apply (it rolls back)"));
    m_addAction = make(tr("Add Row"), QKeySequence(Qt::CTRL | Qt::Key_Insert),
                       tr("Add a new row; cells left alone take their default"));
    m_deleteAction = make(tr("Delete Rows"), QKeySequence(Qt::CTRL | Qt::Key_Delete),
                          tr("Mark the selected rows for deletion"));
    m_nullAction = make(tr("Set NULL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                        tr("Set the selected cells to NULL"));
    m_applyAction = make(tr("Apply"), QKeySequence(Qt::CTRL | Qt::Key_S),
                         tr("Run the pending changes in one transaction"));
    m_discardAction =
        make(tr("Discard"), QKeySequence(), tr("Forget the pending changes; nothing is sent"));
    m_showSqlAction = make(tr("Show SQL"), QKeySequence(), tr("Show exactly what Apply will run"));
    connect(m_refreshAction, &QAction::triggered, this, &TableTab::reload);
    connect(m_cancelAction, &QAction::triggered, this, &TableTab::cancel);
    connect(m_addAction, &QAction::triggered, this, &TableTab::addRow);
    connect(m_deleteAction, &QAction::triggered, this, &TableTab::deleteSelectedRows);
    connect(m_nullAction, &QAction::triggered, this, &TableTab::setSelectedNull);
    connect(m_applyAction, &QAction::triggered, this, &TableTab::apply);
    connect(m_discardAction, &QAction::triggered, this, &TableTab::discard);
    connect(m_showSqlAction, &QAction::triggered, this, &TableTab::showSql);
}

void TableTab::buildLayout()
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addActions({m_refreshAction, m_cancelAction});
    if (m_model->isEditable()) {
        toolbar->addSeparator();
        toolbar->addActions({m_addAction, m_deleteAction, m_nullAction});
        toolbar->addSeparator();
        toolbar->addActions({m_applyAction, m_discardAction, m_showSqlAction});
    }
    m_view->setModel(m_model);
    m_view->setItemDelegate(new CellDelegate(m_view));
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->setWordWrap(false);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #b02020; padding: 2px 4px; }"));
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(m_filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
}

void TableTab::connectSession()
{
    connect(m_session, &Session::resultStarted, this,
            [this](const Columns &columns) { m_model->setColumns(columns); });
    connect(m_session, &Session::rowsReady, m_model, &TableDataModel::appendRows);
    connect(m_session, &Session::finished, this, &TableTab::onReadFinished);
    connect(m_session, &Session::taskFinished, this, &TableTab::onApplied);
    connect(m_session, &Session::stateChanged, this, &TableTab::updateState);
}

bool TableTab::reload()
{
    if (m_model->hasPendingChanges()) {
        showMessage(tr("Apply or discard the %n pending change(s) first: reading the rows again "
                       "would drop them.",
                       nullptr, m_model->pendingCount()));
        return false;
    }
    if (m_applying) {
        showMessage(tr("Apply is running: wait for it to end, or cancel it (Esc)."));
        return false;
    }
    if (m_session->isBusy()) {
        // A new order or filter replaces the read still streaming.
        m_readAgain = true;
        m_session->cancel();
        return true;
    }
    TableQuery query(m_model->shape());
    QMap<int, ColumnFilter> filters;
    for (int column = 0; column < m_model->columnCount(); ++column) {
        const ColumnFilter filter = ColumnFilter::parse(m_filters->text(column));
        if (!filter.error.isEmpty()) {
            m_filters->markError(column, filter.error);
            showMessage(tr("Filter on %1: %2")
                            .arg(m_model->shape().columns().at(column).name, filter.error));
            return false;
        }
        filters.insert(column, filter);
    }
    query.setFilters(filters);
    query.setOrder(m_sortColumn, m_sortOrder);
    QString error;
    const BoundStatement statement = query.statement(&error);
    if (statement.sql.isEmpty()) {
        showMessage(error);
        return false;
    }
    m_filters->markError(-1, QString());
    showMessage(QString());
    m_readOutcome = tr("Reading…");
    m_session->execute(statement.sql, statement.params);
    updateState();
    return true;
}

void TableTab::onReadFinished(const StatementResult &result)
{
    if (m_readAgain) {
        m_readAgain = false;
        reload();
        return;
    }
    if (result.ok) {
        m_readOutcome = tr("%n row(s)", nullptr, int(qMin<qint64>(result.rowCount, INT_MAX)));
    } else {
        m_readOutcome = result.cancelled ? tr("Reading stopped") : tr("Read failed");
        showMessage(result.cancelled ? tr("Reading stopped: the rows read so far are shown.")
                                     : result.error);
    }
    updateState();
}

void TableTab::apply()
{
    if (!m_model->hasPendingChanges() || m_session->isBusy())
        return;
    QVector<int> rows;
    const QVector<BoundStatement> statements =
        ChangeStatements::build(m_model->shape(), m_model->changes(), &rows);
    m_applying = m_session->runTask(ApplyTask::task(statements, rows));
    if (m_applying) {
        showMessage(QString());
        m_readOutcome = tr("Applying %n change(s)…", nullptr, m_model->pendingCount());
    }
    updateState();
}

void TableTab::onApplied(const QVariant &value, const QString &error)
{
    if (!m_applying)
        return;
    m_applying = false;
    const ApplyResult result = value.value<ApplyResult>();
    if (!error.isEmpty() || !result.ok) {
        m_closeAfterApply = false;
        m_readOutcome = tr("Nothing applied");
        showMessage(result.error.isEmpty() ? error : result.error);
        if (result.failedRow >= 0 && result.failedRow < m_model->rowCount())
            m_view->selectRow(result.failedRow);
        updateState();
        return;
    }
    m_model->discard(); // applied: the rows are read again as the server has them
    if (m_closeAfterApply) {
        Q_EMIT readyToClose();
        return;
    }
    reload();
    m_readOutcome = tr("Applied %n change(s); reading again…", nullptr, result.statements);
    updateState();
}

void TableTab::discard()
{
    m_model->discard();
    showMessage(QString());
}

void TableTab::addRow()
{
    if (!m_model->isEditable())
        return;
    const int row = m_model->addRow();
    m_view->scrollToBottom();
    m_view->setCurrentIndex(m_model->index(row, 0));
}

void TableTab::deleteSelectedRows()
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected)
        rows << index.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    m_model->removeGridRows(rows);
}

void TableTab::setSelectedNull()
{
    QModelIndexList cells = m_view->selectionModel()->selectedIndexes();
    if (cells.isEmpty() && m_view->currentIndex().isValid())
        cells << m_view->currentIndex();
    for (const QModelIndex &index : std::as_const(cells)) {
        if (!m_model->setNull(index))
            break; // refused: the message says why
    }
}

QString TableTab::pendingSql() const
{
    return ChangeStatements::render(m_model->shape().dialect(),
                                    ChangeStatements::build(m_model->shape(), m_model->changes()));
}

void TableTab::showSql()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("What Apply will run"));
    auto *text = new QPlainTextEdit(pendingSql(), dialog);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, dialog,
            [text] { QApplication::clipboard()->setText(text->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(
        new QLabel(tr("Each value goes as a parameter, listed under its statement."), dialog));
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(720, 420);
    dialog->open();
}

void TableTab::cancel()
{
    m_session->cancel();
}

bool TableTab::prepareToClose()
{
    if (m_applying) {
        showMessage(tr("Apply is running: wait for it, or cancel it (Esc) to roll it back."));
        return false;
    }
    const int pending = m_model->pendingCount();
    if (pending == 0)
        return true;
    QMessageBox box(QMessageBox::Question, tr("Pending changes"),
                    tr("%1 has %n change(s) not applied.", nullptr, pending).arg(m_name),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Apply them, discard them, or keep the tab open?"));
    QPushButton *applyButton = box.addButton(tr("Apply"), QMessageBox::AcceptRole);
    QPushButton *discardButton = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    // The dialog's event loop ran: the changes may have gone (applied, discarded).
    if (box.clickedButton() == discardButton || !m_model->hasPendingChanges())
        return true;
    if (box.clickedButton() == applyButton) {
        m_closeAfterApply = true;
        apply();
        if (!m_applying)
            m_closeAfterApply = false;
    }
    return false;
}

QString TableTab::statusText() const
{
    return m_status->text();
}

QString TableTab::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void TableTab::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void TableTab::updateState()
{
    const bool busy = m_session->isBusy();
    const int pending = m_model->pendingCount();
    const bool editable = m_model->isEditable();
    m_refreshAction->setEnabled(!busy);
    m_cancelAction->setEnabled(busy);
    m_addAction->setEnabled(editable && !busy);
    m_deleteAction->setEnabled(editable && !busy);
    m_nullAction->setEnabled(editable && !busy);
    m_applyAction->setEnabled(editable && !busy && pending > 0);
    m_discardAction->setEnabled(!busy && pending > 0);
    m_showSqlAction->setEnabled(pending > 0);
    m_view->setEditTriggers(editable && !busy ? QAbstractItemView::DoubleClicked |
                                                    QAbstractItemView::EditKeyPressed |
                                                    QAbstractItemView::AnyKeyPressed
                                              : QAbstractItemView::NoEditTriggers);
    QStringList parts;
    parts << m_model->shape().qualifiedName() << m_readOutcome;
    if (pending > 0)
        parts << tr("%n pending change(s)", nullptr, pending);
    if (!editable)
        parts << tr("read-only: %1").arg(m_model->shape().readOnlyReason());
    parts.removeAll(QString());
    m_status->setText(parts.join(QStringLiteral(" · ")));
    Q_EMIT pendingCountChanged(pending);
}

#include "ui/sessiontab.h"

#include "core/connection.h"
#include "core/engine.h"
#include "core/resultmodel.h"
#include "core/session.h"
#include "ui/celldelegate.h"
#include "ui/sqleditor.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QToolBar>
#include <QVBoxLayout>

SessionTab::SessionTab(Engine *engine, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_session(new Session(engine, name, this))
    , m_model(new ResultModel(this))
    , m_editor(new SqlEditor(this))
    , m_view(new QTableView(this))
    , m_messages(new QPlainTextEdit(this))
    , m_outputTabs(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_mode(new QComboBox(this))
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_runAction = toolbar->addAction(tr("Run"));
    m_runAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_runAction->setToolTip(tr("Run the selection or the statement at the cursor (Ctrl+Enter)"));
    m_cancelAction = toolbar->addAction(tr("Cancel"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setEnabled(false);
    toolbar->addSeparator();
    m_mode->addItem(tr("Autocommit"));
    m_mode->addItem(tr("Transaction"));
    m_mode->setToolTip(tr("Autocommit returns the connection after each statement; "
                          "Transaction keeps it until Commit or Roll back"));
    toolbar->addWidget(m_mode);
    m_commitAction = toolbar->addAction(tr("Commit"));
    m_rollbackAction = toolbar->addAction(tr("Roll back"));
    addActions({m_runAction, m_cancelAction});

    m_view->setModel(m_model);
    m_view->setItemDelegate(new CellDelegate(m_view));
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_messages->setReadOnly(true);
    m_outputTabs->addTab(m_view, tr("Results"));
    m_outputTabs->addTab(m_messages, tr("Messages"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_outputTabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_runAction, &QAction::triggered, this, &SessionTab::runStatement);
    connect(m_cancelAction, &QAction::triggered, this, &SessionTab::cancel);
    connect(m_commitAction, &QAction::triggered, m_session, &Session::commit);
    connect(m_rollbackAction, &QAction::triggered, m_session, &Session::rollback);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_session->setMode(index == 1 ? Session::Mode::Transaction : Session::Mode::Autocommit);
    });
    connect(m_session, &Session::resultStarted, m_model, &ResultModel::setColumns);
    connect(m_session, &Session::rowsReady, m_model, &ResultModel::appendRows);
    connect(m_session, &Session::finished, this, &SessionTab::onFinished);
    connect(m_session, &Session::stateChanged, this, &SessionTab::updateStatus);
    updateStatus();
}

SessionTab::~SessionTab()
{
    // Closing the tab returns the connection (rolled back on its way).
    m_session->close();
}

QString SessionTab::messages() const
{
    return m_messages->toPlainText();
}

QString SessionTab::statusText() const
{
    return m_status->text();
}

void SessionTab::runStatement()
{
    const QString sql = m_editor->statementAtCursor();
    if (sql.trimmed().isEmpty()) {
        appendMessage(tr("Nothing to run: the cursor is not on a statement."));
        return;
    }
    if (m_session->isBusy())
        return;
    m_model->clear();
    m_lastOutcome.clear();
    m_clock.start();
    m_session->execute(sql);
    Q_EMIT busyChanged(true);
}

void SessionTab::cancel()
{
    m_session->cancel();
}

void SessionTab::onFinished(const StatementResult &result)
{
    const QString elapsed = tr("%1 ms").arg(m_clock.isValid() ? m_clock.elapsed() : 0);
    if (result.ok) {
        if (result.returnedRows)
            m_lastOutcome = tr("%n row(s) in %1", nullptr, int(result.rowCount)).arg(elapsed);
        else if (result.rowsAffected >= 0)
            m_lastOutcome =
                tr("%n row(s) affected in %1", nullptr, int(result.rowsAffected)).arg(elapsed);
        else
            m_lastOutcome = tr("Done in %1").arg(elapsed);
        appendMessage(m_lastOutcome);
        m_outputTabs->setCurrentWidget(result.returnedRows ? static_cast<QWidget *>(m_view)
                                                           : m_messages);
    } else {
        m_lastOutcome = result.cancelled ? tr("Cancelled after %1").arg(elapsed) : tr("Error");
        QString text = result.error;
        if (result.errorPosition >= 0)
            text += tr(" (at character %1)").arg(result.errorPosition + 1);
        appendMessage(result.cancelled && !result.error.isEmpty() ? result.error : text);
        if (!result.cancelled)
            m_outputTabs->setCurrentWidget(m_messages);
    }
    for (const QString &notice : result.notices)
        appendMessage(notice);
    updateStatus();
    Q_EMIT busyChanged(false);
}

void SessionTab::appendMessage(const QString &text)
{
    m_messages->appendPlainText(QStringLiteral("[%1] %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), text));
}

void SessionTab::updateStatus()
{
    QStringList parts;
    if (!m_lastOutcome.isEmpty())
        parts << m_lastOutcome;
    if (m_session->isWaitingForConnection())
        parts << tr("waiting for a connection");
    else if (const Connection *connection = m_session->connection())
        parts << tr("connection #%1").arg(connection->number());
    else
        parts << tr("no connection");
    if (m_session->inTransaction())
        parts << tr("in transaction since %1")
                     .arg(m_session->transactionStartedAt().toLocalTime().toString(
                         QStringLiteral("HH:mm:ss")));
    m_status->setText(parts.join(QStringLiteral(" · ")));
    const bool busy = m_session->isBusy();
    m_runAction->setEnabled(!busy);
    m_cancelAction->setEnabled(busy);
    m_commitAction->setEnabled(!busy && m_session->inTransaction());
    m_rollbackAction->setEnabled(!busy && m_session->inTransaction());
}

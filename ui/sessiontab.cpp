#include "ui/sessiontab.h"

#include "core/connection/connection.h"
#include "core/models/resultmodel.h"
#include "core/plan/explaintask.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/statementqueue.h"
#include "core/settings/queryhistory.h"
#include "core/sql/statementkind.h"
#include "ui/celldelegate.h"
#include "ui/planview.h"
#include "ui/resultgrid.h"
#include "ui/sqleditor.h"
#include "ui/statusline.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTime>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

SessionTab::SessionTab(Engine *engine, const QString &name, QueryHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    , m_history(history)
    , m_session(new Session(engine, name, this))
    , m_queue(new StatementQueue(m_session, this))
    , m_model(new ResultModel(this))
    , m_editor(new SqlEditor(engine->dialect(), this))
    , m_view(new ResultGrid(this))
    , m_planView(new PlanView(this))
    , m_messages(new QPlainTextEdit(this))
    , m_outputTabs(new QTabWidget(this))
    , m_status(new StatusLine(this))
    , m_mode(new QComboBox(this))
    , m_historyButton(new QToolButton(this))
{
    // A tab leaves the server as it found it: what was opened for it closes with it.
    m_session->setClosesItsConnections(true);
    QToolBar *toolbar = buildToolbar();
    buildResultArea();
    buildLayout(toolbar);
    connectActions();
    connectSession();
    // The status line's "since" and elapsed time move while something runs.
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &SessionTab::updateStatus);
    m_ticker.start();
    updateStatus();
}

QToolBar *SessionTab::buildToolbar()
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_runAction = toolbar->addAction(tr("Run"));
    m_runAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setToolTip(tr("Run the selection or the statement at the cursor (Ctrl+Enter)"));
    m_runAllAction = toolbar->addAction(tr("Run All"));
    m_runAllAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    m_runAllAction->setToolTip(
        tr("Run every statement, stopping at the first error (Ctrl+Shift+Enter)"));
    m_cancelAction = toolbar->addAction(tr("Cancel"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the running statement (Esc); the connection stays usable"));
    toolbar->addSeparator();
    m_explainAction = toolbar->addAction(tr("Explain"));
    m_explainAction->setShortcut(QKeySequence(Qt::Key_F7));
    m_explainAction->setToolTip(
        tr("Show how the server will run the statement at the cursor, without running it (F7)"));
    m_analyzeAction = toolbar->addAction(tr("Explain Analyze"));
    m_analyzeAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_analyzeAction->setToolTip(tr("Run the statement at the cursor and show the actual rows and "
                                   "time of each step; its changes are rolled back (Shift+F7)"));
    toolbar->addSeparator();
    m_mode->addItem(tr("Autocommit"));
    m_mode->addItem(tr("Transaction"));
    m_mode->setToolTip(
        tr("Autocommit returns the connection to the pool after each statement; "
           "Transaction keeps it from the first statement until Commit or Roll back"));
    toolbar->addWidget(m_mode);
    m_commitAction = toolbar->addAction(tr("Commit"));
    m_rollbackAction = toolbar->addAction(tr("Roll Back"));
    toolbar->addSeparator();
    m_historyButton->setText(tr("History"));
    m_historyButton->setToolTip(tr("Statements run on this bind"));
    m_historyButton->setPopupMode(QToolButton::InstantPopup);
    m_historyButton->setMenu(new QMenu(m_historyButton));
    toolbar->addWidget(m_historyButton);
    m_exportAction = toolbar->addAction(tr("Export…"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    const QList<QAction *> keyed = {m_runAction,     m_runAllAction,  m_cancelAction,
                                    m_explainAction, m_analyzeAction, m_exportAction};
    for (QAction *action : keyed)
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions(keyed);
    return toolbar;
}

void SessionTab::buildResultArea()
{
    m_model->setInsertIntervalMs(kRowsShownEveryMs);
    m_view->setResultModel(m_model);
    m_view->setItemDelegate(new CellDelegate(m_view));
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_messages->setReadOnly(true);
    m_outputTabs->addTab(m_view, tr("Results"));
    m_outputTabs->addTab(m_messages, tr("Messages"));
    m_outputTabs->addTab(m_planView, tr("Plan"));
}

void SessionTab::buildLayout(QToolBar *toolbar)
{
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
}

void SessionTab::connectActions()
{
    connect(m_runAction, &QAction::triggered, this, &SessionTab::runStatement);
    connect(m_runAllAction, &QAction::triggered, this, &SessionTab::runAll);
    connect(m_cancelAction, &QAction::triggered, this, &SessionTab::cancel);
    connect(m_explainAction, &QAction::triggered, this, [this] { explain(false); });
    connect(m_analyzeAction, &QAction::triggered, this, [this] { explain(true); });
    connect(m_exportAction, &QAction::triggered, this, &SessionTab::exportRequested);
    connect(m_commitAction, &QAction::triggered, this, [this] {
        m_lastSql = QStringLiteral("COMMIT");
        m_clock.start();
        m_session->commit();
    });
    connect(m_rollbackAction, &QAction::triggered, this, [this] {
        m_lastSql = QStringLiteral("ROLLBACK");
        m_clock.start();
        m_session->rollback();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_session->setMode(index == 1 ? Session::Mode::Transaction : Session::Mode::Autocommit);
    });
    connect(m_historyButton->menu(), &QMenu::aboutToShow, this, &SessionTab::showHistoryMenu);
}

void SessionTab::connectSession()
{
    connect(m_session, &Session::resultStarted, m_model, &ResultModel::setColumns);
    connect(m_session, &Session::rowsReady, m_model, &ResultModel::appendRows);
    connect(m_session, &Session::stateChanged, this, &SessionTab::updateStatus);
    connect(m_session, &Session::connectionLost, this,
            [this](const QString &reason, bool transactionLost) {
                QString why = reason.simplified();
                while (why.endsWith(QLatin1Char('.')))
                    why.chop(1);
                QString text = tr("The connection was lost: %1.").arg(why);
                if (transactionLost)
                    text += tr(" The open transaction is gone; its changes were not committed.");
                text += tr(" The next statement opens a new connection.");
                appendMessage(text);
                m_outputTabs->setCurrentWidget(m_messages);
                updateStatus();
            });
    connect(m_session, &Session::finished, this, [this](const StatementResult &result) {
        if (!m_queue->isRunning())
            onFinished(result);
    });
    // In a script the grid keeps the last result that had rows.
    connect(m_queue, &StatementQueue::statementStarted, this, [this](int, const QString &sql) {
        m_lastSql = sql;
        m_clock.start();
    });
    connect(m_queue, &StatementQueue::statementFinished, this,
            [this](int, const StatementResult &result) { reportResult(result, m_lastSql, -1); });
    connect(m_queue, &StatementQueue::done, this, [this](bool ok, int stoppedAt) {
        appendMessage(
            ok ? tr("Ran %n statement(s).", nullptr, m_queue->count())
               : tr("Stopped at statement %1 of %2.").arg(stoppedAt + 1).arg(m_queue->count()));
        updateStatus();
        Q_EMIT busyChanged(false);
    });
}

SessionTab::~SessionTab()
{
    // Closing the tab returns the connection (rolled back on its way).
    m_session->close();
}

Engine *SessionTab::engine() const
{
    return m_session->engine();
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
    int offset = 0;
    const QString sql = m_editor->statementAtCursor(&offset);
    if (sql.trimmed().isEmpty()) {
        appendMessage(tr("Nothing to run: the cursor is not on a statement."));
        return;
    }
    start(sql, offset);
}

void SessionTab::runText(const QString &sql)
{
    m_editor->setText(sql);
    start(sql, 0);
}

void SessionTab::start(const QString &sql, int offset)
{
    if (m_session->isBusy() || m_queue->isRunning())
        return;
    m_editor->clearErrorMark();
    m_model->clear();
    m_lastOutcome.clear();
    m_lastSql = sql;
    m_lastOffset = offset;
    m_clock.start();
    m_session->execute(sql);
    Q_EMIT busyChanged(true);
}

void SessionTab::explain(bool analyze)
{
    int offset = 0;
    const QString sql = m_editor->statementAtCursor(&offset);
    if (sql.trimmed().isEmpty()) {
        appendMessage(tr("Nothing to explain: the cursor is not on a statement."));
        return;
    }
    if (m_session->isBusy() || m_queue->isRunning())
        return;
    if (analyze && StatementKind::mayWrite(sql, engine()->dialect())) {
        if (!confirmAnalyzeOfWrite(sql))
            return;
        // The dialog ran the event loop: a statement may have started meanwhile.
        if (m_session->isBusy() || m_queue->isRunning()) {
            appendMessage(tr("Something else ran while you were asked; nothing was explained."));
            return;
        }
    }
    m_editor->clearErrorMark();
    m_planView->clear();
    m_lastOutcome.clear();
    m_clock.start();
    const QMetaObject::Connection link = connect(
        m_session, &Session::taskFinished, this,
        [this, offset](const QVariant &value, const QString &error) {
            onExplained(value.value<QueryPlan>(), error, offset);
        },
        Qt::SingleShotConnection);
    if (!m_session->runTask(ExplainTask::task(sql, analyze))) {
        disconnect(link); // or it would take the answer of whatever runs next
        return;
    }
    m_outputTabs->setCurrentWidget(m_planView);
    updateStatus();
    Q_EMIT busyChanged(true);
}

bool SessionTab::confirmAnalyzeOfWrite(const QString &sql)
{
    QString shown = sql.simplified();
    if (shown.size() > 200)
        shown = shown.left(199) + QStringLiteral("…");
    QMessageBox box(QMessageBox::Question, tr("Explain Analyze runs the statement"),
                    tr("This statement may change data:\n\n%1\n\nExplain Analyze runs it to "
                       "measure it, so poolscope runs it inside a transaction and rolls it back "
                       "(a savepoint, when this tab has a transaction open).")
                        .arg(shown),
                    QMessageBox::NoButton, this);
    box.setInformativeText(
        tr("Nothing it changes is kept, but while it runs it takes the locks it needs and fires "
           "triggers; PostgreSQL sequences it advances stay advanced, and tables without "
           "transactions (MyISAM, Aria) keep their changes."));
    QPushButton *run = box.addButton(tr("Run and Roll Back"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == run;
}

void SessionTab::onExplained(const QueryPlan &plan, const QString &error, int offset)
{
    const QString elapsed = tr("%1 ms").arg(m_clock.isValid() ? m_clock.elapsed() : 0);
    if (error == QLatin1String("Cancelled") || plan.error == QLatin1String("Cancelled")) {
        m_lastOutcome = tr("Cancelled after %1").arg(elapsed);
        appendMessage(m_lastOutcome + tr("; anything the statement changed was rolled back."));
        m_outputTabs->setCurrentWidget(m_messages);
    } else if (!error.isEmpty() || !plan.error.isEmpty()) {
        m_lastOutcome = tr("Error");
        QString text = error.isEmpty() ? plan.error : error;
        if (plan.errorPosition >= 0) {
            text += tr(" (at character %1)").arg(plan.errorPosition + 1);
            m_editor->markError(offset + plan.errorPosition);
        }
        appendMessage(text);
        m_outputTabs->setCurrentWidget(m_messages);
    } else {
        m_planView->setPlan(plan);
        m_lastOutcome = (plan.analyzed ? tr("Analyzed in %1") : tr("Explained in %1")).arg(elapsed);
        appendMessage(m_lastOutcome);
        for (const QString &note : plan.notes)
            appendMessage(note);
        m_outputTabs->setCurrentWidget(m_planView);
    }
    updateStatus();
    Q_EMIT busyChanged(false);
}

void SessionTab::runAll()
{
    const QStringList statements = m_editor->allStatements();
    if (statements.isEmpty() || m_session->isBusy()) {
        if (statements.isEmpty())
            appendMessage(tr("Nothing to run."));
        return;
    }
    m_editor->clearErrorMark();
    m_lastOutcome.clear();
    if (m_queue->start(statements))
        Q_EMIT busyChanged(true);
}

void SessionTab::cancel()
{
    if (m_queue->isRunning())
        m_queue->cancel();
    else
        m_session->cancel();
}

void SessionTab::onFinished(const StatementResult &result)
{
    reportResult(result, m_lastSql, m_lastOffset);
    updateStatus();
    Q_EMIT busyChanged(false);
    if (m_closeAfterCommit && !m_session->inTransaction()) {
        m_closeAfterCommit = false;
        if (result.ok)
            Q_EMIT readyToClose();
        else
            appendMessage(tr("The commit failed; the tab stays open."));
    }
}

void SessionTab::reportResult(const StatementResult &result, const QString &sql, int offset)
{
    const qint64 ms = m_clock.isValid() ? m_clock.elapsed() : 0;
    const QString elapsed = tr("%1 ms").arg(ms);
    if (m_history && sql != QLatin1String("COMMIT") && sql != QLatin1String("ROLLBACK"))
        m_history->add(sql, result.ok, ms);
    if (sql == m_lastSql)
        m_lastGaveRows = result.returnedRows;
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
    } else if (result.cancelled) {
        m_lastOutcome = tr("Cancelled after %1").arg(elapsed);
        appendMessage(
            result.rowCount > 0
                ? tr("%1; %n row(s) received", nullptr, int(result.rowCount)).arg(m_lastOutcome)
                : m_lastOutcome);
    } else {
        m_lastOutcome = tr("Error");
        QString text = result.error;
        if (result.errorPosition >= 0) {
            text += tr(" (at character %1)").arg(result.errorPosition + 1);
            if (offset >= 0)
                m_editor->markError(offset + result.errorPosition);
        }
        if (result.connectionLost)
            text += tr("\nThe connection was lost; the next statement opens a new one.");
        appendMessage(text);
        m_outputTabs->setCurrentWidget(m_messages);
    }
    for (const QString &notice : result.notices)
        appendMessage(notice);
}

void SessionTab::appendMessage(const QString &text)
{
    m_messages->appendPlainText(QStringLiteral("[%1] %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), text));
}

void SessionTab::updateStatus()
{
    QStringList parts;
    const bool busy = m_session->isBusy() || m_queue->isRunning();
    if (busy && m_clock.isValid())
        parts << tr("running for %1 s").arg(m_clock.elapsed() / 1000);
    else if (!m_lastOutcome.isEmpty())
        parts << m_lastOutcome;
    if (m_model->storedRowCount() > m_model->rowCount())
        parts << tr("%1 of %2 rows shown (scroll for more)")
                     .arg(m_model->rowCount())
                     .arg(m_model->storedRowCount());
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
    m_runAction->setEnabled(!busy);
    m_runAllAction->setEnabled(!busy);
    m_explainAction->setEnabled(!busy);
    m_analyzeAction->setEnabled(!busy);
    m_cancelAction->setEnabled(busy);
    m_commitAction->setEnabled(!busy && m_session->inTransaction());
    m_rollbackAction->setEnabled(!busy && m_session->inTransaction());
}

void SessionTab::showHistoryMenu()
{
    QMenu *menu = m_historyButton->menu();
    menu->clear();
    const auto entries = m_history ? m_history->entries() : QList<QueryHistory::Entry>();
    if (entries.isEmpty()) {
        menu->addAction(tr("No statements yet"))->setEnabled(false);
        return;
    }
    for (int i = 0; i < qMin(30, int(entries.size())); ++i) {
        const QueryHistory::Entry &entry = entries.at(i);
        QString label = entry.sql.simplified();
        if (label.size() > 90)
            label = label.left(89) + QStringLiteral("…");
        QAction *action = menu->addAction(QStringLiteral("%1  %2").arg(
            entry.time.toLocalTime().toString(QStringLiteral("HH:mm")), label));
        action->setToolTip(entry.sql);
        const QString sql = entry.sql;
        connect(action, &QAction::triggered, this, [this, sql] { m_editor->setText(sql); });
    }
}

bool SessionTab::prepareToClose()
{
    if (!m_session->inTransaction() && !m_session->isBusy())
        return true;
    if (!m_session->inTransaction())
        return true; // a running statement is cancelled by close
    if (m_closeAfterCommit) {
        // Already answered: the tab closes when its commit is done. Asking
        // again would put a dialog on a tab that may be deleted under it.
        appendMessage(tr("The tab closes once its commit is done."));
        return false;
    }
    QMessageBox box(QMessageBox::Question, tr("Open transaction"),
                    tr("The tab %1 on %2 has a transaction open since %3.")
                        .arg(m_name, engine()->name(),
                             m_session->transactionStartedAt().toLocalTime().toString(
                                 QStringLiteral("HH:mm:ss"))),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Commit it, roll it back, or keep the tab open?"));
    QPushButton *commit = box.addButton(tr("Commit"), QMessageBox::AcceptRole);
    QPushButton *rollback = box.addButton(tr("Roll Back"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == rollback)
        return true; // closing rolls back
    if (box.clickedButton() == commit && !m_session->inTransaction()) {
        // It ended while the user read (the server ended the session, say).
        appendMessage(tr("The transaction ended while you were asked; there was nothing left "
                         "to commit. The tab stays open."));
        return false;
    }
    if (box.clickedButton() == commit) {
        m_closeAfterCommit = true;
        m_lastSql = QStringLiteral("COMMIT");
        m_clock.start();
        m_session->commit();
        return false;
    }
    return false;
}

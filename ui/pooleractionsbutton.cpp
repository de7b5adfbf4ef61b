#include "ui/pooleractionsbutton.h"

#include "core/pool/engine.h"
#include "core/pool/session.h"

#include <QMenu>
#include <QMessageBox>

PoolerActionsButton::PoolerActionsButton(QWidget *parent)
    : QToolButton(parent)
{
    setText(tr("Pooler"));
    setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(this);
    menu->setToolTipsVisible(true);
    setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, &PoolerActionsButton::rebuildMenu);
    hide();
}

PoolerActionsButton::~PoolerActionsButton()
{
    if (m_running)
        m_running->close();
}

void PoolerActionsButton::setState(Engine *engine, const std::optional<PgBouncerState> &state,
                                   const ServerSessions &clients)
{
    m_engine = engine;
    setVisible(state.has_value());
    m_state = state.value_or(PgBouncerState());
    m_clients.clear();
    for (const ServerSession &client : clients)
        ++m_clients[client.database];
    // Offered to no database: the reason is the user's.
    QString why;
    PgBouncerActions::isOffered(PgBouncerActions::Action::Reconnect, m_state, QString(), &why);
    setEnabled(m_state.admin);
    setToolTip(m_state.admin ? tr("Pause, resume, kill or reconnect one of PgBouncer's databases")
                             : why);
}

void PoolerActionsButton::rebuildMenu()
{
    QMenu *top = menu();
    top->clear();
    for (const PgBouncerDatabase &database : std::as_const(m_state.databases)) {
        if (database.isConsole())
            continue;
        QString title = tr("%1 (%2 mode)").arg(database.name, database.poolMode);
        if (database.paused)
            title += tr(", paused");
        QMenu *sub = top->addMenu(title);
        sub->setToolTipsVisible(true);
        for (const PgBouncerActions::Action action : PgBouncerActions::all()) {
            QAction *item = sub->addAction(PgBouncerActions::label(action) + QChar(0x2026));
            QString why;
            item->setEnabled(PgBouncerActions::isOffered(action, m_state, database.name, &why));
            item->setToolTip(why);
            const QString name = database.name;
            connect(item, &QAction::triggered, this, [this, action, name] { act(action, name); });
        }
    }
    if (top->isEmpty())
        top->addAction(tr("PgBouncer serves no database"))->setEnabled(false);
}

void PoolerActionsButton::act(PgBouncerActions::Action action, const QString &database)
{
    QString why;
    if (!PgBouncerActions::isOffered(action, m_state, database, &why)) {
        Q_EMIT actionDone(false, why);
        return;
    }
    if (m_running) {
        Q_EMIT actionDone(false, tr("A pooler command is still running; PAUSE waits for the "
                                    "database's transactions to end."));
        return;
    }
    // Copies: the refresh goes on while the dialog is open.
    const PgBouncerDatabase asked = *m_state.database(database);
    const QPointer<Engine> askedEngine = m_engine;
    const QPointer<PoolerActionsButton> alive(this);
    const auto answer = QMessageBox::question(
        this, PgBouncerActions::label(action),
        PgBouncerActions::confirmationText(action, asked, m_clients.value(database)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (!alive || answer != QMessageBox::Yes)
        return;
    // The bind may be another now, the database gone, paused or resumed.
    if (!askedEngine || askedEngine != m_engine ||
        !PgBouncerActions::isOffered(action, m_state, database, &why)) {
        Q_EMIT actionDone(false,
                          tr("%1 changed while you were asked; nothing was done.%2")
                              .arg(database, why.isEmpty() ? QString() : QLatin1Char(' ') + why));
        return;
    }
    run(action, database);
}

void PoolerActionsButton::run(PgBouncerActions::Action action, const QString &database)
{
    m_running = new Session(m_engine, tr("pooler command"), this);
    m_running->setClosesItsConnections(true);
    Session *session = m_running;
    connect(session, &Session::taskFinished, this,
            [this, session, action, database](const QVariant &value, const QString &error) {
                const auto result = value.value<PgBouncerActions::Result>();
                const bool ok = error.isEmpty() && result.ok;
                session->close();
                session->deleteLater();
                m_running = nullptr;
                Q_EMIT actionDone(
                    ok, ok ? tr("%1 %2: done.").arg(PgBouncerActions::label(action), database)
                           : tr("%1 %2: %3")
                                 .arg(PgBouncerActions::label(action), database,
                                      error.isEmpty() ? result.error : error));
            });
    if (!session->runTask(PgBouncerActions::task(action, database))) {
        session->close();
        session->deleteLater();
        m_running = nullptr;
        Q_EMIT actionDone(false, tr("The console connection is busy; try again in a moment."));
    }
}

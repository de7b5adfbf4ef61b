#include "core/models/serversessionmodel.h"

#include <QHash>

namespace {

bool sameRow(const ServerSession &a, const ServerSession &b)
{
    return a.user == b.user && a.database == b.database && a.application == b.application &&
           a.client == b.client && a.state == b.state && a.backendStart == b.backendStart &&
           a.xactStart == b.xactStart && a.stateChange == b.stateChange && a.query == b.query &&
           a.idleSeconds == b.idleSeconds && a.transactionAgeSeconds == b.transactionAgeSeconds &&
           a.runningSeconds == b.runningSeconds && a.blockedBy == b.blockedBy &&
           a.program == b.program && a.own == b.own && a.suspect == b.suspect &&
           a.origin == b.origin && a.poolerLink == b.poolerLink;
}

QVariant age(const std::optional<double> &seconds)
{
    return seconds ? QVariant(ServerSession::durationText(*seconds)) : QVariant();
}

} // namespace

ServerSessionModel::ServerSessionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ServerSessionModel::setSnapshot(const ServerSessionSnapshot &snapshot)
{
    QHash<qint64, int> incoming;
    incoming.reserve(snapshot.sessions.size());
    for (int i = 0; i < snapshot.sessions.size(); ++i)
        incoming.insert(snapshot.sessions.at(i).pid, i);

    // Gone sessions, from the bottom so earlier rows keep their numbers.
    ServerSessions &rows = m_snapshot.sessions;
    for (int row = int(rows.size()) - 1; row >= 0;) {
        if (incoming.contains(rows.at(row).pid)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(rows.at(first - 1).pid))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    // Sessions still there: changed in place. Neighbouring changed rows are
    // announced as one range: every age moves on every refresh, and one
    // signal per row costs a sorting proxy a pass per row.
    QHash<qint64, int> present;
    present.reserve(rows.size());
    int changedFrom = -1;
    auto announce = [&](int last) {
        if (changedFrom >= 0)
            Q_EMIT dataChanged(index(changedFrom, 0), index(last, ColumnCount - 1));
        changedFrom = -1;
    };
    for (int row = 0; row < rows.size(); ++row) {
        const qint64 pid = rows.at(row).pid;
        present.insert(pid, row);
        const ServerSession &fresh = snapshot.sessions.at(incoming.value(pid));
        if (sameRow(rows.at(row), fresh)) {
            announce(row - 1);
            continue;
        }
        rows[row] = fresh;
        if (changedFrom < 0)
            changedFrom = row;
    }
    announce(int(rows.size()) - 1);

    // New sessions at the end, in the server's order.
    ServerSessions added;
    for (const ServerSession &session : snapshot.sessions) {
        if (!present.contains(session.pid))
            added << session;
    }
    if (!added.isEmpty()) {
        beginInsertRows(QModelIndex(), int(rows.size()), int(rows.size() + added.size() - 1));
        rows << added;
        endInsertRows();
    }

    const ServerSessions kept = rows;
    m_snapshot = snapshot;
    m_snapshot.sessions = kept;
}

void ServerSessionModel::clear()
{
    beginResetModel();
    m_snapshot = ServerSessionSnapshot();
    endResetModel();
}

const ServerSession *ServerSessionModel::sessionAt(int row) const
{
    if (row < 0 || row >= m_snapshot.sessions.size())
        return nullptr;
    return &m_snapshot.sessions.at(row);
}

int ServerSessionModel::rowOf(qint64 pid) const
{
    for (int row = 0; row < m_snapshot.sessions.size(); ++row) {
        if (m_snapshot.sessions.at(row).pid == pid)
            return row;
    }
    return -1;
}

int ServerSessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshot.sessions.size());
}

int ServerSessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerSessionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServerSession &session = m_snapshot.sessions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(session, index.column());
    case Qt::ToolTipRole:
        return toolTip(session, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == IdleColumn ||
            index.column() == TransactionColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PidRole:
        return session.pid;
    case StateRole:
        return int(session.state);
    case StateNameRole:
        return ServerSession::stateName(session.state);
    case SuspectRole:
        return session.suspect;
    case IsSuspectRole:
        return session.isSuspect();
    case OwnRole:
        return session.own;
    case BlockedRole:
        return !session.blockedBy.isEmpty();
    case SortRole:
        return sortValue(session, index.column());
    default:
        return {};
    }
}

QVariant ServerSessionModel::toolTip(const ServerSession &session, int column) const
{
    if (column == QueryColumn && !session.query.isEmpty())
        return session.query;
    if (column == SuspectColumn && session.isSuspect())
        return session.suspect;
    if (column == ApplicationColumn && !session.program.isEmpty())
        return session.program;
    if (column == OriginColumn && (session.origin || session.poolerLink)) {
        QStringList lines;
        if (session.poolerLink)
            lines << session.poolerLink->describe();
        if (!session.origin)
            return lines.constFirst();
        const ServerSessionOrigin &origin = *session.origin;
        if (origin.pid > 0)
            lines << tr("Process %1: %2").arg(QString::number(origin.pid), origin.command);
        if (!origin.application.isEmpty())
            lines << tr("Application: %1").arg(origin.application);
        if (!origin.code.isEmpty())
            lines << tr("Held at %1").arg(origin.code);
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

QVariant ServerSessionModel::origin(const ServerSession &session)
{
    // A pooler's server connection: the client it serves is the answer sought.
    if (const auto &link = session.poolerLink) {
        return link->client.isEmpty()
                   ? tr("PgBouncer %1/%2 · no client").arg(link->database, link->user)
                   : tr("PgBouncer %1/%2 · client %3")
                         .arg(link->database, link->user, link->client);
    }
    if (!session.origin)
        return {};
    const ServerSessionOrigin &origin = *session.origin;
    // A probed app names the line holding the connection: the answer sought.
    if (!origin.code.isEmpty())
        return origin.pid > 0 ? tr("%1 · pid %2").arg(origin.code, QString::number(origin.pid))
                              : tr("%1 · %2").arg(origin.code, origin.application);
    if (origin.pid <= 0)
        return origin.application;
    QString command = origin.shortCommand();
    if (command.size() > 80)
        command = command.left(79) + QChar(0x2026);
    return tr("pid %1 · %2").arg(QString::number(origin.pid), command);
}

QVariant ServerSessionModel::display(const ServerSession &session, int column) const
{
    switch (column) {
    case PidColumn:
        return session.pid;
    case UserColumn:
        return session.user;
    case DatabaseColumn:
        return session.database;
    case ApplicationColumn:
        return session.application;
    case ClientColumn:
        return session.client;
    case OriginColumn:
        return origin(session);
    case StateColumn:
        return ServerSession::stateText(session.state);
    case IdleColumn:
        return age(session.state == ServerSession::State::Active ? session.runningSeconds
                                                                 : session.idleSeconds);
    case TransactionColumn:
        return age(session.transactionAgeSeconds);
    case QueryColumn: {
        QString text = session.query.simplified();
        if (text.size() > 200)
            text = text.left(199) + QChar(0x2026);
        return text;
    }
    case SuspectColumn:
        return session.suspect;
    default:
        return {};
    }
}

QVariant ServerSessionModel::sortValue(const ServerSession &session, int column) const
{
    switch (column) {
    case PidColumn:
        return session.pid;
    case IdleColumn: {
        const std::optional<double> seconds = session.state == ServerSession::State::Active
                                                  ? session.runningSeconds
                                                  : session.idleSeconds;
        return seconds.value_or(-1.0);
    }
    case TransactionColumn:
        return session.transactionAgeSeconds.value_or(-1.0);
    default:
        return display(session, column);
    }
}

QVariant ServerSessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const names[ColumnCount] = {
        QT_TR_NOOP("PID"),         QT_TR_NOOP("User"),           QT_TR_NOOP("Database"),
        QT_TR_NOOP("Application"), QT_TR_NOOP("Client"),         QT_TR_NOOP("Origin"),
        QT_TR_NOOP("State"),       QT_TR_NOOP("Idle / running"), QT_TR_NOOP("Transaction"),
        QT_TR_NOOP("Query"),       QT_TR_NOOP("Suspect")};
    return tr(names[section]);
}

QHash<int, QByteArray> ServerSessionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(PidRole, "pid");
    names.insert(StateRole, "state");
    names.insert(StateNameRole, "stateName");
    names.insert(SuspectRole, "suspect");
    names.insert(IsSuspectRole, "isSuspect");
    names.insert(OwnRole, "own");
    names.insert(BlockedRole, "blocked");
    names.insert(SortRole, "sortValue");
    return names;
}

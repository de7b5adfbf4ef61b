#pragma once

#include "core/diagnosis/serversession.h"
#include "core/driver/textrowsink.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

// What PgBouncer's admin console says of its clients, as server sessions, so
// that `poolscope sessions` and the server-sessions panel show a pooler like
// any server. Each client is one session: its user, database, application,
// address, and, while the pooler has linked it to a server connection, that
// connection's backend pid. The pool mode decides what a link means:
// - transaction mode links a server only inside a transaction (or one
//   statement), so a client still linked long after its last request holds a
//   transaction open: idle in transaction, judged by the usual rules;
// - session mode keeps a server per client for the whole connection, so a
//   quiet linked client is idle; whether its transaction is open only the
//   server can say (`sessions` on the PostgreSQL URL, where that backend is).
// A client waiting for a server is active, its wait the running time.
class PgBouncerClients final
{
    Q_DECLARE_TR_FUNCTIONS(PgBouncerClients)

public:
    // clients, servers and pools are SHOW CLIENTS, SHOW SERVERS and SHOW
    // POOLS; now is the moment of reading. Clients of the admin console
    // itself (database pgbouncer) are left out, except the one on
    // readerPort when includeReader; that one is marked own.
    static ServerSessions sessions(const TextRowSink &clients, const TextRowSink &servers,
                                   const TextRowSink &pools, const QDateTime &now, int readerPort,
                                   bool includeReader, ServerSession *reader = nullptr);
    // SHOW POOLS' pool mode by "database/user".
    static QHash<QString, QString> poolModes(const TextRowSink &pools);
    // A SHOW CLIENTS row's address: "10.0.0.5:53412", or "local" for a
    // Unix socket.
    static QString clientAddress(const TextRowSink &clients, int row);
    // PgBouncer's timestamps ("2026-12-05 12:38:19 UTC", local time with its
    // zone's abbreviation) in UTC; invalid when empty or unreadable.
    static QDateTime parseTime(const QString &text);
};

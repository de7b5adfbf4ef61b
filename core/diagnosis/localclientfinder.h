#pragma once

#include "core/diagnosis/serversession.h"
#include "core/sql/dialect.h"

#include <QByteArray>
#include <QHash>
#include <QSet>

#include <future>
#include <optional>

// Which process on this machine is the client of a server session, from what
// the kernel says about sockets: Linux only (/proc and NETLINK_SOCK_DIAG),
// elsewhere it finds nothing. Each table (TCP sockets, Unix socket peers,
// which process holds which socket) is read once, when first needed or when
// prepare() asks (the holders only as far as needed), so one finder serves a
// whole refresh however many sessions it has; make a new one for the next
// refresh. A process it may not look into (another user's, one that just
// ended) is simply not found: nothing here ever fails.
//
// Whether the server runs on this machine at all is the caller's to prove
// (ServerSessionReader looks up its own connection first): a server elsewhere
// sees addresses and process ids that mean something else there.
class LocalClientFinder final
{
public:
    // The server's own processes (a PostgreSQL server's backends), looked
    // into after every other process: a backend is the client of its own
    // server only through dblink or postgres_fdw, and a busy server has
    // thousands of them, each with its own descriptors to read.
    void setServerProcesses(const QSet<qint64> &pids);
    // Processes likely to hold the clients (the last refresh's origins):
    // prepare() looks into them.
    void setLikelyClients(const QList<qint64> &pids);
    // Reads the TCP tables and looks into the likely clients now, so that a
    // refresh can have it done on another thread while the server gathers
    // its sessions. What changed meanwhile is still found: a socket missing
    // from the tables reads them again, and a socket the likely clients do
    // not hold has every process looked into as without prepare().
    void prepare();
    // prepare() on a thread of its own: every call after this one waits for
    // it to end first.
    void prepareMeanwhile();

    // The session's client: a TCP client by its address and port, a
    // PostgreSQL session over a Unix socket ("local") by its backend's socket.
    // MariaDB and MySQL over a Unix socket cannot be told apart (see .cpp).
    std::optional<ServerSessionOrigin> clientOf(const ServerSession &session, Dialect dialect,
                                                quint16 serverPort);
    // The process whose socket has client ("127.0.0.1:53412", "[::1]:53412")
    // as its own end and serverPort as the other's.
    std::optional<ServerSessionOrigin> tcpClient(const QString &client, quint16 serverPort);
    // The process at the other end of the Unix socket that process backendPid
    // (a PostgreSQL backend) talks to its client on.
    std::optional<ServerSessionOrigin> unixPeerOf(qint64 backendPid);
    // Whether this process holds the client end of session: the proof that
    // the server runs on this machine, from this process's descriptors alone.
    bool isOwnClient(const ServerSession &session, Dialect dialect, quint16 serverPort);

    // pid and its command line (passwords in it hidden); nullopt when it
    // cannot be read.
    static std::optional<ServerSessionOrigin> process(qint64 pid);
    // A foreign command line with what looks like a password replaced by ***:
    // "scheme://user:secret@", "password=secret", "--password secret".
    static QString scrubbedCommand(const QString &command);

private:
    void settle();
    void prepareNow();
    void putServerProcessesLast();
    void readTcpTables();
    void readUnixPeers();
    quint64 tcpInode(const QString &client, quint16 serverPort);
    // Whether a TCP socket of this machine has address (16 bytes) as its own
    // end: a client elsewhere has none.
    bool isLocalAddress(const QByteArray &address);
    QList<quint64> unixPeersOf(qint64 backendPid);
    qint64 ownerPid(quint64 inode);
    std::optional<ServerSessionOrigin> ownerOf(quint64 inode, qint64 except = 0);
    void lookInto(qint64 pid);

    bool m_tcpRead = false;
    bool m_tcpReadEarly = false; // by prepare()
    bool m_peersRead = false;
    bool m_pidsListed = false;
    QHash<QByteArray, quint64> m_tcpSockets; // local address, port, remote port → inode
    QSet<QByteArray> m_tcpAddresses;         // the local addresses among them
    // Processes are looked into in ascending pid order, the server's own
    // last, only as far as a question needs: the first holder found answers.
    // Clients usually start before the server forks their backends, and once
    // pids wrap the backends go last anyway, so a refresh of thousands of
    // sessions seldom looks into the backends at all.
    QSet<qint64> m_serverProcesses;
    QList<qint64> m_likelyClients; // ascending
    QList<qint64> m_pids;
    qsizetype m_pidsScanned = 0;
    QHash<quint64, qint64> m_socketOwners; // socket inode → first pid holding it
    QHash<quint64, quint64> m_unixPeers;   // Unix socket inode → its peer's inode
    // One reading of each process's command line per refresh, whatever the
    // number of its sessions.
    QHash<qint64, std::optional<ServerSessionOrigin>> m_processes;
    // Last, to be the first to go: a finder waits for its prepare() to end
    // before its tables go.
    std::future<void> m_prepared;
};

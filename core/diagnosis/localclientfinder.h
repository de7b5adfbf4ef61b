#pragma once

#include "core/diagnosis/serversession.h"
#include "core/sql/dialect.h"

#include <QByteArray>
#include <QHash>

#include <optional>

// Which process on this machine is the client of a server session, from what
// the kernel says about sockets: Linux only (/proc and NETLINK_SOCK_DIAG),
// elsewhere it finds nothing. Each table (TCP sockets, Unix socket peers,
// which process holds which socket) is read once, when first needed (the
// holders only as far as needed), so one
// finder serves a whole refresh however many sessions it has; make a new one
// for the next refresh. A process it may not look into (another user's, one
// that just ended) is simply not found: nothing here ever fails.
//
// Whether the server runs on this machine at all is the caller's to prove
// (ServerSessionReader looks up its own connection first): a server elsewhere
// sees addresses and process ids that mean something else there.
class LocalClientFinder final
{
public:
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
    void readTcpTables();
    void readUnixPeers();
    quint64 tcpInode(const QString &client, quint16 serverPort);
    QList<quint64> unixPeersOf(qint64 backendPid);
    qint64 ownerPid(quint64 inode);
    std::optional<ServerSessionOrigin> ownerOf(quint64 inode, qint64 except = 0);

    bool m_tcpRead = false;
    bool m_peersRead = false;
    bool m_pidsListed = false;
    QHash<QByteArray, quint64> m_tcpSockets; // local address, port, remote port → inode
    // Processes are looked into in ascending pid order, only as far as a
    // question needs: the first holder found is the lowest. Clients usually
    // started before the server forked their backends, so a refresh of
    // thousands of sessions seldom looks into the backends at all.
    QList<qint64> m_pids;
    qsizetype m_pidsScanned = 0;
    QHash<quint64, qint64> m_socketOwners; // socket inode → lowest pid holding it
    QHash<quint64, quint64> m_unixPeers;   // Unix socket inode → its peer's inode
    // One reading of each process's command line per refresh, whatever the
    // number of its sessions.
    QHash<qint64, std::optional<ServerSessionOrigin>> m_processes;
};

#include "core/diagnosis/localclientfinder.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_LINUX

// /proc files report a size of 0: read until the end.
QByteArray readProcFile(const QString &path, qint64 limit = 1 << 20)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {};
    QByteArray all;
    while (all.size() < limit) {
        const QByteArray chunk = file.read(qMin<qint64>(65536, limit - all.size()));
        if (chunk.isEmpty())
            break;
        all += chunk;
    }
    return all;
}

// Addresses are compared as 16 bytes, an IPv4 address as its IPv4-mapped IPv6
// form: a client of an IPv6 socket may connect to 127.0.0.1 while the server
// reports "::ffff:127.0.0.1", or the other way round.
QByteArray mappedIPv4(const unsigned char *four)
{
    QByteArray address(10, '\0');
    address += QByteArray("\xff\xff", 2);
    address += QByteArray(reinterpret_cast<const char *>(four), 4);
    return address;
}

QByteArray parseAddress(const QString &text)
{
    const QByteArray latin = text.toLatin1();
    unsigned char bytes[16];
    if (::inet_pton(AF_INET, latin.constData(), bytes) == 1)
        return mappedIPv4(bytes);
    if (::inet_pton(AF_INET6, latin.constData(), bytes) == 1)
        return QByteArray(reinterpret_cast<const char *>(bytes), 16);
    return {};
}

// The kernel prints each 32-bit word of an address as the number it is in
// memory: decoding the word to an integer and copying it back gives the bytes
// in network order on this machine's byte order.
QByteArray parseProcAddress(const QByteArray &hex)
{
    if (hex.size() != 8 && hex.size() != 32)
        return {};
    unsigned char bytes[16];
    for (int word = 0; word < hex.size() / 8; ++word) {
        bool ok = false;
        const quint32 value = hex.mid(word * 8, 8).toUInt(&ok, 16);
        if (!ok)
            return {};
        std::memcpy(bytes + word * 4, &value, 4);
    }
    if (hex.size() == 8)
        return mappedIPv4(bytes);
    return QByteArray(reinterpret_cast<const char *>(bytes), 16);
}

QByteArray socketKey(const QByteArray &address, quint16 port, quint16 remotePort)
{
    return address + QByteArray::number(port) + '>' + QByteArray::number(remotePort);
}

// "socket:[12345]" → 12345; 0 for anything else a descriptor points at.
quint64 socketInode(int folder, const char *name)
{
    char target[64];
    const ssize_t size = ::readlinkat(folder, name, target, sizeof target - 1);
    if (size <= 8 || std::strncmp(target, "socket:[", 8) != 0)
        return 0;
    target[size] = '\0';
    return std::strtoull(target + 8, nullptr, 10);
}

// The sockets process pid holds, empty when its descriptors are not ours to see.
QList<quint64> socketsOf(const QByteArray &pid)
{
    QList<quint64> inodes;
    const QByteArray path = "/proc/" + pid + "/fd";
    const int folder = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0)
        return inodes;
    DIR *dir = ::fdopendir(folder);
    if (!dir) {
        ::close(folder);
        return inodes;
    }
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        if (const quint64 inode = socketInode(folder, entry->d_name))
            inodes << inode;
    }
    ::closedir(dir);
    return inodes;
}

// Every process id in /proc, lowest first.
QList<qint64> processIds()
{
    QList<qint64> pids;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return pids;
    while (const dirent *entry = ::readdir(proc)) {
        char *end = nullptr;
        const qint64 pid = std::strtoll(entry->d_name, &end, 10);
        if (pid > 0 && *end == '\0')
            pids << pid;
    }
    ::closedir(proc);
    std::sort(pids.begin(), pids.end());
    return pids;
}

// Reads one netlink dump answer into peers; false once the dump is over.
bool readUnixDiagReply(int fd, QHash<quint64, quint64> &peers)
{
    alignas(nlmsghdr) char buffer[32768];
    const ssize_t received = ::recv(fd, buffer, sizeof buffer, 0);
    if (received <= 0)
        return false;
    int left = int(received);
    for (auto *header = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(header, left);
         header = NLMSG_NEXT(header, left)) {
        if (header->nlmsg_type == NLMSG_DONE || header->nlmsg_type == NLMSG_ERROR)
            return false;
        auto *message = static_cast<unix_diag_msg *>(NLMSG_DATA(header));
        int attributesLeft = int(header->nlmsg_len - NLMSG_LENGTH(sizeof *message));
        for (auto *attribute = reinterpret_cast<rtattr *>(message + 1);
             RTA_OK(attribute, attributesLeft); attribute = RTA_NEXT(attribute, attributesLeft)) {
            if (attribute->rta_type == UNIX_DIAG_PEER) {
                quint32 peer = 0;
                std::memcpy(&peer, RTA_DATA(attribute), sizeof peer);
                peers.insert(message->udiag_ino, peer);
            }
        }
    }
    return true;
}

// Reads one netlink dump answer of TCP sockets into sockets; false once the
// dump is over. *failed is set when the kernel refused the dump.
bool readInetDiagReply(int fd, QHash<QByteArray, quint64> &sockets, bool *failed)
{
    alignas(nlmsghdr) char buffer[32768];
    const ssize_t received = ::recv(fd, buffer, sizeof buffer, 0);
    if (received <= 0) {
        *failed = true;
        return false;
    }
    int left = int(received);
    for (auto *header = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(header, left);
         header = NLMSG_NEXT(header, left)) {
        if (header->nlmsg_type == NLMSG_ERROR)
            *failed = true;
        if (header->nlmsg_type == NLMSG_DONE || header->nlmsg_type == NLMSG_ERROR)
            return false;
        const auto *message = static_cast<const inet_diag_msg *>(NLMSG_DATA(header));
        if (message->idiag_inode == 0)
            continue; // TIME_WAIT and the like: no process holds them
        const auto *bytes = reinterpret_cast<const unsigned char *>(message->id.idiag_src);
        const QByteArray address = message->idiag_family == AF_INET
                                       ? mappedIPv4(bytes)
                                       : QByteArray(reinterpret_cast<const char *>(bytes), 16);
        sockets.insert(
            socketKey(address, ntohs(message->id.idiag_sport), ntohs(message->id.idiag_dport)),
            message->idiag_inode);
    }
    return true;
}

// A netlink sock_diag socket that has sent request (a dump), for the replies
// to be read from; -1 when netlink is refused.
int sendSockDiag(const void *request, size_t size)
{
    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return -1;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(fd, request, size, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) !=
        ssize_t(size)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Every TCP socket of family, as the kernel's sock_diag lists them: the same
// table as /proc/net/tcp, without the text that takes the kernel long to
// write once thousands of sockets are open. False when netlink is refused.
bool readTcpDiag(int family, QHash<QByteArray, quint64> &sockets)
{
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.request.sdiag_family = quint8(family);
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = ~0u;
    const int fd = sendSockDiag(&message, sizeof message);
    if (fd < 0)
        return false;
    bool failed = false;
    while (readInetDiagReply(fd, sockets, &failed)) {
    }
    ::close(fd);
    return !failed;
}

#endif

} // namespace

void LocalClientFinder::prepareMeanwhile()
{
    settle();
    m_prepared = std::async(std::launch::async, [this] {
#ifdef Q_OS_LINUX
        // Work ahead of need: only on a core nobody else wants.
        sched_param idle{};
        ::sched_setscheduler(0, SCHED_IDLE, &idle);
#endif
        prepareNow();
    });
}

void LocalClientFinder::settle()
{
    if (m_prepared.valid())
        m_prepared.get();
}

void LocalClientFinder::setServerProcesses(const QSet<qint64> &pids)
{
    settle();
    m_serverProcesses = pids;
    putServerProcessesLast();
}

void LocalClientFinder::putServerProcessesLast()
{
    // Only what is still to be looked into moves.
    std::stable_partition(m_pids.begin() + m_pidsScanned, m_pids.end(),
                          [this](qint64 pid) { return !m_serverProcesses.contains(pid); });
}

void LocalClientFinder::setLikelyClients(const QList<qint64> &pids)
{
    settle();
    m_likelyClients = pids;
    std::sort(m_likelyClients.begin(), m_likelyClients.end());
    m_likelyClients.erase(std::unique(m_likelyClients.begin(), m_likelyClients.end()),
                          m_likelyClients.end());
}

void LocalClientFinder::prepare()
{
    settle();
    prepareNow();
}

void LocalClientFinder::prepareNow()
{
#ifdef Q_OS_LINUX
    readTcpTables();
    m_tcpReadEarly = true;
    for (const qint64 pid : std::as_const(m_likelyClients))
        lookInto(pid);
#endif
}

std::optional<ServerSessionOrigin> LocalClientFinder::clientOf(const ServerSession &session,
                                                               Dialect dialect, quint16 serverPort)
{
    settle();
    if (session.client == QLatin1String("local"))
        return dialect == Dialect::PostgreSQL ? unixPeerOf(session.pid) : std::nullopt;
    // MariaDB and MySQL over a Unix socket say "localhost" without a port. All
    // their connections are threads of one server process sharing one
    // descriptor table, and nothing ties a connection id to a descriptor, so
    // such a session's peer cannot be told from its neighbours': no origin.
    const QString address = session.clientAddress();
    if (address == session.client)
        return std::nullopt;
    return tcpClient(session.client, serverPort);
}

std::optional<ServerSessionOrigin> LocalClientFinder::tcpClient(const QString &client,
                                                                quint16 serverPort)
{
    settle();
    const quint64 inode = tcpInode(client, serverPort);
    return inode ? ownerOf(inode) : std::nullopt;
}

quint64 LocalClientFinder::tcpInode(const QString &client, quint16 serverPort)
{
#ifdef Q_OS_LINUX
    const qsizetype colon = client.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || serverPort == 0)
        return 0;
    QString addressText = client.left(colon);
    if (addressText.startsWith(QLatin1Char('[')) && addressText.endsWith(QLatin1Char(']')))
        addressText = addressText.mid(1, addressText.size() - 2);
    bool ok = false;
    const quint16 port = client.mid(colon + 1).toUShort(&ok);
    const QByteArray address = parseAddress(addressText);
    if (!ok || address.isEmpty())
        return 0;
    readTcpTables();
    // Only a socket of this machine has the client's address as its own end:
    // the address is local exactly when this finds one.
    const QByteArray key = socketKey(address, port, serverPort);
    if (m_tcpReadEarly && !m_tcpSockets.contains(key) && isLocalAddress(address)) {
        // Read before the server listed its sessions: a client of this
        // machine that connected meanwhile is in the tables only when read
        // again.
        m_tcpReadEarly = false;
        m_tcpRead = false;
        m_tcpSockets.clear();
        readTcpTables();
    }
    return m_tcpSockets.value(key);
#else
    Q_UNUSED(client)
    Q_UNUSED(serverPort)
    return 0;
#endif
}

bool LocalClientFinder::isLocalAddress(const QByteArray &address)
{
    if (m_tcpAddresses.isEmpty()) {
        for (auto socket = m_tcpSockets.keyBegin(); socket != m_tcpSockets.keyEnd(); ++socket)
            m_tcpAddresses.insert(socket->left(16));
    }
    return m_tcpAddresses.contains(address);
}

std::optional<ServerSessionOrigin> LocalClientFinder::unixPeerOf(qint64 backendPid)
{
    settle();
    for (const quint64 peer : unixPeersOf(backendPid)) {
        if (auto origin = ownerOf(peer, backendPid))
            return origin;
    }
    return std::nullopt;
}

QList<quint64> LocalClientFinder::unixPeersOf(qint64 backendPid)
{
    QList<quint64> peers;
#ifdef Q_OS_LINUX
    const QList<quint64> sockets = socketsOf(QByteArray::number(backendPid));
    if (sockets.isEmpty())
        return peers; // another user's server: its descriptors are closed to us
    readUnixPeers();
    // A backend holds one connected Unix socket, its client's; the rest of
    // its descriptors are files, pipes and TCP sockets, which have no entry.
    for (const quint64 inode : sockets) {
        if (const quint64 peer = m_unixPeers.value(inode))
            peers << peer;
    }
#else
    Q_UNUSED(backendPid)
#endif
    return peers;
}

bool LocalClientFinder::isOwnClient(const ServerSession &session, Dialect dialect,
                                    quint16 serverPort)
{
    settle();
#ifdef Q_OS_LINUX
    QList<quint64> ends;
    if (session.client == QLatin1String("local")) {
        if (dialect == Dialect::PostgreSQL)
            ends = unixPeersOf(session.pid);
    } else if (session.clientAddress() != session.client) {
        if (const quint64 inode = tcpInode(session.client, serverPort))
            ends << inode;
    }
    if (ends.isEmpty())
        return false;
    const QList<quint64> own = socketsOf(QByteArrayLiteral("self"));
    return std::any_of(ends.cbegin(), ends.cend(),
                       [&own](quint64 inode) { return own.contains(inode); });
#else
    Q_UNUSED(session)
    Q_UNUSED(dialect)
    Q_UNUSED(serverPort)
    return false;
#endif
}

std::optional<ServerSessionOrigin> LocalClientFinder::process(qint64 pid)
{
#ifdef Q_OS_LINUX
    if (pid <= 0)
        return std::nullopt;
    QByteArray line = readProcFile(QStringLiteral("/proc/%1/cmdline").arg(pid), 65536);
    while (line.endsWith('\0'))
        line.chop(1);
    if (line.isEmpty())
        return std::nullopt; // gone, a zombie, or a kernel thread
    line.replace('\0', ' ');
    ServerSessionOrigin origin;
    origin.pid = pid;
    origin.command = scrubbedCommand(QString::fromLocal8Bit(line).trimmed());
    return origin;
#else
    Q_UNUSED(pid)
    return std::nullopt;
#endif
}

QString LocalClientFinder::scrubbedCommand(const QString &command)
{
    // Another program's arguments: poolscope does not know its passwords, so
    // it hides whatever stands where passwords stand.
    static const QRegularExpression url(QStringLiteral("(://[^/\\s:@]*:)[^@\\s/]*@"));
    static const QRegularExpression option(
        QStringLiteral("((?:password|passwd|pwd)\\s*=\\s*)('[^']*'|\"[^\"]*\"|\\S+)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression flag(QStringLiteral("(--password\\s+)(?!-)(\\S+)"),
                                         QRegularExpression::CaseInsensitiveOption);
    QString text = command;
    text.replace(url, QStringLiteral("\\1***@"));
    text.replace(option, QStringLiteral("\\1***"));
    text.replace(flag, QStringLiteral("\\1***"));
    return text;
}

std::optional<ServerSessionOrigin> LocalClientFinder::ownerOf(quint64 inode, qint64 except)
{
    const qint64 pid = ownerPid(inode);
    if (pid == 0 || pid == except)
        return std::nullopt;
    auto known = m_processes.constFind(pid);
    if (known == m_processes.constEnd())
        known = m_processes.insert(pid, process(pid));
    return *known;
}

void LocalClientFinder::readTcpTables()
{
#ifdef Q_OS_LINUX
    if (m_tcpRead)
        return;
    m_tcpRead = true;
    if (readTcpDiag(AF_INET, m_tcpSockets) && readTcpDiag(AF_INET6, m_tcpSockets))
        return;
    m_tcpSockets.clear();
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        const QList<QByteArray> lines = readProcFile(QLatin1String(table)).split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
            if (fields.size() < 10)
                continue;
            const QList<QByteArray> local = fields.at(1).split(':');
            const QList<QByteArray> remote = fields.at(2).split(':');
            const quint64 inode = fields.at(9).toULongLong();
            if (local.size() != 2 || remote.size() != 2 || inode == 0)
                continue; // TIME_WAIT and the like: no process holds them
            const QByteArray address = parseProcAddress(local.at(0));
            if (!address.isEmpty())
                m_tcpSockets.insert(socketKey(address, quint16(local.at(1).toUInt(nullptr, 16)),
                                              quint16(remote.at(1).toUInt(nullptr, 16))),
                                    inode);
        }
    }
#endif
}

qint64 LocalClientFinder::ownerPid(quint64 inode)
{
#ifdef Q_OS_LINUX
    if (const qint64 pid = m_socketOwners.value(inode))
        return pid;
    if (!m_pidsListed) {
        m_pidsListed = true;
        // The likely clients looked into early are looked into again in
        // their turn: a socket they opened since is found there.
        m_pids = processIds();
        putServerProcessesLast();
    }
    // Every process before m_pidsScanned has been looked into: a holder found
    // there is the first in m_pids's order.
    while (!m_socketOwners.contains(inode) && m_pidsScanned < m_pids.size())
        lookInto(m_pids.at(m_pidsScanned++));
    return m_socketOwners.value(inode);
#else
    Q_UNUSED(inode)
    return 0;
#endif
}

void LocalClientFinder::lookInto(qint64 pid)
{
#ifdef Q_OS_LINUX
    // A socket shared across a fork is held by parent and child alike: the
    // first one looked into (usually the parent) answers, the same on every
    // read.
    for (const quint64 held : socketsOf(QByteArray::number(pid)))
        m_socketOwners.insert(held, m_socketOwners.value(held, pid));
#else
    Q_UNUSED(pid)
#endif
}

void LocalClientFinder::readUnixPeers()
{
#ifdef Q_OS_LINUX
    if (m_peersRead)
        return;
    m_peersRead = true;
    struct
    {
        nlmsghdr header;
        unix_diag_req request;
    } message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.request.sdiag_family = AF_UNIX;
    constexpr int kConnected = 1; // TCP_ESTABLISHED: a connected Unix stream socket
    message.request.udiag_states = 1u << kConnected;
    message.request.udiag_show = UDIAG_SHOW_PEER;
    const int fd = sendSockDiag(&message, sizeof message);
    if (fd < 0)
        return;
    while (readUnixDiagReply(fd, m_unixPeers)) {
    }
    ::close(fd);
#endif
}

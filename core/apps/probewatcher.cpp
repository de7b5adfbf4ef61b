#include "core/apps/probewatcher.h"

#include <QDir>
#include <QFile>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

constexpr int kReadChunk = 64 * 1024;

bool processExists(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

ProbeWatcher::ProbeWatcher(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder)
    , m_trustedUid(::getuid())
    , m_scanTimer(this) // children, so moveToThread() takes them along
    , m_publishTimer(this)
{
    m_scanTimer.setInterval(kScanEveryMs);
    connect(&m_scanTimer, &QTimer::timeout, this, &ProbeWatcher::scan);
    m_publishTimer.setSingleShot(true);
    m_publishTimer.setInterval(kPublishEveryMs);
    connect(&m_publishTimer, &QTimer::timeout, this, &ProbeWatcher::publish);
}

ProbeWatcher::~ProbeWatcher()
{
    const QList<qint64> pids = m_links.keys();
    for (const qint64 pid : pids) {
        Link *link = m_links.take(pid);
        link->notifier.reset();
        ::close(link->fd);
        delete link;
    }
}

QString ProbeWatcher::defaultFolder()
{
    const QString set = qEnvironmentVariable("POOLSCOPE_PROBE_DIR");
    if (!set.isEmpty())
        return set;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        return runtime + QStringLiteral("/poolscope/probes");
    return QStringLiteral("/tmp/poolscope-%1/probes").arg(::getuid());
}

void ProbeWatcher::start()
{
    scan();
    publish(); // so the owner knows the folder was looked at, even when empty
    m_scanTimer.start();
}

void ProbeWatcher::scan()
{
    const QStringList names =
        QDir(m_folder).entryList({QStringLiteral("*.sock")}, QDir::System | QDir::Files);
    for (const QString &name : names) {
        bool ok = false;
        const qint64 pid = name.chopped(5).toLongLong(&ok);
        if (ok && pid > 0 && !m_links.contains(pid))
            connectTo(pid, m_folder + QLatin1Char('/') + name);
    }
}

void ProbeWatcher::connectTo(qint64 pid, const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    sockaddr_un address{};
    if (native.size() >= qsizetype(sizeof(address.sun_path)))
        return; // no such socket can exist
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0) {
        const int error = errno;
        ::close(fd);
        // Nobody listens and nobody will: the process died without removing it.
        if (error == ECONNREFUSED && !processExists(pid))
            ::unlink(native.constData());
        return; // else a full backlog or a process still starting: next scan
    }
    ucred peer{};
    socklen_t length = sizeof(peer);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 ||
        peer.uid != m_trustedUid) {
        ::close(fd);
        Q_EMIT refused(pid, peer.uid);
        return;
    }
    auto *link = new Link;
    link->fd = fd;
    link->process.hello.pid = pid;
    link->notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(link->notifier.get(), &QSocketNotifier::activated, this,
            [this, pid] { readFrom(pid); });
    m_links.insert(pid, link);
    publishSoon();
}

void ProbeWatcher::readFrom(qint64 pid)
{
    Link *link = m_links.value(pid);
    if (!link)
        return;
    char chunk[kReadChunk];
    for (;;) {
        const ssize_t got = ::read(link->fd, chunk, sizeof(chunk));
        if (got > 0) {
            link->buffer.append(chunk, qsizetype(got));
            takeLines(*link);
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        drop(pid); // end of stream or error: the process is gone or closed us
        return;
    }
    publishSoon();
}

void ProbeWatcher::takeLines(Link &link)
{
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = link.buffer.indexOf('\n', start);
        if (end < 0)
            break;
        if (link.skippingLongLine) {
            link.skippingLongLine = false;
        } else {
            const QByteArray line = link.buffer.mid(start, end - start);
            QString why;
            if (const std::optional<ProbeMessage> message = ProbeMessage::parse(line, &why))
                link.process.apply(*message);
            else
                ++link.process.malformed;
        }
        start = end + 1;
    }
    link.buffer.remove(0, start);
    if (link.buffer.size() > ProbeMessage::kMaxLineBytes) {
        // A line too long to keep: drop what came and the rest up to its end.
        if (!link.skippingLongLine)
            ++link.process.malformed;
        link.skippingLongLine = true;
        link.buffer.clear();
    }
}

void ProbeWatcher::drop(qint64 pid)
{
    Link *link = m_links.take(pid);
    if (!link)
        return;
    link->notifier.reset();
    ::close(link->fd);
    delete link;
    // A process that went away is gone from the next picture at once.
    publish();
}

void ProbeWatcher::publishSoon()
{
    if (!m_publishTimer.isActive())
        m_publishTimer.start();
}

void ProbeWatcher::publish()
{
    m_publishTimer.stop();
    QList<AppProcess> processes;
    processes.reserve(m_links.size());
    for (const Link *link : std::as_const(m_links))
        processes.append(link->process);
    std::sort(processes.begin(), processes.end(),
              [](const AppProcess &a, const AppProcess &b) { return a.pid() < b.pid(); });
    Q_EMIT updated(processes);
}

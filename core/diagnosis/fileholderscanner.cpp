#include "core/diagnosis/fileholderscanner.h"

#include "core/diagnosis/localclientfinder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_LINUX
#include <dirent.h>
#include <pwd.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_LINUX

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(4096);
}

QString readLink(const QString &path)
{
    char buffer[4096];
    const QByteArray encoded = QFile::encodeName(path);
    const ssize_t size = ::readlink(encoded.constData(), buffer, sizeof buffer);
    if (size <= 0 || size >= ssize_t(sizeof buffer))
        return {};
    return QFile::decodeName(QByteArray(buffer, int(size)));
}

QString userName(uint uid)
{
    struct passwd entry
    {
    };
    struct passwd *found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        return QString::fromLocal8Bit(found->pw_name);
    return QString::number(uid);
}

// Seconds since the epoch at which the machine booted (btime in /proc/stat).
qint64 bootTime()
{
    const QByteArray stat = readSmallFile(QStringLiteral("/proc/stat"));
    const qsizetype at = stat.indexOf("\nbtime ");
    if (at < 0)
        return 0;
    const qsizetype end = stat.indexOf('\n', at + 1);
    return stat.mid(at + 7, end < 0 ? -1 : end - at - 7).trimmed().toLongLong();
}

// Field 22 of /proc/<pid>/stat is the start in clock ticks after boot. The
// program name in field 2 may hold spaces and parentheses: fields are counted
// after its last ')'.
QDateTime processStart(const QString &pid, qint64 boot)
{
    const QByteArray stat = readSmallFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0 || boot == 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    constexpr int kStartTimeAfterName = 22 - 3;
    if (fields.size() <= kStartTimeAfterName)
        return {};
    const qint64 ticks = fields.at(kStartTimeAfterName).toLongLong();
    const long perSecond = ::sysconf(_SC_CLK_TCK);
    if (perSecond <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(boot * 1000 + ticks * 1000 / perSecond, Qt::UTC);
}

// Names in a folder, read with readdir: QDir would stat every entry, which
// for /proc/<pid>/fd means following every socket and pipe.
QStringList namesIn(const QString &folder)
{
    QStringList names;
    DIR *dir = ::opendir(QFile::encodeName(folder).constData());
    if (!dir)
        return names; // another user's process, or it just ended
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.')
            names << QFile::decodeName(entry->d_name);
    }
    ::closedir(dir);
    return names;
}

bool holds(const QString &pid, const QString &target)
{
    const QString fdFolder = QStringLiteral("/proc/%1/fd/").arg(pid);
    const QStringList fds = namesIn(fdFolder);
    for (const QString &fd : fds) {
        if (readLink(fdFolder + fd) == target)
            return true;
    }
    return false;
}

ServerSession describe(const QString &pid, const QString &path, qint64 boot)
{
    ServerSession session;
    session.pid = pid.toLongLong();
    session.database = path;
    session.program =
        QString::fromLocal8Bit(readSmallFile(QStringLiteral("/proc/%1/comm").arg(pid)).trimmed());
    session.application = session.program;
    session.user = userName(QFileInfo(QStringLiteral("/proc/") + pid).ownerId());
    session.backendStart = processStart(pid, boot);
    session.state = ServerSession::State::Other;
    session.own = session.pid == QCoreApplication::applicationPid();
    session.origin = LocalClientFinder::process(session.pid);
    return session;
}

#endif

} // namespace

ServerSessions FileHolderScanner::holdersOf(const QString &path)
{
    ServerSessions holders;
#ifdef Q_OS_LINUX
    const QString target = QFileInfo(path).canonicalFilePath();
    if (target.isEmpty())
        return holders;
    const qint64 boot = bootTime();
    const QStringList entries = namesIn(QStringLiteral("/proc"));
    for (const QString &entry : entries) {
        bool numeric = false;
        entry.toLongLong(&numeric);
        if (numeric && holds(entry, target))
            holders << describe(entry, target, boot);
    }
#else
    Q_UNUSED(path)
#endif
    return holders;
}

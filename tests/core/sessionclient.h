#pragma once

#include "core/config/url.h"

#include <QProcess>
#include <QTest>

// Another program connected to a test server: tests/sessionclient/hold.py
// under the system's Python (psycopg2, pymysql), holding a transaction open
// until it is stopped. Over TCP to the URL's host, or over the Unix socket
// (a PostgreSQL socket folder, a MariaDB socket file) when one is given;
// with setCommits(true) it commits first and holds an idle session.
class SessionClient final
{
public:
    explicit SessionClient(const QString &script)
        : m_script(script)
    {
    }
    ~SessionClient() { stop(); }

    // Starts the script; false with *error when it did not report its session.
    bool start(const Url &url, const QString &socket = QString(), QString *error = nullptr)
    {
        QStringList arguments{m_script, url.render(false)};
        if (!socket.isEmpty())
            arguments << socket;
        if (m_commits)
            arguments << QStringLiteral("--commit");
        m_process.start(QStringLiteral("/usr/bin/python3"), arguments);
        if (!m_process.waitForStarted(10000)) {
            if (error)
                *error = m_process.errorString();
            return false;
        }
        QByteArray line;
        QDeadlineTimer deadline(30000);
        while (!line.contains('\n') && !deadline.hasExpired() &&
               m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            line += m_process.readAllStandardOutput();
        }
        m_serverId = line.trimmed().toLongLong();
        if (m_serverId <= 0 && error)
            *error = QString::fromUtf8(line + m_process.readAllStandardError());
        return m_serverId > 0;
    }

    // The well-behaved client: its transaction ends before it waits.
    void setCommits(bool commits) { m_commits = commits; }

    // Closes the script's stdin: it ends its session and exits.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    qint64 pid() const { return m_process.processId(); }
    // pg_backend_pid() or CONNECTION_ID() of the script's session.
    qint64 serverId() const { return m_serverId; }

private:
    QString m_script;
    QProcess m_process;
    qint64 m_serverId = 0;
    bool m_commits = false;
};

#include "core/settings/settingswriter.h"

#include <QMutexLocker>

#include <algorithm>

SettingsWriter::SettingsWriter(const QSettings &like)
    : m_fileName(like.fileName())
    , m_format(like.format())
{
    m_thread.setMaxThreadCount(1);
}

SettingsWriter::~SettingsWriter()
{
    flush();
}

void SettingsWriter::put(const QString &key, Write write)
{
    QMutexLocker lock(&m_mutex);
    const auto same = std::find_if(m_pending.begin(), m_pending.end(),
                                   [&key](const Job &job) { return job.key == key; });
    if (same != m_pending.end())
        same->write = std::move(write);
    else
        m_pending.push_back(Job{key, std::move(write)});
    if (m_draining)
        return; // the running drain takes it on its next round
    m_draining = true;
    m_thread.start([this] { drain(); });
}

void SettingsWriter::flush()
{
    m_thread.waitForDone();
}

void SettingsWriter::drain()
{
    QSettings settings(m_fileName, m_format);
    for (;;) {
        std::vector<Job> jobs;
        {
            QMutexLocker lock(&m_mutex);
            if (m_pending.empty()) {
                m_draining = false;
                return;
            }
            jobs.swap(m_pending);
        }
        for (const Job &job : jobs)
            job.write(settings);
        settings.sync();
    }
}

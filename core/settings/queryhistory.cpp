#include "core/settings/queryhistory.h"

#include <QSettings>

QueryHistory::QueryHistory(QSettings *settings, const QString &bindName, int capacity)
    : m_settings(settings)
    , m_key(QStringLiteral("history/") + QString::fromLatin1(bindName.toUtf8().toHex()))
    , m_capacity(capacity)
{
    const int size = m_settings->beginReadArray(m_key);
    for (int i = 0; i < size && i < m_capacity; ++i) {
        m_settings->setArrayIndex(i);
        Entry entry;
        entry.time = m_settings->value(QStringLiteral("time")).toDateTime();
        entry.sql = m_settings->value(QStringLiteral("sql")).toString();
        entry.ok = m_settings->value(QStringLiteral("ok"), true).toBool();
        entry.elapsedMs = m_settings->value(QStringLiteral("ms")).toLongLong();
        if (!entry.sql.isEmpty())
            m_entries.append(entry);
    }
    m_settings->endArray();
}

void QueryHistory::add(const QString &sql, bool ok, qint64 elapsedMs)
{
    const QString trimmed = sql.trimmed();
    if (trimmed.isEmpty())
        return;
    // The same statement again moves to the top instead of repeating.
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).sql == trimmed) {
            m_entries.removeAt(i);
            break;
        }
    }
    m_entries.prepend(Entry{QDateTime::currentDateTimeUtc(), trimmed, ok, elapsedMs});
    while (m_entries.size() > m_capacity)
        m_entries.removeLast();
    save();
}

void QueryHistory::clear()
{
    m_entries.clear();
    save();
}

void QueryHistory::save() const
{
    m_settings->remove(m_key);
    m_settings->beginWriteArray(m_key, int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        const Entry &entry = m_entries.at(i);
        m_settings->setValue(QStringLiteral("time"), entry.time);
        m_settings->setValue(QStringLiteral("sql"), entry.sql);
        m_settings->setValue(QStringLiteral("ok"), entry.ok);
        m_settings->setValue(QStringLiteral("ms"), entry.elapsedMs);
    }
    m_settings->endArray();
}

#include "core/settings/queryhistory.h"

#include "core/settings/settingswriter.h"

#include <QSettings>

QueryHistory::QueryHistory(QSettings *settings, SettingsWriter *writer, const QString &bindName,
                           int capacity)
    : m_writer(writer)
    , m_key(QStringLiteral("history/") + QString::fromLatin1(bindName.toUtf8().toHex()))
    , m_capacity(capacity)
{
    const int size = settings->beginReadArray(m_key);
    for (int i = 0; i < size && i < m_capacity; ++i) {
        settings->setArrayIndex(i);
        Entry entry;
        entry.time = settings->value(QStringLiteral("time")).toDateTime();
        entry.sql = settings->value(QStringLiteral("sql")).toString();
        entry.ok = settings->value(QStringLiteral("ok"), true).toBool();
        entry.elapsedMs = settings->value(QStringLiteral("ms")).toLongLong();
        if (!entry.sql.isEmpty())
            m_entries.append(entry);
    }
    settings->endArray();
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
    // A copy of the list (shared until this object changes it again) and of
    // the key: the write runs on the writer's thread.
    m_writer->put(m_key, [key = m_key, entries = m_entries](QSettings &settings) {
        settings.remove(key);
        settings.beginWriteArray(key, int(entries.size()));
        for (int i = 0; i < entries.size(); ++i) {
            settings.setArrayIndex(i);
            const Entry &entry = entries.at(i);
            settings.setValue(QStringLiteral("time"), entry.time);
            settings.setValue(QStringLiteral("sql"), entry.sql);
            settings.setValue(QStringLiteral("ok"), entry.ok);
            settings.setValue(QStringLiteral("ms"), entry.elapsedMs);
        }
        settings.endArray();
    });
}

#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QSettings;
class SettingsWriter;

// The statements run on one bind, newest first, kept across starts in the
// settings file (statements only: never results, never passwords). Read from
// `settings` once; every change is written through `writer`, off the calling
// thread.
class QueryHistory final
{
public:
    struct Entry
    {
        QDateTime time; // UTC
        QString sql;
        bool ok = true;
        qint64 elapsedMs = 0;
    };

    QueryHistory(QSettings *settings, SettingsWriter *writer, const QString &bindName,
                 int capacity = 500);

    void add(const QString &sql, bool ok, qint64 elapsedMs);
    QList<Entry> entries() const { return m_entries; }
    void clear();

private:
    void save() const;

    SettingsWriter *m_writer;
    QString m_key;
    int m_capacity;
    QList<Entry> m_entries;
};

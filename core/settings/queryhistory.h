#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QSettings;

// The statements run on one bind, newest first, kept across starts in the
// settings file (statements only: never results, never passwords).
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

    QueryHistory(QSettings *settings, const QString &bindName, int capacity = 500);

    void add(const QString &sql, bool ok, qint64 elapsedMs);
    QList<Entry> entries() const { return m_entries; }
    void clear();

private:
    void save() const;

    QSettings *m_settings;
    QString m_key;
    int m_capacity;
    QList<Entry> m_entries;
};

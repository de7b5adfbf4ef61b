#pragma once

#include <QList>
#include <QString>

class QSettings;

// The session tabs of the last run, kept in the settings file so they come
// back at the next start: which bind each was on and the text in its editor.
// Never results, never passwords.
class TabStore final
{
public:
    struct Entry
    {
        QString bind;
        QString text;
    };

    explicit TabStore(QSettings *settings);

    QList<Entry> load() const;
    // Replaces what was saved and writes it to disk now (the app may be quitting).
    void save(const QList<Entry> &entries);

private:
    QSettings *m_settings;
};

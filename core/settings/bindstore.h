#pragma once

#include "core/config/bind.h"

#include <QList>

class QSettings;

// The binds a person added in the GUI, kept in the settings file between
// starts. Never the password: that goes to the system keychain or nowhere
// (see PasswordStore); `needsPassword` remembers that one is wanted.
class BindStore final
{
public:
    struct Entry
    {
        Bind bind; // URL without password
        bool needsPassword = false;
    };

    explicit BindStore(QSettings *settings);

    QList<Entry> load() const;
    void save(const QList<Entry> &entries);

private:
    QSettings *m_settings;
};

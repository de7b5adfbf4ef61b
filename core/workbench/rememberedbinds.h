#pragma once

#include "core/config/bind.h"

#include <QObject>
#include <QStringList>

#include <functional>

class Engine;
class PasswordStore;
class QSettings;
class Workspace;

// The binds a person added in the GUI, kept for the next start: the bind in
// the settings file (BindStore), its password in the system keychain when
// asked to (PasswordStore) and nowhere else. Binds that came from elsewhere
// (a config file, the demo) are in the workspace but not remembered.
class RememberedBinds final : public QObject
{
    Q_OBJECT

public:
    // Asks the person for bind's password when the keychain has none; an empty
    // answer adds the bind without one (the server will say what it misses).
    using PasswordPrompt = std::function<QString(const Bind &bind)>;

    RememberedBinds(Workspace *workspace, QSettings *settings, PasswordStore *passwords,
                    QObject *parent = nullptr);

    // Adds the binds of earlier runs to the workspace, reading passwords from
    // the keychain (asynchronously) or through ask; restored() follows, also
    // when there were none.
    void restore(const PasswordPrompt &ask);
    // Adds bind to the workspace and remembers it; the password goes to the
    // keychain when rememberPassword, and is removed from it otherwise.
    Engine *add(const Bind &bind, bool rememberPassword, QString *error);
    // Replaces the bind called oldName (its engine is removed) by bind.
    Engine *replace(const QString &oldName, const Bind &bind, bool rememberPassword,
                    QString *error);
    // Removes the bind from the workspace, the settings and the keychain.
    void forget(const QString &name);

Q_SIGNALS:
    void restored();
    // A password to remember found no keychain: it will be asked for next time.
    void keychainUnavailable();

private:
    void save();

    Workspace *m_workspace;
    QSettings *m_settings;
    PasswordStore *m_passwords;
    QStringList m_names;
};

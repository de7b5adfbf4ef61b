#include "core/workbench/rememberedbinds.h"

#include "core/keychain/passwordstore.h"
#include "core/pool/engine.h"
#include "core/pool/workspace.h"
#include "core/settings/bindstore.h"

#include <memory>

RememberedBinds::RememberedBinds(Workspace *workspace, QSettings *settings,
                                 PasswordStore *passwords, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_settings(settings)
    , m_passwords(passwords)
{
}

void RememberedBinds::restore(const PasswordPrompt &ask)
{
    const QList<BindStore::Entry> entries = BindStore(m_settings).load();
    if (entries.isEmpty()) {
        Q_EMIT restored();
        return;
    }
    auto pending = std::make_shared<int>(int(entries.size()));
    auto finishOne = [this, pending] {
        if (--*pending == 0)
            Q_EMIT restored();
    };
    for (const BindStore::Entry &entry : entries) {
        m_names << entry.bind.name;
        if (!entry.needsPassword) {
            m_workspace->addBind(entry.bind);
            finishOne();
            continue;
        }
        m_passwords->read(entry.bind.name, this,
                          [this, entry, ask, finishOne](bool found, const QString &password) {
                              Bind bind = entry.bind;
                              const QString secret = found ? password : ask(bind);
                              if (!secret.isEmpty())
                                  bind.url.setPassword(secret);
                              m_workspace->addBind(bind);
                              finishOne();
                          });
    }
}

Engine *RememberedBinds::add(const Bind &bind, bool rememberPassword, QString *error)
{
    Engine *engine = m_workspace->addBind(bind, error);
    if (!engine)
        return nullptr;
    m_names << bind.name;
    save();
    if (bind.url.hasPassword() && !bind.url.password().isEmpty()) {
        if (rememberPassword) {
            m_passwords->write(bind.name, bind.url.password(), this,
                               [this](bool ok, const QString &) {
                                   if (!ok)
                                       Q_EMIT keychainUnavailable();
                               });
        } else {
            m_passwords->remove(bind.name);
        }
    }
    return engine;
}

Engine *RememberedBinds::replace(const QString &oldName, const Bind &bind, bool rememberPassword,
                                 QString *error)
{
    m_names.removeAll(oldName);
    m_workspace->removeBind(oldName);
    Engine *engine = add(bind, rememberPassword, error);
    // The old bind is gone either way; the settings must say so.
    save();
    return engine;
}

void RememberedBinds::forget(const QString &name)
{
    m_names.removeAll(name);
    m_passwords->remove(name);
    m_workspace->removeBind(name);
    save();
}

void RememberedBinds::save()
{
    QList<BindStore::Entry> entries;
    const auto engines = m_workspace->engines();
    for (const Engine *engine : engines) {
        if (m_names.contains(engine->name()))
            entries.append(BindStore::Entry{engine->bind(), engine->url().hasPassword()});
    }
    BindStore(m_settings).save(entries);
}

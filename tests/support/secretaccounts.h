#pragma once

// Real server accounts with a known password, for the tests that look for
// that password in everything poolscope shows (tst_secrets,
// tst_probesecrets): a PostgreSQL role and a MariaDB user of the same name,
// allowed to read one small table and, on MariaDB, to see every session.

#include "core/config/url.h"
#include "core/sql/dialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace testsupport {

struct SecretAccount
{
    Dialect dialect;
    Url admin;  // the test server's superuser URL
    Url secret; // the account with the known password
};

class SecretAccounts final
{
public:
    explicit SecretAccounts(const QString &password);
    ~SecretAccounts(); // drops what create() made

    // Makes the role and user (named after stem) and their table (one row)
    // on the given servers; false and error() when a server refuses.
    bool create(const QString &stem, const QList<Url> &admins);
    QString error() const { return m_error; }

    const QList<SecretAccount> &accounts() const { return m_accounts; }
    QString role() const { return m_role; }
    QString table() const { return m_table; }
    QString password() const { return m_password; }
    // The password as typed into a URL without encoding it (SQLAlchemy reads
    // it that way when it has no reserved characters).
    QString typedUrl(const SecretAccount &account, const QString &scheme = QString()) const;

    // The password as typed, percent-encoded, or with lower-case escapes.
    bool shows(const QString &text) const;
    QStringList showing(const QStringList &texts) const;
    // text with the password replaced by <pw>, fit for a failure message.
    QString masked(const QString &text) const;

private:
    void drop();

    QString m_password;
    QString m_role;
    QString m_table;
    QString m_error;
    QList<SecretAccount> m_accounts;
};

} // namespace testsupport

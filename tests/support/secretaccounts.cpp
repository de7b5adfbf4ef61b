#include "tests/support/secretaccounts.h"

#include "tests/support/testsupport.h"

namespace testsupport {

SecretAccounts::SecretAccounts(const QString &password)
    : m_password(password)
{
}

SecretAccounts::~SecretAccounts()
{
    drop();
}

bool SecretAccounts::create(const QString &stem, const QList<Url> &admins)
{
    m_role = uniqueIdentifier(stem);
    m_table = m_role + QStringLiteral("_t");
    for (const Url &admin : admins) {
        // Closed right after, so that no server session shows CREATE ROLE.
        ServerProbe probe(admin);
        QStringList statements;
        if (admin.dialect() == Dialect::PostgreSQL) {
            statements
                << QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_role, m_password)
                << QStringLiteral("CREATE TABLE %1 (id INTEGER, name TEXT)").arg(m_table)
                << QStringLiteral("INSERT INTO %1 VALUES (1, 'one')").arg(m_table)
                << QStringLiteral("GRANT SELECT ON %1 TO %2").arg(m_table, m_role);
        } else {
            for (const QString &host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")})
                statements << QStringLiteral("CREATE USER '%1'@'%2' IDENTIFIED BY '%3'")
                                  .arg(m_role, host, m_password)
                           << QStringLiteral("GRANT SELECT, PROCESS ON *.* TO '%1'@'%2'")
                                  .arg(m_role, host);
            statements << QStringLiteral("CREATE TABLE %1 (id INTEGER, name TEXT)").arg(m_table)
                       << QStringLiteral("INSERT INTO %1 VALUES (1, 'one')").arg(m_table);
        }
        statements << QStringLiteral("SELECT 1"); // the last statement its session shows
        // Added first: drop() cleans up a half-made account too.
        const Url secret = *Url::parse(
            QStringLiteral("%1://%2:%3@%4:%5/%6")
                .arg(admin.backend(), m_role,
                     QString::fromLatin1(m_password.toUtf8().toPercentEncoding()), admin.host())
                .arg(admin.port())
                .arg(admin.database()));
        m_accounts.append({admin.dialect(), admin, secret});
        for (const QString &sql : std::as_const(statements)) {
            if (!probe.exec(sql)) {
                m_error = masked(sql + QStringLiteral(": ") + probe.error());
                return false;
            }
        }
    }
    return true;
}

void SecretAccounts::drop()
{
    for (const SecretAccount &account : std::as_const(m_accounts)) {
        ServerProbe probe(account.admin);
        probe.exec(QStringLiteral("DROP TABLE %1").arg(m_table));
        if (account.dialect == Dialect::PostgreSQL) {
            probe.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE usename = '%1'")
                           .arg(m_role));
            probe.exec(QStringLiteral("DROP OWNED BY %1").arg(m_role));
            probe.exec(QStringLiteral("DROP ROLE %1").arg(m_role));
        } else {
            probe.exec(QStringLiteral("DROP USER '%1'@'127.0.0.1', '%1'@'localhost'").arg(m_role));
        }
    }
    m_accounts.clear();
}

QString SecretAccounts::typedUrl(const SecretAccount &account, const QString &scheme) const
{
    return QStringLiteral("%1://%2:%3@%4:%5/%6")
        .arg(scheme.isEmpty() ? account.secret.backend() : scheme, m_role, m_password,
             account.secret.host())
        .arg(account.secret.port())
        .arg(account.secret.database());
}

bool SecretAccounts::shows(const QString &text) const
{
    const QString encoded = QString::fromLatin1(m_password.toUtf8().toPercentEncoding());
    return text.contains(m_password) || text.contains(encoded, Qt::CaseInsensitive);
}

QStringList SecretAccounts::showing(const QStringList &texts) const
{
    QStringList found;
    for (const QString &text : texts) {
        if (shows(text))
            found << text;
    }
    return found;
}

QString SecretAccounts::masked(const QString &text) const
{
    return QString(text).replace(m_password, QStringLiteral("<pw>"));
}

} // namespace testsupport

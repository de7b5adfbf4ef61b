#pragma once

#include <QString>
#include <QStringList>

// Hides one password in text that came from elsewhere: server and driver
// messages, which poolscope does not build and cannot take apart. (Text that
// poolscope builds shows URLs with Url::toDisplayString(), which hides the
// password by structure.)
//
// The password goes wherever it stands in URL or option form (":pw@",
// "password=pw", "password='pw'"), whatever its length. Elsewhere only where it
// stands as a token of its own (not inside a longer word) and only when it has
// four characters or more: servers do not echo passwords, so this loses
// nothing, while hiding every "p" or "pass" would make the one line a user
// gets unreadable ("***word authentication failed"). A password that is the
// user name is the user name in messages ("for user "postgres""), which every
// URL shows anyway: it is hidden in URL and option form only. The password is
// looked for as typed, percent-encoded and with '+' for a space.
class SecretScrubber final
{
public:
    SecretScrubber() = default;
    SecretScrubber(const QString &password, const QString &userName);

    QString scrub(const QString &text) const;

    // Shorter passwords are hidden in URL and option form only.
    static constexpr int kTokenMinLength = 4;

private:
    QStringList m_forms; // the password as typed and as URLs spell it
    bool m_asToken = false;
};

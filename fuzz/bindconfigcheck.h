#pragma once

// The invariants every configuration reader keeps, whatever the text:
// - the result is consistent: bind names are unique and not empty, find() and
//   originOf() agree with binds(), pool options validate, warnings are capped;
// - every bind's URL renders to text that parses to the same URL;
// - reading is deterministic (the same text gives the same binds and messages);
// - no message depends on a password: the text with the letters of every
//   "scheme://user:PASSWORD@" swapped (and the environment's passwords
//   swapped the same way) gives the same messages and the same bind names.

#include "core/config/bindconfig.h"
#include "core/config/url.h"

#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>

#include "fuzz/fuzzcheck.h"
#include <functional>

namespace fuzz {

using ConfigReader =
    std::function<BindConfig(const QString &text, const QProcessEnvironment &environment)>;

inline QStringList messages(const BindConfig &config)
{
    QStringList all = config.warnings();
    if (config.hasError())
        all.append(QLatin1String("error: ") + config.error());
    return all;
}

inline QStringList renderedBinds(const BindConfig &config)
{
    QStringList all;
    for (const Bind &bind : config.binds())
        all.append(bind.name + QLatin1Char('=') + bind.url.render(false));
    return all;
}

// Redacted: a name may itself look like a URL with a password.
inline QStringList bindNames(const BindConfig &config)
{
    QStringList all;
    for (const Bind &bind : config.binds())
        all.append(Url::redact(bind.name));
    return all;
}

// The password of every "scheme://user:PASSWORD@" (PASSWORD not starting
// with "//", as Url::redact() reads it) with its letters swapped.
// Passwords with quotes, escapes, ${...} or blanks are left alone: swapping
// letters there could change what the reader reads, not just the secret.
inline QString swapPasswords(const QString &text)
{
    static const QRegularExpression candidate(
        QStringLiteral("://[^:/@\\s'\"]*:(?!//)([^@\\s'\"\\\\${}]+)@"));
    QString out = text;
    auto it = candidate.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out.replace(match.capturedStart(1), match.capturedLength(1),
                    swapLetters(match.captured(1)));
    }
    return out;
}

// DB_PASSWORD is a password only where ${DB_PASSWORD} stands as one, between
// "user:" and "@"; elsewhere (SQLALCHEMY_DATABASE_URI=${DB_PASSWORD}) it is
// just text. DB_URL holds a whole URL, whose password is one wherever it goes.
inline bool passwordUsedAsPassword(const QString &text)
{
    static const QRegularExpression asPassword(QStringLiteral(":\\$\\{DB_PASSWORD\\}@"));
    qsizetype uses = 0;
    for (auto it = asPassword.globalMatch(text); it.hasNext(); it.next())
        ++uses;
    return text.count(QLatin1String("DB_PASSWORD")) == uses;
}

inline QProcessEnvironment secretEnvironment(bool swapPassword, bool swapUrl)
{
    const QString password = QStringLiteral("s3cr3tPw");
    const QString urlPassword = QStringLiteral("urlS3cr3t");
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DB_PASSWORD"),
                       swapPassword ? swapLetters(password) : password);
    environment.insert(QStringLiteral("DB_HOST"), QStringLiteral("db.example.com"));
    environment.insert(QStringLiteral("DB_URL"),
                       QStringLiteral("postgresql://app:%1@db/app")
                           .arg(swapUrl ? swapLetters(urlPassword) : urlPassword));
    return environment;
}

inline void checkConsistent(const BindConfig &config)
{
    const QString all = renderedBinds(config).join(QLatin1Char('\n'));
    QSet<QString> names;
    for (const Bind &bind : config.binds()) {
        FUZZ_CHECK(!bind.name.trimmed().isEmpty(), all);
        FUZZ_CHECK(!names.contains(bind.name), QStringLiteral("bind '%1' twice").arg(bind.name));
        names.insert(bind.name);
        FUZZ_CHECK(config.find(bind.name) == &bind, bind.name);
        FUZZ_CHECK(!config.originOf(bind.name).isEmpty(), bind.name);
        FUZZ_CHECK(bind.options.validate().isEmpty(),
                   bind.name + QLatin1String(": ") + bind.options.validate());
        QString error;
        const std::optional<Url> again = Url::parse(bind.url.render(false), &error);
        FUZZ_CHECK(again, bind.url.toDisplayString() + QLatin1String(": ") + error);
        FUZZ_CHECK(*again == bind.url, bind.url.toDisplayString());
    }
    FUZZ_CHECK(config.warnings().size() <= BindConfig::kMaxWarnings + 1,
               QString::number(config.warnings().size()));
}

inline void checkReader(const ConfigReader &read, const QString &text)
{
    const QProcessEnvironment environment = secretEnvironment(false, false);
    const BindConfig config = read(text, environment);
    checkConsistent(config);

    const BindConfig again = read(text, environment);
    FUZZ_CHECK(messages(again) == messages(config) && renderedBinds(again) == renderedBinds(config),
               QStringLiteral("two reads of the same text differ"));

    const BindConfig swapped =
        read(swapPasswords(text), secretEnvironment(passwordUsedAsPassword(text), true));
    FUZZ_CHECK(messages(swapped) == messages(config),
               QStringLiteral("a message shows part of a password:\n%1\n---\n%2")
                   .arg(messages(config).join(QLatin1Char('\n')),
                        messages(swapped).join(QLatin1Char('\n'))));
    FUZZ_CHECK(bindNames(swapped) == bindNames(config),
               QStringLiteral("the letters of a password change which binds are read"));
}

} // namespace fuzz

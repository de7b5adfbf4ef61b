#pragma once

#include "core/sql/dialect.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// A database URL in SQLAlchemy's form:
//   dialect[+driver]://user:password@host:port/database?key=value
// with sqlite:// (memory), sqlite:///relative.db and sqlite:////absolute.db.
// User and password are percent-decoded on parse and percent-encoded on render;
// render() hides the password as *** unless asked not to.
class Url final
{
    Q_DECLARE_TR_FUNCTIONS(Url)

public:
    using Option = QPair<QString, QString>;

    // Parses text; on failure returns nullopt and sets *error to one sentence that
    // says what is wrong and shows the valid form. The error never contains the
    // password.
    static std::optional<Url> parse(const QString &text, QString *error = nullptr);

    // Masks what looks like a password in text that may not even parse, for
    // messages about bad input: from the first ':' that does not start "://" up
    // to the last '@' after it.
    static QString redact(const QString &text);

    Dialect dialect() const { return m_dialect; }
    QString backend() const { return m_backend; } // "postgresql", "mariadb", ...
    QString driver() const { return m_driver; }   // "psycopg2" or empty
    QString drivername() const;                   // "postgresql+psycopg2"
    QString username() const { return m_username; }
    QString password() const { return m_password; }
    bool hasPassword() const { return m_hasPassword; }
    QString host() const { return m_host; }
    int port() const { return m_port; } // -1 when absent
    QString database() const { return m_database; }
    QList<Option> options() const { return m_options; }
    QString option(const QString &key, const QString &fallback = QString()) const;
    bool hasOption(const QString &key) const;

    // sqlite://, sqlite:///:memory: and the empty database: one in-memory database.
    bool isSqliteMemory() const;

    void setPassword(const QString &password);
    // The same URL with no password at all: what may be stored.
    Url withoutPassword() const;
    void setDatabase(const QString &database) { m_database = database; }

    // SQLAlchemy's render_as_string(): options sorted by key, password as ***
    // unless hidePassword is false.
    QString render(bool hidePassword = true) const;
    // The form for people: always hides the password.
    QString toDisplayString() const { return render(true); }

    friend bool operator==(const Url &a, const Url &b)
    {
        return a.render(false) == b.render(false);
    }

private:
    // The steps of parse(), in its order: each reads its part of the text into
    // this URL, or returns what is wrong with it.
    std::optional<QString> readScheme(const QString &scheme, bool hidesPassword);
    std::optional<QString> readUserInfo(QString *rest, qsizetype *restOffset);
    std::optional<QString> readOptions(QString *rest, bool partsMayHoldPassword);
    std::optional<QString> readHost(QString hostPort, qsizetype hostOffset,
                                    bool partsMayHoldPassword, QString *portText,
                                    qsizetype *portOffset);
    std::optional<QString> checkDialectRules(bool partsMayHoldPassword) const;

    Dialect m_dialect = Dialect::SQLite;
    QString m_backend;
    QString m_driver;
    QString m_username;
    QString m_password;
    bool m_hasUsername = false;
    bool m_hasPassword = false;
    QString m_host;
    int m_port = -1;
    QString m_database;
    bool m_hasDatabase = false;
    QList<Option> m_options;
};

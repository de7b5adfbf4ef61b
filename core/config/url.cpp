#include "core/config/url.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cctype>

namespace {

const QString kValidForm =
    QStringLiteral("dialect[+driver]://user:password@host:port/database (or sqlite:///file.db)");

struct Backend
{
    const char *name;
    Dialect dialect;
    QStringList drivers;
};

const QList<Backend> &backends()
{
    static const QList<Backend> list = {
        {"sqlite", Dialect::SQLite, {QStringLiteral("pysqlite"), QStringLiteral("aiosqlite")}},
        {"postgresql",
         Dialect::PostgreSQL,
         {QStringLiteral("psycopg2"), QStringLiteral("psycopg"), QStringLiteral("psycopg2cffi"),
          QStringLiteral("pg8000"), QStringLiteral("asyncpg")}},
        {"mysql",
         Dialect::MySQL,
         {QStringLiteral("mysqldb"), QStringLiteral("pymysql"), QStringLiteral("mysqlconnector"),
          QStringLiteral("mariadbconnector"), QStringLiteral("asyncmy"), QStringLiteral("aiomysql"),
          QStringLiteral("cymysql")}},
        {"mariadb",
         Dialect::MySQL,
         {QStringLiteral("mysqldb"), QStringLiteral("pymysql"), QStringLiteral("mysqlconnector"),
          QStringLiteral("mariadbconnector"), QStringLiteral("asyncmy"), QStringLiteral("aiomysql"),
          QStringLiteral("cymysql")}},
    };
    return list;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Percent-decoding that rejects broken escapes instead of passing them through.
bool percentDecode(const QString &text, QString *out)
{
    const QByteArray utf8 = text.toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8.at(i) != '%')
            continue;
        if (i + 2 >= utf8.size() || !std::isxdigit(static_cast<unsigned char>(utf8.at(i + 1))) ||
            !std::isxdigit(static_cast<unsigned char>(utf8.at(i + 2))))
            return false;
    }
    *out = QString::fromUtf8(QByteArray::fromPercentEncoding(utf8));
    return true;
}

QString quote(const QString &text)
{
    // Python's quote(text, safe=" +"), as SQLAlchemy renders user and password.
    return QString::fromLatin1(text.toUtf8().toPercentEncoding(" +"));
}

QString quotePlus(const QString &text)
{
    return QString::fromLatin1(text.toUtf8().toPercentEncoding(" "))
        .replace(QLatin1Char(' '), QLatin1Char('+'));
}

QString shownPart(const QString &part, bool mayHoldPassword)
{
    return mayHoldPassword ? QStringLiteral("***") : part;
}

// A port written with a sign is no port number, though toInt() takes it.
std::optional<int> portNumber(const QString &portText)
{
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || portText.startsWith(QLatin1Char('+')) || portText.startsWith(QLatin1Char('-')))
        return std::nullopt;
    return port;
}

} // namespace

QString Url::redact(const QString &text)
{
    // scheme://user:SECRET@rest -> scheme://user:***@rest: from the first ':'
    // that does not start "://" up to the last '@', so that a password with a
    // stray '@' is hidden whole, and so is one in a malformed URL
    // (postgresql:/user:pw@host, user:pw@host, jdbc:postgresql://user:pw@host).
    // Plain index arithmetic, not a regular expression: PCRE matches nothing
    // in text that is not valid UTF-16 (a lone surrogate from a JSON "\ud83d"),
    // which would show such a password whole.
    qsizetype colon = text.indexOf(QLatin1Char(':'));
    while (colon >= 0 && QStringView(text).mid(colon + 1).startsWith(QLatin1String("//")))
        colon = text.indexOf(QLatin1Char(':'), colon + 1);
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    if (colon < 0 || at <= colon)
        return text;
    QString out = text;
    out.replace(colon + 1, at - colon - 1, QStringLiteral("***"));
    return out;
}

std::optional<Url> Url::parse(const QString &input, QString *error)
{
    const QString text = input.trimmed();
    auto badShowing = [&](const QString &shownText, const QString &what) {
        fail(error, tr("Invalid database URL '%1': %2. Expected %3.")
                        .arg(redact(shownText), what, kValidForm));
        return std::nullopt;
    };
    auto bad = [&](const QString &what) {
        return badShowing(text, what);
    };

    if (text.isEmpty())
        return bad(tr("it is empty"));
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return bad(tr("'://' is missing after the dialect name"));
    const bool hidesPassword = redact(text) != text;
    Url url;
    if (const auto wrong = url.readScheme(text.left(schemeEnd), hidesPassword))
        return bad(*wrong);

    QString rest = text.mid(schemeEnd + 3);
    qsizetype restOffset = schemeEnd + 3; // where rest starts in text
    if (const auto wrong = url.readUserInfo(&rest, &restOffset))
        return bad(*wrong);

    // redact() hides up to the last '@', so that a password with a raw '@' is
    // hidden whole. While such an '@' is left, what follows the user info may
    // be the rest of that password: messages show those parts as *** too.
    const bool partsMayHoldPassword = hidesPassword && rest.contains(QLatin1Char('@'));
    if (const auto wrong = url.readOptions(&rest, partsMayHoldPassword))
        return bad(*wrong);

    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString hostPort = slash >= 0 ? rest.left(slash) : rest;
    if (slash >= 0) {
        url.m_database = rest.mid(slash + 1);
        url.m_hasDatabase = true;
    }
    if (hostPort.contains(QLatin1Char('@')))
        return bad(tr("an '@' in a user name or password must be written %40"));

    QString portText;
    qsizetype portOffset = -1; // where portText starts in text
    if (const auto wrong =
            url.readHost(hostPort, restOffset, partsMayHoldPassword, &portText, &portOffset))
        return bad(*wrong);
    if (!portText.isEmpty()) {
        const std::optional<int> port = portNumber(portText);
        if (!port) {
            // "user:password" with its "@host" forgotten reads as host:port:
            // the would-be port is hidden, in the URL shown too.
            QString hidden = text;
            hidden.replace(portOffset, portText.size(), QStringLiteral("***"));
            return badShowing(hidden, tr("what follows the host's ':' is not a port number "
                                         "(a password needs '@host' after it)"));
        }
        if (*port < 1 || *port > 65535)
            return bad(tr("the port %1 is outside 1-65535")
                           .arg(shownPart(QString::number(*port), partsMayHoldPassword)));
        url.m_port = *port;
    }

    if (const auto wrong = url.checkDialectRules(partsMayHoldPassword))
        return bad(*wrong);
    return url;
}

std::optional<QString> Url::readScheme(const QString &scheme, bool hidesPassword)
{
    static const QRegularExpression schemeForm(
        QStringLiteral("^[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)?$"));
    if (!schemeForm.match(scheme).hasMatch()) {
        // What follows a ':' in it may be the start of a password (u:pw@host).
        if (hidesPassword && scheme.contains(QLatin1Char(':')))
            return tr("the text before '://' is not a dialect[+driver] name");
        return tr("'%1' is not a dialect[+driver] name").arg(scheme);
    }

    m_backend = scheme.section(QLatin1Char('+'), 0, 0).toLower();
    m_driver = scheme.section(QLatin1Char('+'), 1, 1).toLower();
    const auto backend =
        std::find_if(backends().cbegin(), backends().cend(),
                     [&](const Backend &b) { return m_backend == QLatin1String(b.name); });
    if (backend == backends().cend()) {
        if (m_backend == QLatin1String("postgres"))
            return tr("the dialect is spelled 'postgresql', not 'postgres'");
        return tr("unsupported dialect '%1'; poolscope speaks sqlite, "
                  "postgresql, mysql and mariadb")
            .arg(m_backend);
    }
    if (!m_driver.isEmpty() && !backend->drivers.contains(m_driver))
        return tr("unknown driver '%1' for %2 (known: %3)")
            .arg(m_driver, m_backend, backend->drivers.join(QStringLiteral(", ")));
    m_dialect = backend->dialect;
    return std::nullopt;
}

std::optional<QString> Url::readUserInfo(QString *rest, qsizetype *restOffset)
{
    // user:password@ - the user name stops at ':' or '/', the password at '@'
    // (SQLAlchemy's grammar), so a literal '@' must be written %40. The user
    // info is read before the options because a password may hold '?'.
    const qsizetype at = rest->indexOf(QLatin1Char('@'));
    if (at < 0)
        return std::nullopt;
    const QString userinfo = rest->left(at);
    const qsizetype colon = userinfo.indexOf(QLatin1Char(':'));
    const QString user = colon >= 0 ? userinfo.left(colon) : userinfo;
    if (user.contains(QLatin1Char('/')) || user.contains(QLatin1Char('?')))
        return std::nullopt;
    if (!percentDecode(user, &m_username))
        return tr("the user name has a broken %-escape");
    m_hasUsername = true;
    if (colon >= 0) {
        if (!percentDecode(userinfo.mid(colon + 1), &m_password))
            return tr("the password has a broken %-escape");
        m_hasPassword = true;
    }
    *rest = rest->mid(at + 1);
    *restOffset += at + 1;
    return std::nullopt;
}

std::optional<QString> Url::readOptions(QString *rest, bool partsMayHoldPassword)
{
    const qsizetype question = rest->indexOf(QLatin1Char('?'));
    if (question < 0)
        return std::nullopt;
    const QString query = rest->mid(question + 1);
    rest->truncate(question);
    // Blanks before the options are dropped like blanks at the end of the
    // text, so that what render() writes parses back the same.
    while (!rest->isEmpty() && rest->back().isSpace())
        rest->chop(1);
    const QStringList pairs = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return tr("option '%1' needs the form key=value")
                .arg(shownPart(pair, partsMayHoldPassword));
        QString key, value;
        QString rawValue = pair.mid(eq + 1);
        rawValue.replace(QLatin1Char('+'), QLatin1Char(' '));
        QString rawKey = pair.left(eq);
        rawKey.replace(QLatin1Char('+'), QLatin1Char(' '));
        if (!percentDecode(rawKey, &key) || !percentDecode(rawValue, &value))
            return tr("option '%1' has a broken %-escape")
                .arg(shownPart(pair, partsMayHoldPassword));
        m_options.append({key, value});
    }
    return std::nullopt;
}

std::optional<QString> Url::readHost(QString hostPort, qsizetype hostOffset,
                                     bool partsMayHoldPassword, QString *portText,
                                     qsizetype *portOffset)
{
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            return tr("the IPv6 host has no closing ']'");
        // Blanks inside the brackets are dropped: render() writes a host without
        // ':' bare, where a trailing blank would be lost.
        m_host = hostPort.mid(1, close - 1).trimmed();
        if (m_host.isEmpty())
            return tr("the IPv6 host between [ ] is empty");
        if (m_host.contains(QLatin1Char('[')))
            return tr("the IPv6 host between [ ] holds another '['");
        const QString after = hostPort.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return tr("unexpected '%1' after the IPv6 host")
                    .arg(shownPart(after, partsMayHoldPassword));
            *portText = after.mid(1);
            *portOffset = hostOffset + close + 2;
            if (portText->isEmpty())
                return tr("the port after ':' is empty");
        }
        return std::nullopt;
    }
    if (hostPort.contains(QLatin1Char('[')) || hostPort.contains(QLatin1Char(']')) ||
        hostPort.count(QLatin1Char(':')) > 1)
        return tr("an IPv6 host must be written in brackets, like [::1]");
    const qsizetype colon = hostPort.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        *portText = hostPort.mid(colon + 1);
        *portOffset = hostOffset + colon + 1;
        hostPort.truncate(colon);
        if (portText->isEmpty())
            return tr("the port after ':' is empty");
    }
    m_host = hostPort;
    return std::nullopt;
}

std::optional<QString> Url::checkDialectRules(bool partsMayHoldPassword) const
{
    if (m_dialect == Dialect::SQLite) {
        if (!m_host.isEmpty() || m_port >= 0 || m_hasUsername)
            return tr("a sqlite URL has no user, host or port; write "
                      "sqlite:///relative.db or sqlite:////absolute/path.db");
    } else if (m_database.contains(QLatin1Char('/'))) {
        return tr("the database name '%1' contains '/'")
            .arg(shownPart(m_database, partsMayHoldPassword));
    }
    return std::nullopt;
}

QString Url::drivername() const
{
    return m_driver.isEmpty() ? m_backend : m_backend + QLatin1Char('+') + m_driver;
}

QString Url::option(const QString &key, const QString &fallback) const
{
    for (const Option &option : m_options) {
        if (option.first == key)
            return option.second;
    }
    return fallback;
}

bool Url::hasOption(const QString &key) const
{
    return std::any_of(m_options.cbegin(), m_options.cend(),
                       [&](const Option &option) { return option.first == key; });
}

bool Url::isSqliteMemory() const
{
    return m_dialect == Dialect::SQLite &&
           (m_database.isEmpty() || m_database == QLatin1String(":memory:") ||
            option(QStringLiteral("mode")) == QLatin1String("memory"));
}

void Url::setPassword(const QString &password)
{
    m_password = password;
    m_hasPassword = true;
    if (!m_hasUsername)
        m_hasUsername = true;
}

Url Url::withoutPassword() const
{
    Url copy = *this;
    copy.m_password.clear();
    copy.m_hasPassword = false;
    copy.m_options.erase(std::remove_if(copy.m_options.begin(), copy.m_options.end(),
                                        [](const Option &option) {
                                            return option.first.compare(QLatin1String("password"),
                                                                        Qt::CaseInsensitive) == 0;
                                        }),
                         copy.m_options.end());
    return copy;
}

QString Url::render(bool hidePassword) const
{
    QString s = drivername() + QLatin1String("://");
    if (m_hasUsername) {
        s += quote(m_username);
        if (m_hasPassword)
            s += QLatin1Char(':') + (hidePassword ? QStringLiteral("***") : quote(m_password));
        s += QLatin1Char('@');
    }
    if (!m_host.isEmpty())
        s += m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']')
                                               : m_host;
    if (m_port >= 0)
        s += QLatin1Char(':') + QString::number(m_port);
    if (m_hasDatabase)
        s += QLatin1Char('/') + m_database;
    if (!m_options.isEmpty()) {
        QList<Option> sorted = m_options;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const Option &a, const Option &b) { return a.first < b.first; });
        QStringList parts;
        for (const Option &option : sorted) {
            // libpq and the MySQL drivers also take the password as an option.
            const bool secret = hidePassword && option.first.compare(QLatin1String("password"),
                                                                     Qt::CaseInsensitive) == 0;
            parts << quotePlus(option.first) + QLatin1Char('=') +
                         (secret ? QStringLiteral("***") : quotePlus(option.second));
        }
        s += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    }
    return s;
}

#include "core/config/dotenvreader.h"

#include "core/config/bindbuilder.h"
#include "core/config/engineoptions.h"

#include <QFileInfo>
#include <QHash>

namespace {

using Entry = DotenvReader::Entry;

const QString kUriKey = QStringLiteral("SQLALCHEMY_DATABASE_URI");
const QString kUrlKey = QStringLiteral("DATABASE_URL");

// What \e stands for in a quoted value; a null QChar when the backslash stands
// for itself. Single quotes take only \\ and \'.
QChar decodedEscape(QChar e, bool doubleQuoted)
{
    if (e == QLatin1Char('\\') || e == QLatin1Char('\'') || (doubleQuoted && e == QLatin1Char('"')))
        return e;
    if (!doubleQuoted)
        return QChar();
    switch (e.unicode()) {
    case 'n':
        return QLatin1Char('\n');
    case 't':
        return QLatin1Char('\t');
    case 'r':
        return QLatin1Char('\r');
    case 'a':
        return QChar(7);
    case 'b':
        return QChar(8);
    case 'f':
        return QChar(12);
    case 'v':
        return QChar(11);
    default:
        return QChar();
    }
}

class Parser
{
public:
    Parser(const QString &file, const QString &text, const QProcessEnvironment &environment,
           QStringList *warnings)
        : m_file(file)
        , m_s(text)
        , m_n(int(text.size()))
        , m_environment(environment)
        , m_warnings(warnings)
    {
    }

    QList<Entry> run();

private:
    bool blank(int i) const
    {
        return i < m_n && (m_s.at(i) == QLatin1Char(' ') || m_s.at(i) == QLatin1Char('\t') ||
                           m_s.at(i) == QLatin1Char('\f'));
    }
    bool newline(int i) const
    {
        return i < m_n && (m_s.at(i) == QLatin1Char('\n') || m_s.at(i) == QLatin1Char('\r'));
    }
    bool atLineEnd() const { return m_pos >= m_n || newline(m_pos); }
    void skipBlanks()
    {
        while (blank(m_pos))
            ++m_pos;
    }
    // Moves past the end of the current line.
    void skipLine()
    {
        while (m_pos < m_n && !newline(m_pos))
            ++m_pos;
        consumeNewline();
    }
    void consumeNewline()
    {
        if (m_pos >= m_n)
            return;
        if (m_s.at(m_pos) == QLatin1Char('\r') && m_pos + 1 < m_n &&
            m_s.at(m_pos + 1) == QLatin1Char('\n'))
            ++m_pos;
        ++m_pos;
        ++m_line;
    }
    void warn(int line, const QString &text)
    {
        m_warnings->append(QStringLiteral("%1:%2: %3").arg(m_file, QString::number(line), text));
    }
    bool quoted(const QString &key, int line, QString *value);
    bool readUntilQuote(QChar quote, QString *text);
    QString expand(const QString &value, int line);

    const QString &m_file;
    const QString &m_s;
    const int m_n;
    const QProcessEnvironment &m_environment;
    QStringList *m_warnings;
    QHash<QString, QString> m_seen;
    bool m_unclosed[2] = {false, false}; // no closing ' / " anywhere after a point
    // Values that expand earlier values can double on every line: the
    // characters all expansions may produce together.
    qint64 m_expansionBudget = 4 * BindConfig::kMaxFileSize;
    int m_pos = 0;
    int m_line = 1;
};

QList<Entry> Parser::run()
{
    QList<Entry> entries;
    while (m_pos < m_n) {
        skipBlanks();
        if (atLineEnd()) {
            consumeNewline();
            continue;
        }
        const int line = m_line;
        if (m_s.at(m_pos) == QLatin1Char('#')) {
            skipLine();
            continue;
        }
        if (QStringView(m_s).mid(m_pos).startsWith(QLatin1String("export")) && blank(m_pos + 6)) {
            m_pos += 6;
            skipBlanks();
        }
        const int keyStart = m_pos;
        while (m_pos < m_n && !blank(m_pos) && !newline(m_pos) && m_s.at(m_pos) != QLatin1Char('='))
            ++m_pos;
        const QString key = m_s.mid(keyStart, m_pos - keyStart);
        skipBlanks();
        if (key.isEmpty() || m_pos >= m_n || m_s.at(m_pos) != QLatin1Char('=')) {
            // A bare KEY is valid (python-dotenv gives it no value); the rest is not.
            if (key.isEmpty() || !atLineEnd())
                warn(line, QStringLiteral("expected KEY=VALUE; line skipped"));
            skipLine();
            continue;
        }
        ++m_pos;
        skipBlanks();
        QString value;
        if (m_pos < m_n &&
            (m_s.at(m_pos) == QLatin1Char('\'') || m_s.at(m_pos) == QLatin1Char('"'))) {
            if (!quoted(key, line, &value))
                continue;
        } else {
            const int start = m_pos;
            int end = start;
            while (end < m_n && !newline(end)) {
                if (m_s.at(end) == QLatin1Char('#') && end > start && blank(end - 1))
                    break;
                ++end;
            }
            value = expand(m_s.mid(start, end - start).trimmed(), line);
            m_pos = end;
            skipLine();
        }
        m_seen.insert(key, value);
        entries.append(Entry{key, value, line});
    }
    return entries;
}

bool Parser::quoted(const QString &key, int line, QString *value)
{
    const QChar quote = m_s.at(m_pos);
    const bool doubled = quote == QLatin1Char('"');
    const int start = m_pos;
    const QString name = EngineOptions::printable(key);
    QString text;
    if (m_unclosed[doubled] || !readUntilQuote(quote, &text)) {
        m_unclosed[doubled] = true;
        warn(line,
             QStringLiteral("the value of %1 has no closing %2; line skipped").arg(name, quote));
        m_pos = start;
        m_line = line;
        skipLine();
        return false;
    }
    skipBlanks();
    if (!atLineEnd() && m_s.at(m_pos) != QLatin1Char('#')) {
        warn(m_line, QStringLiteral("unexpected text after the closing quote of %1; line skipped")
                         .arg(name));
        skipLine();
        return false;
    }
    skipLine();
    *value = doubled ? expand(text, line) : text;
    return true;
}

// From the opening quote at m_pos to past the closing one, decoding escapes
// into *text; false when the text ends first.
bool Parser::readUntilQuote(QChar quote, QString *text)
{
    const bool doubled = quote == QLatin1Char('"');
    ++m_pos;
    for (;;) {
        if (m_pos >= m_n)
            return false;
        const QChar c = m_s.at(m_pos);
        if (c == quote) {
            ++m_pos;
            return true;
        }
        if (c == QLatin1Char('\n') ||
            (c == QLatin1Char('\r') &&
             !(m_pos + 1 < m_n && m_s.at(m_pos + 1) == QLatin1Char('\n'))))
            ++m_line;
        if (c == QLatin1Char('\\') && m_pos + 1 < m_n) {
            const QChar decoded = decodedEscape(m_s.at(m_pos + 1), doubled);
            if (!decoded.isNull()) {
                *text += decoded;
                m_pos += 2;
                continue;
            }
        }
        *text += c;
        ++m_pos;
    }
}

QString Parser::expand(const QString &value, int line)
{
    if (!value.contains(QLatin1String("${")))
        return value;
    if (m_expansionBudget <= 0)
        return value;
    QString out;
    int i = 0;
    const int n = int(value.size());
    while (i < n) {
        const int open = int(value.indexOf(QLatin1String("${"), i));
        const int close = open < 0 ? -1 : int(value.indexOf(QLatin1Char('}'), open + 2));
        if (open < 0 || close < 0) {
            out += QStringView(value).mid(i);
            break;
        }
        out += QStringView(value).mid(i, open - i);
        const QString inner = value.mid(open + 2, close - open - 2);
        const qsizetype sep = inner.indexOf(QLatin1String(":-"));
        const QString name = sep < 0 ? inner : inner.left(sep);
        if (m_environment.contains(name))
            out += m_environment.value(name);
        else if (m_seen.contains(name))
            out += m_seen.value(name);
        else if (sep >= 0)
            out += inner.mid(sep + 2);
        else
            warn(line, QStringLiteral("${%1} is not set; it expands to nothing")
                           .arg(EngineOptions::printable(name)));
        i = close + 1;
        if (out.size() > m_expansionBudget) {
            warn(line, QStringLiteral("${...} expansions grow too long; they stop here and the "
                                      "value is cut"));
            out.truncate(qMax<qint64>(0, m_expansionBudget));
            m_expansionBudget = 0;
            return out;
        }
    }
    m_expansionBudget -= out.size();
    return out;
}

} // namespace

QList<DotenvReader::Entry> DotenvReader::parse(const QString &file, const QString &text,
                                               const QProcessEnvironment &environment,
                                               QStringList *warnings)
{
    Parser parser(file, text, environment, warnings);
    return parser.run();
}

BindConfig DotenvReader::read(const QString &file, const QString &text,
                              const QProcessEnvironment &environment)
{
    BindConfig config;
    QStringList warnings;
    const QList<Entry> entries = parse(file, text, environment, &warnings);
    for (const QString &warning : std::as_const(warnings))
        config.warn(warning);

    const bool hasUri = std::any_of(entries.cbegin(), entries.cend(),
                                    [](const Entry &e) { return e.key == kUriKey; });
    const QString key = hasUri ? kUriKey : kUrlKey;
    BindBuilder builder(&config, file, QFileInfo(file).absolutePath());
    bool found = false;
    for (const Entry &entry : entries) {
        if (entry.key != key)
            continue;
        found = true;
        if (entry.value.trimmed().isEmpty()) {
            builder.warn(entry.line, QStringLiteral("%1 is empty; skipped").arg(key));
            continue;
        }
        builder.addUrl(QStringLiteral("default"), entry.value, entry.line, key, PoolOptions());
    }
    if (!found)
        config.warn(
            QStringLiteral("%1: has no %2 or %3; it defines no bind").arg(file, kUriKey, kUrlKey));
    return config;
}

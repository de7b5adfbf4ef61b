#include "core/config/bindconfig.h"

#include "core/config/bindbuilder.h"
#include "core/config/dotenvreader.h"
#include "core/config/flaskconfigreader.h"
#include "core/config/jsonbindreader.h"
#include "core/config/url.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

namespace {

const QString kEnvironmentKey = QStringLiteral("SQLALCHEMY_DATABASE_URI");

bool looksLikePython(const QString &text)
{
    static const QRegularExpression python(
        QStringLiteral("^(import|from|class|def|if|for|try|with)\\b|^[ \\t]+\\S|"
                       "^[A-Za-z_][A-Za-z0-9_]*\\s*=\\s*[\\[({]|^[A-Za-z_][A-Za-z0-9_]*\\s*:"),
        QRegularExpression::MultilineOption);
    return python.match(text).hasMatch();
}

bool looksLikeDotenv(const QString &text)
{
    // export KEY=..., or KEY=value with an unquoted value that is not a Python
    // constant or number.
    static const QRegularExpression dotenv(
        QStringLiteral("^export[ \\t]|^[A-Za-z_][A-Za-z0-9_.]*[ \\t]*=[ \\t]*"
                       "(?![ \\t]*(['\"]|True\\b|False\\b|None\\b|[0-9.+-]))\\S"),
        QRegularExpression::MultilineOption);
    return dotenv.match(text).hasMatch();
}

} // namespace

const Bind *BindConfig::find(const QString &name) const
{
    const auto it = m_index.constFind(name);
    return it == m_index.cend() ? nullptr : &m_binds.at(*it);
}

QString BindConfig::originOf(const QString &name) const
{
    const auto it = m_index.constFind(name);
    return it == m_index.cend() ? QString() : m_origins.at(*it);
}

void BindConfig::add(const Bind &bind, const QString &origin)
{
    const auto it = m_index.constFind(bind.name);
    if (it == m_index.cend()) {
        m_index.insert(bind.name, int(m_binds.size()));
        m_binds.append(bind);
        m_origins.append(origin);
        return;
    }
    warn(QStringLiteral("%1: bind '%2' replaces the one from %3")
             .arg(origin, bind.name, m_origins.at(*it)));
    m_binds[*it] = bind;
    m_origins[*it] = origin;
}

void BindConfig::warn(const QString &text)
{
    if (m_warnings.size() < kMaxWarnings) {
        m_warnings.append(text);
        return;
    }
    ++m_unshownWarnings;
    const QString summary = QStringLiteral("(%1 more warnings not shown)").arg(m_unshownWarnings);
    if (m_warnings.size() == kMaxWarnings)
        m_warnings.append(summary);
    else
        m_warnings.last() = summary;
}

void BindConfig::setError(const QString &text)
{
    m_error = text;
}

BindConfig BindConfig::readFile(const QString &path, const QString &configClass)
{
    BindConfig config;
    const QFileInfo info(path);
    if (!info.exists()) {
        static const QRegularExpression withClass(
            QStringLiteral("^(.+\\.py):([A-Za-z_][A-Za-z0-9_]*)$"));
        const auto match = withClass.match(path);
        if (match.hasMatch() && configClass.isEmpty() && QFileInfo(match.captured(1)).isFile())
            return readFile(match.captured(1), match.captured(2));
        config.setError(QStringLiteral("%1: no such file").arg(path));
        return config;
    }
    if (info.isDir()) {
        config.setError(QStringLiteral("%1: is a folder, not a configuration file").arg(path));
        return config;
    }
    // Not a FIFO or a device: reading one could wait forever or never end.
    if (!info.isFile()) {
        config.setError(QStringLiteral("%1: is not a regular file").arg(path));
        return config;
    }
    const QString tooLarge =
        QStringLiteral("%1: the file is larger than %2 KiB; a configuration file is not that "
                       "big, so poolscope does not read it")
            .arg(path, QString::number(kMaxFileSize / 1024));
    if (info.size() > kMaxFileSize) {
        config.setError(tooLarge);
        return config;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        config.setError(QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
        return config;
    }
    const QByteArray data = file.read(kMaxFileSize + 1);
    if (data.size() > kMaxFileSize) {
        config.setError(tooLarge);
        return config;
    }
    if (data.contains('\0')) {
        config.setError(QStringLiteral("%1: is not a text file (it holds NUL bytes)").arg(path));
        return config;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(data);
    if (decoder.hasError()) {
        config.setError(QStringLiteral("%1: is not UTF-8 text").arg(path));
        return config;
    }
    if (text.trimmed().isEmpty()) {
        config.warn(QStringLiteral("%1: the file is empty; it defines no bind").arg(path));
        return config;
    }

    const Format format = detectFormat(path, text);
    if (format != Format::FlaskConfig && !configClass.isEmpty())
        config.warn(QStringLiteral("%1: is not a Python config file; the class name '%2' is "
                                   "ignored")
                        .arg(path, configClass));
    switch (format) {
    case Format::Json:
        return JsonBindReader::read(path, text);
    case Format::Dotenv:
        return DotenvReader::read(path, text);
    case Format::FlaskConfig:
        break;
    }
    return FlaskConfigReader::read(path, text, configClass);
}

BindConfig::Format BindConfig::detectFormat(const QString &path, const QString &text)
{
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(QLatin1String(".json")))
        return Format::Json;
    if (name.endsWith(QLatin1String(".py")))
        return Format::FlaskConfig;
    if (name == QLatin1String(".env") || name.startsWith(QLatin1String(".env.")) ||
        name.endsWith(QLatin1String(".env")) || name == QLatin1String(".flaskenv"))
        return Format::Dotenv;
    const QString start = text.trimmed();
    if (start.startsWith(QLatin1Char('{')))
        return Format::Json;
    if (looksLikePython(text))
        return Format::FlaskConfig;
    if (looksLikeDotenv(text))
        return Format::Dotenv;
    return Format::FlaskConfig;
}

BindConfig BindConfig::fromArgument(const QString &text)
{
    BindConfig config;
    const QString usage =
        QStringLiteral("expected NAME=URL, like reports=postgresql://user@host/db");
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq < 0) {
        config.setError(QStringLiteral("--bind '%1': %2").arg(Url::redact(text), usage));
        return config;
    }
    const QString name = text.left(eq).trimmed();
    if (name.isEmpty()) {
        config.setError(QStringLiteral("--bind '%1': the bind name before '=' is empty; %2")
                            .arg(Url::redact(text), usage));
        return config;
    }
    // A URL with '=' in its options but no name would otherwise split in two.
    static const QRegularExpression notAName(QStringLiteral("[:/@?\\s]"));
    if (name.contains(notAName) || !BindBuilder::checkName(name).isEmpty()) {
        config.setError(QStringLiteral("--bind '%1': %2").arg(Url::redact(text), usage));
        return config;
    }
    QString error;
    const std::optional<Url> url = Url::parse(text.mid(eq + 1), &error);
    if (!url) {
        config.setError(QStringLiteral("--bind %1: %2").arg(name, error));
        return config;
    }
    config.add(Bind{name, *url, PoolOptions()}, QStringLiteral("--bind"));
    return config;
}

BindConfig BindConfig::fromEnvironment()
{
    return fromEnvironment(QProcessEnvironment::systemEnvironment());
}

BindConfig BindConfig::fromEnvironment(const QProcessEnvironment &environment)
{
    BindConfig config;
    const QString text = environment.value(kEnvironmentKey);
    if (text.trimmed().isEmpty())
        return config;
    QString error;
    const std::optional<Url> url = Url::parse(text, &error);
    if (!url) {
        config.warn(QStringLiteral("environment %1: %2 Ignored.").arg(kEnvironmentKey, error));
        return config;
    }
    config.add(Bind{QStringLiteral("default"), *url, PoolOptions()},
               QStringLiteral("environment %1").arg(kEnvironmentKey));
    return config;
}

BindConfig BindConfig::merge(const QList<BindConfig> &sources)
{
    BindConfig merged;
    QStringList errors;
    for (const BindConfig &source : sources) {
        for (const QString &warning : source.m_warnings)
            merged.warn(warning);
        if (source.hasError())
            errors.append(source.m_error);
        for (int i = 0; i < source.m_binds.size(); ++i)
            merged.add(source.m_binds.at(i), source.m_origins.at(i));
    }
    merged.setError(errors.join(QLatin1Char('\n')));
    return merged;
}

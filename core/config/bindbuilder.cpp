#include "core/config/bindbuilder.h"

#include "core/config/bindconfig.h"
#include "core/config/engineoptions.h"
#include "core/config/url.h"

#include <QDir>

namespace {

using Kind = PythonValue::Kind;

bool truthy(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    return lower == QLatin1String("true") || lower == QLatin1String("1") ||
           lower == QLatin1String("yes") || lower == QLatin1String("on");
}

} // namespace

BindBuilder::BindBuilder(BindConfig *config, const QString &file, const QString &sqliteFolder)
    : m_config(config)
    , m_file(file)
    , m_sqliteFolder(sqliteFolder)
{
}

QString BindBuilder::origin(int line) const
{
    return line > 0 ? QStringLiteral("%1:%2").arg(m_file, QString::number(line)) : m_file;
}

void BindBuilder::warn(int line, const QString &text)
{
    m_config->warn(origin(line) + QLatin1String(": ") + text);
}

QString BindBuilder::entryLabel(const QString &label, const QString &key) const
{
    const QString shown = EngineOptions::printable(key);
    return label.isEmpty() ? QStringLiteral("'%1'").arg(shown)
                           : QStringLiteral("%1['%2']").arg(label, shown);
}

void BindBuilder::setEngineOptions(const PythonValue &dict, const QString &label)
{
    QStringList warnings;
    m_engineOptions = PoolOptions();
    EngineOptions::apply(dict, m_file, label, &m_engineOptions, &warnings);
    for (const QString &warning : std::as_const(warnings))
        m_config->warn(warning);
}

void BindBuilder::addBinds(const PythonValue &dict, const QString &label)
{
    if (dict.kind == Kind::NotLiteral) {
        warn(dict.line, QStringLiteral("%1 is not a literal (%2); skipped").arg(label, dict.text));
        return;
    }
    if (dict.kind != Kind::Dict) {
        warn(dict.line, QStringLiteral("%1 must be a dict of bind names to URLs, not %2; skipped")
                            .arg(label, dict.typeName()));
        return;
    }
    const QString defaultName = QStringLiteral("default");
    for (size_t k = 0; k < dict.keys.size(); ++k) {
        const PythonValue &key = dict.keys.at(k);
        const PythonValue &value = dict.items.at(k);
        if (key.kind == Kind::NotLiteral) {
            warn(key.line, QStringLiteral("%1 has an entry that is not a literal (%2); skipped")
                               .arg(label, key.text));
            continue;
        }
        if (key.kind == Kind::None) {
            const QString name =
                label.isEmpty() ? QStringLiteral("None") : label + QLatin1String("[None]");
            if (m_config->find(defaultName)) {
                warn(key.line, QStringLiteral("%1 is the default bind, which is already set; "
                                              "skipped")
                                   .arg(name));
                continue;
            }
            addBind(defaultName, value, name);
            continue;
        }
        if (!key.isString()) {
            warn(key.line, QStringLiteral("%1 has a %2 key; bind names are strings; skipped")
                               .arg(label, key.typeName()));
            continue;
        }
        addBind(key.text, value, entryLabel(label, key.text));
    }
}

void BindBuilder::addBind(const QString &name, const PythonValue &value, const QString &label)
{
    const QString badName = checkName(name);
    if (!badName.isEmpty()) {
        warn(value.line, QStringLiteral("%1: %2; skipped").arg(label, badName));
        return;
    }
    switch (value.kind) {
    case Kind::String:
        addUrl(name, value.text, value.line, label, m_engineOptions);
        return;
    case Kind::NotLiteral:
        warn(value.line,
             QStringLiteral("%1 is not a literal (%2); skipped").arg(label, value.text));
        return;
    case Kind::Dict:
        break;
    default:
        warn(value.line, QStringLiteral("%1 must be a URL string or a dict with 'url', not %2; "
                                        "skipped")
                             .arg(label, value.typeName()));
        return;
    }

    const PythonValue *url = nullptr;
    for (size_t k = 0; k < value.keys.size(); ++k) {
        if (value.keys.at(k).isString() && value.keys.at(k).text == QLatin1String("url"))
            url = &value.items.at(k); // the last one wins, as in a Python dict
    }
    const QString urlLabel = label + QLatin1String("['url']");
    if (!url) {
        warn(value.line, QStringLiteral("%1 has no 'url'; skipped").arg(label));
        return;
    }
    if (url->kind == Kind::NotLiteral) {
        warn(url->line,
             QStringLiteral("%1 is not a literal (%2); skipped").arg(urlLabel, url->text));
        return;
    }
    if (!url->isString()) {
        warn(url->line, QStringLiteral("%1 must be a URL string, not %2; skipped")
                            .arg(urlLabel, url->typeName()));
        return;
    }
    PoolOptions options = m_engineOptions;
    QStringList warnings;
    EngineOptions::apply(value, m_file, label, &options, &warnings, {QStringLiteral("url")});
    for (const QString &warning : std::as_const(warnings))
        m_config->warn(warning);
    addUrl(name, url->text, url->line, label, options);
}

void BindBuilder::addUrl(const QString &name, const QString &text, int line, const QString &label,
                         const PoolOptions &options)
{
    QString error;
    std::optional<Url> url = Url::parse(text, &error);
    if (!url) {
        warn(line, QStringLiteral("%1: %2 Skipped.").arg(label, error));
        return;
    }
    resolveSqlitePath(&*url, m_sqliteFolder);
    m_config->add(Bind{name, *url, options}, origin(line));
}

void BindBuilder::resolveSqlitePath(Url *url, const QString &folder)
{
    if (folder.isEmpty() || url->dialect() != Dialect::SQLite || url->isSqliteMemory())
        return;
    const QString database = url->database();
    const QString filePrefix = QStringLiteral("file:");
    const bool uri = truthy(url->option(QStringLiteral("uri"))) && database.startsWith(filePrefix);
    const QString path = uri ? database.mid(filePrefix.size()) : database;
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return;
    QString absolute = QDir::cleanPath(QDir(folder).absoluteFilePath(path));
    // A URL never ends in a blank (parse trims it), but cleaning can leave one
    // ("db /", "db /x/.."): then the path stays uncleaned, naming the same file.
    if (absolute.back().isSpace())
        absolute = QDir(folder).absoluteFilePath(path);
    url->setDatabase(uri ? filePrefix + absolute : absolute);
}

QString BindBuilder::checkName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("a bind name cannot be empty");
    for (const QChar c : name) {
        if (!c.isPrint())
            return QStringLiteral("a bind name cannot hold control characters");
    }
    return {};
}

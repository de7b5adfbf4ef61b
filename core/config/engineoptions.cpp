#include "core/config/engineoptions.h"

#include "core/config/url.h"

#include <cmath>
#include <limits>
#include <optional>

namespace {

using Kind = PythonValue::Kind;

QString subscript(const QString &label, const QString &key)
{
    return QStringLiteral("%1['%2']").arg(label, EngineOptions::printable(key));
}

class Applier
{
public:
    Applier(const QString &file, PoolOptions *options, QStringList *warnings)
        : m_file(file)
        , m_options(options)
        , m_warnings(warnings)
    {
    }

    void entry(const QString &key, const PythonValue &value, const QString &name);

private:
    void warn(const PythonValue &value, const QString &text)
    {
        m_warnings->append(EngineOptions::where(m_file, value) + QLatin1Char(' ') + text);
    }
    bool typeIs(const PythonValue &value, const QString &name, bool ok, const QString &wanted)
    {
        if (value.kind == Kind::NotLiteral) {
            warn(value, QStringLiteral("%1 is not a literal (%2); skipped").arg(name, value.text));
            return false;
        }
        if (!ok)
            warn(value, QStringLiteral("%1 must be %2, not %3; ignored")
                            .arg(name, wanted, value.typeName()));
        return ok;
    }
    bool integer(const PythonValue &value, const QString &name, int *out)
    {
        if (!typeIs(value, name, value.kind == Kind::Int, QStringLiteral("an integer")))
            return false;
        if (value.integer < std::numeric_limits<int>::min() ||
            value.integer > std::numeric_limits<int>::max()) {
            warn(value, QStringLiteral("%1 is out of range; ignored").arg(name));
            return false;
        }
        *out = int(value.integer);
        return true;
    }
    bool seconds(const PythonValue &value, const QString &name, double *out)
    {
        if (!typeIs(value, name, value.isNumber(), QStringLiteral("a number of seconds")))
            return false;
        if (!std::isfinite(value.toDouble())) {
            warn(value, QStringLiteral("%1 must be a finite number; ignored").arg(name));
            return false;
        }
        *out = value.toDouble();
        return true;
    }
    bool boolean(const PythonValue &value, const QString &name, bool *out)
    {
        if (!typeIs(value, name, value.kind == Kind::Bool, QStringLiteral("True or False")))
            return false;
        *out = value.boolean;
        return true;
    }
    // Applies change; keeps it only if the options still validate.
    template<typename Change>
    void change(const PythonValue &value, const QString &name, Change change)
    {
        const PoolOptions before = *m_options;
        change(*m_options);
        const QString problem = m_options->validate();
        if (!problem.isEmpty()) {
            *m_options = before;
            warn(value, QStringLiteral("%1: %2; ignored").arg(name, problem));
        }
    }

    const QString &m_file;
    PoolOptions *m_options;
    QStringList *m_warnings;
};

void Applier::entry(const QString &key, const PythonValue &value, const QString &name)
{
    int i = 0;
    double d = 0;
    bool b = false;
    if (key == QLatin1String("pool_size")) {
        if (integer(value, name, &i))
            change(value, name, [i](PoolOptions &o) { o.poolSize = i; });
    } else if (key == QLatin1String("max_overflow")) {
        if (integer(value, name, &i))
            change(value, name, [i](PoolOptions &o) { o.maxOverflow = i; });
    } else if (key == QLatin1String("pool_timeout")) {
        if (seconds(value, name, &d))
            change(value, name, [d](PoolOptions &o) { o.timeout = d; });
    } else if (key == QLatin1String("pool_recycle")) {
        // SQLAlchemy treats any negative value as "never".
        if (seconds(value, name, &d))
            change(value, name, [d](PoolOptions &o) { o.recycle = d < 0 ? -1.0 : d; });
    } else if (key == QLatin1String("pool_pre_ping")) {
        if (boolean(value, name, &b))
            change(value, name, [b](PoolOptions &o) { o.prePing = b; });
    } else if (key == QLatin1String("pool_use_lifo")) {
        if (boolean(value, name, &b))
            change(value, name, [b](PoolOptions &o) { o.lifo = b; });
    } else if (key == QLatin1String("pool_reset_on_return")) {
        using Reset = PoolOptions::ResetOnReturn;
        std::optional<Reset> reset;
        // SQLAlchemy's spellings: "rollback" or True, "commit", None or False.
        if (value.kind == Kind::None || (value.kind == Kind::Bool && !value.boolean))
            reset = Reset::None;
        else if (value.kind == Kind::Bool ||
                 (value.isString() && value.text == QLatin1String("rollback")))
            reset = Reset::Rollback;
        else if (value.isString() && value.text == QLatin1String("commit"))
            reset = Reset::Commit;
        if (reset) {
            const Reset r = *reset;
            change(value, name, [r](PoolOptions &o) { o.resetOnReturn = r; });
        } else {
            typeIs(value, name, false, QStringLiteral("'rollback', 'commit' or None"));
        }
    } else if (key == QLatin1String("echo_pool")) {
        if (value.isString() && value.text == QLatin1String("debug"))
            change(value, name, [](PoolOptions &o) { o.echo = true; });
        else if (boolean(value, name, &b))
            change(value, name, [b](PoolOptions &o) { o.echo = b; });
    } else if (key == QLatin1String("leak_threshold")) {
        if (seconds(value, name, &d))
            change(value, name, [d](PoolOptions &o) { o.leakThreshold = d; });
    } else if (key == QLatin1String("read_only")) {
        if (boolean(value, name, &b))
            change(value, name, [b](PoolOptions &o) { o.readOnly = b; });
    } else if (key == QLatin1String("connect_timeout")) {
        if (integer(value, name, &i))
            change(value, name, [i](PoolOptions &o) { o.connectTimeout = i; });
    } else if (key == QLatin1String("connect_args")) {
        if (!typeIs(value, name, value.kind == Kind::Dict, QStringLiteral("a dict")))
            return;
        for (size_t k = 0; k < value.keys.size(); ++k) {
            const PythonValue &argKey = value.keys.at(k);
            const PythonValue &argValue = value.items.at(k);
            if (!argKey.isString()) {
                warn(argKey,
                     QStringLiteral("%1 has a key that is not a string; skipped").arg(name));
                continue;
            }
            const QString argName = subscript(name, argKey.text);
            if (argKey.text == QLatin1String("connect_timeout"))
                entry(argKey.text, argValue, argName);
            else
                warn(argKey, QStringLiteral("%1 is not used by poolscope; ignored").arg(argName));
        }
    } else if (EngineOptions::isIgnoredSqlAlchemyOption(key)) {
        warn(value, QStringLiteral("%1 is a create_engine() option poolscope does not use; ignored")
                        .arg(name));
    } else {
        warn(value,
             QStringLiteral("%1 is not an engine option poolscope knows; ignored").arg(name));
    }
}

} // namespace

QString EngineOptions::printable(const QString &text)
{
    // A key may be a URL pasted in the wrong place.
    const QString masked = Url::redact(text);
    constexpr int limit = 40;
    QString out = masked.left(limit);
    for (QChar &c : out) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    if (masked.size() > limit)
        out += QLatin1String("...");
    return out;
}

QString EngineOptions::where(const QString &file, const PythonValue &value)
{
    if (value.line > 0)
        return QStringLiteral("%1:%2:").arg(file, QString::number(value.line));
    return file + QLatin1Char(':');
}

bool EngineOptions::isIgnoredSqlAlchemyOption(const QString &key)
{
    static const QStringList known = {
        QStringLiteral("echo"),
        QStringLiteral("future"),
        QStringLiteral("hide_parameters"),
        QStringLiteral("isolation_level"),
        QStringLiteral("execution_options"),
        QStringLiteral("logging_name"),
        QStringLiteral("pool_logging_name"),
        QStringLiteral("query_cache_size"),
        QStringLiteral("json_serializer"),
        QStringLiteral("json_deserializer"),
        QStringLiteral("label_length"),
        QStringLiteral("max_identifier_length"),
        QStringLiteral("paramstyle"),
        QStringLiteral("implicit_returning"),
        QStringLiteral("insertmanyvalues_page_size"),
        QStringLiteral("use_insertmanyvalues"),
        QStringLiteral("enable_from_linting"),
        QStringLiteral("executemany_mode"),
        QStringLiteral("client_encoding"),
        QStringLiteral("encoding"),
        QStringLiteral("convert_unicode"),
        QStringLiteral("case_sensitive"),
        QStringLiteral("creator"),
        QStringLiteral("module"),
        QStringLiteral("plugins"),
        QStringLiteral("poolclass"),
        QStringLiteral("pool"),
        QStringLiteral("pool_events"),
        QStringLiteral("strategy"),
        QStringLiteral("empty_in_strategy"),
        QStringLiteral("skip_autocommit_rollback"),
    };
    return known.contains(key);
}

void EngineOptions::apply(const PythonValue &dict, const QString &file, const QString &label,
                          PoolOptions *options, QStringList *warnings,
                          const QStringList &ignoredKeys)
{
    Applier applier(file, options, warnings);
    if (dict.kind == Kind::NotLiteral) {
        warnings->append(where(file, dict) + QLatin1Char(' ') +
                         QStringLiteral("%1 is not a literal (%2); skipped").arg(label, dict.text));
        return;
    }
    if (dict.kind != Kind::Dict) {
        warnings->append(
            where(file, dict) + QLatin1Char(' ') +
            QStringLiteral("%1 must be a dict, not %2; ignored").arg(label, dict.typeName()));
        return;
    }
    for (size_t k = 0; k < dict.keys.size(); ++k) {
        const PythonValue &key = dict.keys.at(k);
        if (key.kind == Kind::NotLiteral) {
            warnings->append(where(file, key) + QLatin1Char(' ') +
                             QStringLiteral("%1 has an entry that is not a literal (%2); skipped")
                                 .arg(label, key.text));
            continue;
        }
        if (!key.isString()) {
            warnings->append(where(file, key) + QLatin1Char(' ') +
                             QStringLiteral("%1 has a %2 key; option names are strings; skipped")
                                 .arg(label, key.typeName()));
            continue;
        }
        if (ignoredKeys.contains(key.text))
            continue;
        applier.entry(key.text, dict.items.at(k), subscript(label, key.text));
    }
}

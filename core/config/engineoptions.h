#pragma once

#include "core/config/pooloptions.h"
#include "core/config/python/pythonvalue.h"

#include <QString>
#include <QStringList>

// Turns a dict of sqlalchemy.create_engine() arguments (pool_size,
// max_overflow, pool_timeout, pool_recycle, pool_pre_ping, pool_use_lifo,
// pool_reset_on_return, echo_pool, connect_args.connect_timeout) and
// poolscope's own (leak_threshold, read_only, connect_timeout) into
// PoolOptions. Each entry is checked on its own: a wrong type, an unknown key or
// a value PoolOptions::validate() refuses gives a warning that names the key and
// its line, and leaves that option as it was.
class EngineOptions final
{
public:
    // file: shown in front of each warning's line number. label: how the dict
    // is called in messages, e.g. SQLALCHEMY_ENGINE_OPTIONS or
    // SQLALCHEMY_BINDS['db2']. ignoredKeys: keys the caller handles ("url").
    static void apply(const PythonValue &dict, const QString &file, const QString &label,
                      PoolOptions *options, QStringList *warnings,
                      const QStringList &ignoredKeys = {});

    // Whether key is an option of create_engine() that poolscope accepts but
    // has no use for (echo, isolation_level, ...), so it is not "unknown".
    static bool isIgnoredSqlAlchemyOption(const QString &key);

    // text cut to a short length with unprintable characters replaced and what
    // looks like a URL's password as ***, for a key or a name from a file shown
    // in a message.
    static QString printable(const QString &text);

    // file:line: for a value, or file: when there is no line.
    static QString where(const QString &file, const PythonValue &value);
};

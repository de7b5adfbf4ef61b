#pragma once

#include "core/config/pooloptions.h"
#include "core/config/python/pythonvalue.h"

#include <QString>

class BindConfig;
class Url;

// Turns the values read from a configuration file into binds of a BindConfig:
// a URL string or a dict with "url" and engine options per bind, engine options
// shared by every bind of the file, SQLite paths made absolute against the
// folder the file's format implies. Each problem is a warning with the file and
// line, and the other binds still load.
class BindBuilder final
{
public:
    // file: the path as shown in messages. sqliteFolder: the absolute folder
    // that relative SQLite paths are resolved against; empty keeps them as they
    // are.
    BindBuilder(BindConfig *config, const QString &file, const QString &sqliteFolder);

    // Engine options for every bind added after this call.
    void setEngineOptions(const PythonValue &dict, const QString &label);
    const PoolOptions &engineOptions() const { return m_engineOptions; }
    // Back to SQLAlchemy's defaults for binds added after this call.
    void clearEngineOptions() { m_engineOptions = PoolOptions(); }

    // value: a URL string, or a dict with "url" and per-bind engine options
    // that override the shared ones. label names the value in messages.
    void addBind(const QString &name, const PythonValue &value, const QString &label);
    // Every entry of a dict of binds. label['key'] names an entry in messages,
    // or 'key' when label is empty. A None key, as Flask-SQLAlchemy 3 allows,
    // stands for the bind "default" unless that one is already set.
    void addBinds(const PythonValue &dict, const QString &label);
    // A URL as text from line.
    void addUrl(const QString &name, const QString &text, int line, const QString &label,
                const PoolOptions &options);

    void warn(int line, const QString &text);
    QString origin(int line) const;

    // Makes a relative SQLite path absolute against folder; memory databases
    // and absolute paths stay as they are. A "file:" URI (with ?uri=true) is
    // resolved inside its "file:" prefix.
    static void resolveSqlitePath(Url *url, const QString &folder);
    // Empty, or why name cannot be a bind name.
    static QString checkName(const QString &name);

private:
    QString entryLabel(const QString &label, const QString &key) const;

    BindConfig *m_config;
    QString m_file;
    QString m_sqliteFolder;
    PoolOptions m_engineOptions;
};

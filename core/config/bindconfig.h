#pragma once

#include "core/config/bind.h"

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// The binds a user configured, from one source or several merged, with the
// warnings met on the way and, when a source could not be read at all, an
// error. Sources: a --bind NAME=URL argument, a configuration file (a JSON bind
// file, a .env file or a Flask config.py read as literals and never run) and
// the SQLALCHEMY_DATABASE_URI environment variable. docs/configuration.md
// describes the formats and rules. Messages never contain a password.
class BindConfig final
{
public:
    enum class Format { Json, Dotenv, FlaskConfig };

    // Larger files are refused: a configuration is a few kilobytes, and the
    // limit bounds the time and memory a broken or hostile file can take.
    static constexpr qint64 kMaxFileSize = 1024 * 1024;
    static constexpr int kMaxWarnings = 100;

    // Reads a configuration file, telling the format by its name (.json, .py,
    // .env, .env.*, *.env, .flaskenv) or else by its content. configClass picks
    // the class of a config.py to read (with its bases in the same file); empty
    // reads the module and every class in file order. A path of the form
    // "config.py:ClassName" that names no existing file is read as that file
    // and class.
    static BindConfig readFile(const QString &path, const QString &configClass = QString());
    // One --bind NAME=URL argument. The URL is kept as given: a relative SQLite
    // path stays relative to the current directory, as in SQLAlchemy.
    static BindConfig fromArgument(const QString &text);
    // SQLALCHEMY_DATABASE_URI as the bind "default"; nothing when it is unset.
    static BindConfig fromEnvironment();
    static BindConfig fromEnvironment(const QProcessEnvironment &environment);
    // All binds of the sources in order; a later bind of the same name replaces
    // an earlier one in place, with a warning. Warnings and errors are kept.
    static BindConfig merge(const QList<BindConfig> &sources);

    static Format detectFormat(const QString &path, const QString &text);

    const QList<Bind> &binds() const { return m_binds; }
    const Bind *find(const QString &name) const;
    // Where a bind was defined: "config.py:12", "--bind", "environment".
    QString originOf(const QString &name) const;
    QStringList warnings() const { return m_warnings; }
    QString error() const { return m_error; }
    bool hasError() const { return !m_error.isEmpty(); }

    // Adds bind, or replaces the bind of the same name with a warning that
    // names both origins.
    void add(const Bind &bind, const QString &origin);
    // Keeps the first kMaxWarnings warnings and counts the rest.
    void warn(const QString &text);
    void setError(const QString &text);

private:
    QList<Bind> m_binds;
    QStringList m_origins; // parallel to m_binds
    QHash<QString, int> m_index;
    QStringList m_warnings;
    int m_unshownWarnings = 0;
    QString m_error;
};

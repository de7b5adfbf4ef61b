#pragma once

#include "core/config/bindconfig.h"

#include <QString>

// Reads a Flask config.py as Python literals, never running it:
// SQLALCHEMY_DATABASE_URI (the bind "default"), SQLALCHEMY_BINDS (name -> URL
// string, or dict with "url" and engine options) and SQLALCHEMY_ENGINE_OPTIONS
// (applied to every bind; a bind's own dict overrides it). Assignments count
// at module level, in the body of a top-level class, and as
// app.config["KEY"] = ... or SQLALCHEMY_BINDS["name"] = ...
//
// Which assignments: with no class named, the module and every class body in
// file order, a later assignment replacing an earlier one (with a warning when
// two classes compete). With a class named, only that class and its bases in
// the same file, bases first, as Flask's config.from_object() reads it.
//
// A value that only running code could give (os.environ[...], an f-string, a
// name) is a warning naming the file and line, and the rest still loads. A
// syntax error is an error with file:line:column. Relative SQLite paths are
// resolved against <folder of the file>/instance, as Flask-SQLAlchemy 3 does
// against the app's instance folder.
class FlaskConfigReader final
{
public:
    static BindConfig read(const QString &file, const QString &source,
                           const QString &configClass = QString());
};

#pragma once

#include "core/config/bindconfig.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Reads a .env file the way python-dotenv does: KEY=VALUE lines, an optional
// "export " in front, values unquoted (a " #" starts a comment), in single
// quotes (literal) or double quotes (backslash escapes, may span lines), with
// ${NAME} and ${NAME:-default} expanded in unquoted and double-quoted values.
// SQLALCHEMY_DATABASE_URI becomes the bind "default"; DATABASE_URL does when
// the file has no SQLALCHEMY_DATABASE_URI.
class DotenvReader final
{
public:
    struct Entry
    {
        QString key;
        QString value;
        int line = 0;
    };

    // Every KEY=VALUE of text, in order. A line that cannot be read gives a
    // warning "file:line: ..." and is skipped. ${NAME} looks in environment
    // first, then at the keys above it, as load_dotenv() does.
    static QList<Entry> parse(const QString &file, const QString &text,
                              const QProcessEnvironment &environment, QStringList *warnings);

    // Relative SQLite paths are resolved against the folder of file.
    static BindConfig
    read(const QString &file, const QString &text,
         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
};

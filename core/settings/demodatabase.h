#pragma once

#include <QString>

// The bundled demo shop (resources/demo.sql) as a SQLite file in the user's data
// folder, made on first use and reused after.
class DemoDatabase final
{
public:
    // <data folder>/demo.sqlite
    static QString defaultPath();
    // Creates the file when it is missing. Runs SQL, so call it off the GUI
    // thread. Writes to a temporary file first, so an interrupted first start
    // never leaves half a database under the final name.
    static bool ensure(const QString &path, QString *error);
};

#pragma once

#include <QString>
#include <QStringList>

#include <utility>

// A database client library opened by its soname when first needed, and the
// functions looked up in it. Qt's SQL driver for the same database has
// already loaded it by the time poolscope's native connection runs, so this
// only finds it; a program that never connects to that database never loads
// it at all (see Libpq, Libmariadb).
class ClientLibrary final
{
public:
    explicit ClientLibrary(const char *soname);

    // Looks name up into function; a missing one is remembered for error().
    template<typename Function>
    void resolve(const char *name, Function &function)
    {
        function = reinterpret_cast<Function>(symbol(name));
        if (!function)
            m_missing << QString::fromLatin1(name);
    }
    // Empty when the library and every function resolved were found.
    QString error() const;

    // The library's functions, as resolveAll(library, functions) looks them
    // up, and error(): for a function-local static, so each library opens
    // once and thread-safely.
    template<typename Functions>
    static std::pair<Functions, QString> open(const char *soname,
                                              void (*resolveAll)(ClientLibrary &, Functions &))
    {
        ClientLibrary library(soname);
        Functions functions;
        resolveAll(library, functions);
        return {functions, library.error()};
    }

private:
    void *symbol(const char *name) const;

    QString m_soname;
    void *m_handle = nullptr;
    QString m_openError;
    QStringList m_missing;
};

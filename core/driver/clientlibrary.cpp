#include "core/driver/clientlibrary.h"

#include <QCoreApplication>

#include <dlfcn.h>

ClientLibrary::ClientLibrary(const char *soname)
    : m_soname(QString::fromLatin1(soname))
{
    // Never closed: the library stays for the process, as a linked one would.
    m_handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!m_handle)
        m_openError = QString::fromLocal8Bit(::dlerror());
}

void *ClientLibrary::symbol(const char *name) const
{
    return m_handle ? ::dlsym(m_handle, name) : nullptr;
}

QString ClientLibrary::error() const
{
    if (!m_handle)
        return QCoreApplication::translate("ClientLibrary", "Cannot load %1: %2")
            .arg(m_soname, m_openError);
    if (!m_missing.isEmpty())
        return QCoreApplication::translate("ClientLibrary", "%1 lacks %2")
            .arg(m_soname, m_missing.join(QLatin1String(", ")));
    return QString();
}

#include "core/driver/libmariadb.h"

#include "core/driver/clientlibrary.h"

namespace {

void resolveAll(ClientLibrary &library, Libmariadb &functions)
{
#define POOLSCOPE_LIBMARIADB_RESOLVE(name) library.resolve(#name, functions.name);
    POOLSCOPE_LIBMARIADB_FUNCTIONS(POOLSCOPE_LIBMARIADB_RESOLVE)
#undef POOLSCOPE_LIBMARIADB_RESOLVE
}

const std::pair<Libmariadb, QString> &loaded()
{
    static const auto once = ClientLibrary::open<Libmariadb>(POOLSCOPE_MARIADB_SONAME, resolveAll);
    return once;
}

} // namespace

QString Libmariadb::load()
{
    return loaded().second;
}

const Libmariadb &mariadb()
{
    Q_ASSERT(loaded().second.isEmpty());
    return loaded().first;
}

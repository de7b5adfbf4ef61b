#include "core/driver/libpq.h"

#include "core/driver/clientlibrary.h"

namespace {

void resolveAll(ClientLibrary &library, Libpq &functions)
{
#define POOLSCOPE_LIBPQ_RESOLVE(name) library.resolve(#name, functions.name);
    POOLSCOPE_LIBPQ_FUNCTIONS(POOLSCOPE_LIBPQ_RESOLVE)
#undef POOLSCOPE_LIBPQ_RESOLVE
}

const std::pair<Libpq, QString> &loaded()
{
    static const auto once = ClientLibrary::open<Libpq>(POOLSCOPE_LIBPQ_SONAME, resolveAll);
    return once;
}

} // namespace

QString Libpq::load()
{
    return loaded().second;
}

const Libpq &pq()
{
    Q_ASSERT(loaded().second.isEmpty());
    return loaded().first;
}

#include "core/driver/nativeconnection.h"

#include "core/driver/libmariadb.h"
#include "core/driver/libpq.h"
#include "core/driver/mysqlnativeconnection.h"
#include "core/driver/postgresnativeconnection.h"
#include "core/driver/rowsink.h"
#include "core/driver/sqlitenativeconnection.h"

#include <cstring>

namespace {

// QSqlDriver::handle() wraps the native pointer in a QVariant whose type name
// says what it is ("sqlite3*", "PGconn*", "MYSQL*").
// The name depends on how the driver spells the type (PGconn* or pg_conn*).
template<typename T>
T *pointerIn(const QVariant &handle, std::initializer_list<const char *> typeNames)
{
    if (!handle.isValid())
        return nullptr;
    for (const char *typeName : typeNames) {
        if (std::strcmp(handle.typeName(), typeName) == 0)
            return *static_cast<T *const *>(handle.constData());
    }
    qWarning("poolscope: unexpected native handle type %s", handle.typeName());
    return nullptr;
}

} // namespace

std::unique_ptr<NativeConnection> NativeConnection::create(Dialect dialect, const QVariant &handle,
                                                           const ConnectSpec &spec, QString *error)
{
    // The client library Qt's driver has loaded, looked up by its functions.
    const QString missing = dialect == Dialect::PostgreSQL ? Libpq::load()
                            : dialect == Dialect::MySQL    ? Libmariadb::load()
                                                           : QString();
    if (!missing.isEmpty()) {
        if (error)
            *error = missing;
        return nullptr;
    }
    switch (dialect) {
    case Dialect::SQLite:
        if (auto *db = pointerIn<sqlite3>(handle, {"sqlite3*"}))
            return std::make_unique<SqliteNativeConnection>(db);
        break;
    case Dialect::PostgreSQL:
        if (auto *conn = pointerIn<pg_conn>(handle, {"PGconn*", "pg_conn*"}))
            return std::make_unique<PostgresNativeConnection>(conn);
        break;
    case Dialect::MySQL:
        if (auto *mysql = pointerIn<st_mysql>(handle, {"MYSQL*", "st_mysql*"}))
            return std::make_unique<MysqlNativeConnection>(mysql, spec);
        break;
    }
    return nullptr;
}

StatementResult NativeConnection::run(const QByteArray &sql, const SqlParams &params)
{
    struct Discard final : RowSink
    {
        bool begin(const Columns &) override { return true; }
        bool row(const CellView *) override { return true; }
    } discard;
    StatementResult result;
    execute(sql, params, discard, result);
    return result;
}

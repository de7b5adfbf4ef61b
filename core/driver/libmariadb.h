#pragma once

#include <QString>

#include <mysql.h>

// The MariaDB client functions poolscope calls itself, looked up in the
// library when a MySQL or MariaDB connection first needs them instead of
// linked, as Libpq does for libpq. Each is the library's own function, called
// as mariadb().mysql_real_query(...).
#define POOLSCOPE_LIBMARIADB_FUNCTIONS(F)                                                          \
    F(mariadb_get_infov)                                                                           \
    F(mysql_affected_rows)                                                                         \
    F(mysql_close)                                                                                 \
    F(mysql_errno)                                                                                 \
    F(mysql_error)                                                                                 \
    F(mysql_fetch_fields)                                                                          \
    F(mysql_fetch_lengths)                                                                         \
    F(mysql_fetch_row)                                                                             \
    F(mysql_field_count)                                                                           \
    F(mysql_free_result)                                                                           \
    F(mysql_get_server_info)                                                                       \
    F(mysql_get_socket)                                                                            \
    F(mysql_init)                                                                                  \
    F(mysql_next_result)                                                                           \
    F(mysql_num_fields)                                                                            \
    F(mysql_options)                                                                               \
    F(mysql_ping)                                                                                  \
    F(mysql_query)                                                                                 \
    F(mysql_real_connect)                                                                          \
    F(mysql_real_escape_string)                                                                    \
    F(mysql_real_query)                                                                            \
    F(mysql_stmt_attr_set)                                                                         \
    F(mysql_stmt_bind_param)                                                                       \
    F(mysql_stmt_close)                                                                            \
    F(mysql_stmt_errno)                                                                            \
    F(mysql_stmt_error)                                                                            \
    F(mysql_stmt_execute)                                                                          \
    F(mysql_stmt_init)                                                                             \
    F(mysql_stmt_prepare)                                                                          \
    F(mysql_store_result)                                                                          \
    F(mysql_thread_id)                                                                             \
    F(mysql_use_result)                                                                            \
    F(mysql_warning_count)

struct Libmariadb
{
#define POOLSCOPE_LIBMARIADB_MEMBER(name) decltype(&::name) name = nullptr;
    POOLSCOPE_LIBMARIADB_FUNCTIONS(POOLSCOPE_LIBMARIADB_MEMBER)
#undef POOLSCOPE_LIBMARIADB_MEMBER

    // Loads the library and looks every function up, once (thread-safe);
    // empty, or why it could not.
    static QString load();
};

// The functions; only after Libmariadb::load() answered empty.
const Libmariadb &mariadb();

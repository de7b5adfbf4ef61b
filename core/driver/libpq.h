#pragma once

#include <QString>

#include <libpq-fe.h>

// The libpq functions poolscope calls itself, looked up in the library when a
// PostgreSQL connection first needs them instead of linked: a window or a
// command that never talks to PostgreSQL never loads libpq and what it loads
// (LDAP, Kerberos, GnuTLS: about 12 ms of every start). Each is the library's
// own function, called as pq().PQexec(...).
#define POOLSCOPE_LIBPQ_FUNCTIONS(F)                                                               \
    F(PQbackendPID)                                                                                \
    F(PQcancel)                                                                                    \
    F(PQclear)                                                                                     \
    F(PQcmdStatus)                                                                                 \
    F(PQcmdTuples)                                                                                 \
    F(PQconsumeInput)                                                                              \
    F(PQdescribePrepared)                                                                          \
    F(PQerrorMessage)                                                                              \
    F(PQexec)                                                                                      \
    F(PQfname)                                                                                     \
    F(PQfreeCancel)                                                                                \
    F(PQfreemem)                                                                                   \
    F(PQftype)                                                                                     \
    F(PQgetCancel)                                                                                 \
    F(PQgetCopyData)                                                                               \
    F(PQgetisnull)                                                                                 \
    F(PQgetlength)                                                                                 \
    F(PQgetResult)                                                                                 \
    F(PQgetvalue)                                                                                  \
    F(PQnfields)                                                                                   \
    F(PQnotifies)                                                                                  \
    F(PQntuples)                                                                                   \
    F(PQparameterStatus)                                                                           \
    F(PQprepare)                                                                                   \
    F(PQputCopyData)                                                                               \
    F(PQputCopyEnd)                                                                                \
    F(PQresultErrorField)                                                                          \
    F(PQresultErrorMessage)                                                                        \
    F(PQresultStatus)                                                                              \
    F(PQsendQuery)                                                                                 \
    F(PQsendQueryParams)                                                                           \
    F(PQsetNoticeReceiver)                                                                         \
    F(PQsetSingleRowMode)                                                                          \
    F(PQsocket)                                                                                    \
    F(PQstatus)                                                                                    \
    F(PQtransactionStatus)                                                                         \
    F(PQunescapeBytea)

struct Libpq
{
#define POOLSCOPE_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
    POOLSCOPE_LIBPQ_FUNCTIONS(POOLSCOPE_LIBPQ_MEMBER)
#undef POOLSCOPE_LIBPQ_MEMBER

    // Loads the library and looks every function up, once (thread-safe);
    // empty, or why it could not.
    static QString load();
};

// The functions; only after Libpq::load() answered empty.
const Libpq &pq();

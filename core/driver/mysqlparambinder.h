#pragma once

#include "core/driver/sqlparams.h"

#include <QByteArray>
#include <QString>

struct st_mysql;

// Puts values in place of a MySQL statement's ? placeholders, each written as
// a literal by the client library's own escaping (mysql_real_escape_string,
// which knows the connection's character set and sql_mode), as mysqlclient
// and PyMySQL do for SQLAlchemy. Prepared statements would answer in the
// binary protocol, which the streaming path (mysql_use_result) does not read.
// A ? inside quotes, backquotes or a comment is left alone.
class MysqlParamBinder final
{
public:
    // The statement to send; empty with *error when the counts differ.
    static QByteArray bind(st_mysql *mysql, const QByteArray &sql, const SqlParams &params,
                           QString *error);
    // value as a literal: NULL, a number, 'text' or X'hex'.
    static QByteArray literal(st_mysql *mysql, const QVariant &value);
};

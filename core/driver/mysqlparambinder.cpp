#include "core/driver/mysqlparambinder.h"

#include "core/driver/libmariadb.h"

#include <mysql.h>

namespace {

// Where the quoted text, backquoted name or comment starting at i ends (the
// index after it); i itself when nothing starts there.
qsizetype skipQuoted(const QByteArray &sql, qsizetype i)
{
    const char c = sql.at(i);
    const qsizetype size = sql.size();
    if (c == '\'' || c == '"' || c == '`') {
        for (qsizetype j = i + 1; j < size; ++j) {
            if (sql.at(j) == '\\' && c != '`')
                ++j;
            else if (sql.at(j) == c)
                return j + 1;
        }
        return size;
    }
    const bool dashes = c == '-' && sql.mid(i, 3).size() == 3 && sql.at(i + 1) == '-' &&
                        QByteArrayView(" \t\n").contains(sql.at(i + 2));
    if (c == '#' || dashes) {
        const qsizetype end = sql.indexOf('\n', i);
        return end < 0 ? size : end + 1;
    }
    if (c == '/' && i + 1 < size && sql.at(i + 1) == '*') {
        const qsizetype end = sql.indexOf("*/", i + 2);
        return end < 0 ? size : end + 2;
    }
    return i;
}

} // namespace

QByteArray MysqlParamBinder::literal(st_mysql *mysql, const QVariant &value)
{
    if (value.isNull())
        return QByteArrayLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
        return QByteArray::number(value.toLongLong());
    case QMetaType::Double:
        return QByteArray::number(value.toDouble(), 'g', 17);
    case QMetaType::QByteArray:
        return "X'" + value.toByteArray().toHex() + '\'';
    default:
        break;
    }
    const QByteArray text = value.toString().toUtf8();
    QByteArray escaped(text.size() * 2 + 1, Qt::Uninitialized);
    const unsigned long length =
        mariadb().mysql_real_escape_string(mysql, escaped.data(), text.constData(), text.size());
    escaped.truncate(qsizetype(length));
    return '\'' + escaped + '\'';
}

QByteArray MysqlParamBinder::bind(st_mysql *mysql, const QByteArray &sql, const SqlParams &params,
                                  QString *error)
{
    QByteArray out;
    out.reserve(sql.size() + params.size() * 16);
    qsizetype used = 0;
    qsizetype i = 0;
    while (i < sql.size()) {
        const qsizetype after = skipQuoted(sql, i);
        if (after > i) {
            out.append(sql.constData() + i, after - i);
            i = after;
            continue;
        }
        if (sql.at(i) == '?') {
            if (used == params.size())
                break;
            out += literal(mysql, params.at(used++));
        } else {
            out += sql.at(i);
        }
        ++i;
    }
    if (i < sql.size() || used != params.size()) {
        *error = QStringLiteral("The statement's placeholders and its %1 values do not match")
                     .arg(params.size());
        return QByteArray();
    }
    return out;
}

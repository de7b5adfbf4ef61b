#pragma once

// The JSON lines a probe sends (docs/probe.md), made for tests: a hello, a
// snapshot with one engine "e1" (bind "leaky", QueuePool 5 + 10, URL with a
// password a careless probe left in) holding connection "c1" (server id 777,
// checked out at t=95 by dao.py:42 in add), and pool events on "e1".

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace probelines {

inline QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

inline QJsonObject hello(qint64 pid)
{
    return {{QStringLiteral("type"), QStringLiteral("hello")},
            {QStringLiteral("t"), 100.0},
            {QStringLiteral("protocol"), 1},
            {QStringLiteral("pid"), double(pid)},
            {QStringLiteral("program"), QStringLiteral("shop")},
            {QStringLiteral("argv"), QJsonArray{QStringLiteral("shop"), QStringLiteral("-w")}},
            {QStringLiteral("cwd"), QStringLiteral("/srv/shop")}};
}

inline QJsonObject snapshot()
{
    const QJsonObject frame{{QStringLiteral("file"), QStringLiteral("/srv/shop/dao.py")},
                            {QStringLiteral("line"), 42},
                            {QStringLiteral("function"), QStringLiteral("add")}};
    const QJsonObject held{{QStringLiteral("id"), QStringLiteral("c1")},
                           {QStringLiteral("server_id"), 777},
                           {QStringLiteral("state"), QStringLiteral("checked_out")},
                           {QStringLiteral("connected"), 90.0},
                           {QStringLiteral("checked_out"), 95.0},
                           {QStringLiteral("stack"), QJsonArray{frame}}};
    const QJsonObject engine{
        {QStringLiteral("id"), QStringLiteral("e1")},
        {QStringLiteral("bind"), QStringLiteral("leaky")},
        // A foreign probe that forgot to hide the password: hidden on reading.
        {QStringLiteral("url"), QStringLiteral("postgresql://shop:Hunter-22@db/shop")},
        {QStringLiteral("pool"), QJsonObject{{QStringLiteral("class"), QStringLiteral("QueuePool")},
                                             {QStringLiteral("size"), 5},
                                             {QStringLiteral("max_overflow"), 10}}},
        {QStringLiteral("connections"), QJsonArray{held}}};
    return {{QStringLiteral("type"), QStringLiteral("snapshot")},
            {QStringLiteral("t"), 100.0},
            {QStringLiteral("engines"), QJsonArray{engine}}};
}

inline QJsonObject poolEvent(const QString &event, const QString &connection, double t)
{
    return {{QStringLiteral("type"), QStringLiteral("pool")},
            {QStringLiteral("t"), t},
            {QStringLiteral("engine"), QStringLiteral("e1")},
            {QStringLiteral("event"), event},
            {QStringLiteral("connection"), connection},
            {QStringLiteral("server_id"), 778},
            {QStringLiteral("status"), QStringLiteral("Pool size: 5")}};
}

} // namespace probelines

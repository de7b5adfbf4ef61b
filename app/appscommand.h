#pragma once

#include <QStringList>

// poolscope apps [--format table|json] [--leak-threshold S]: the SQLAlchemy
// applications running with the probe (docs/probe.md), their pools and the
// code that holds each checked-out connection.
class AppsCommand final
{
public:
    static int run(const QStringList &arguments);
};

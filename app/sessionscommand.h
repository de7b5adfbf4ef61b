#pragma once

#include <QStringList>

// poolscope sessions URL|NAME [--format table|json] [--idle-in-transaction-over S]
//                   [--idle-over S] [--running-over S] [--fail-on-suspects]
//                   [--pooler URL|NAME]
// What the server says about every session, with the ones that look leaked.
class SessionsCommand final
{
public:
    static int run(const QStringList &arguments);
};

#pragma once

#include <QStringList>

// poolscope binds [--config FILE] [--bind NAME=URL]... : the binds those
// sources give, passwords as ***.
class BindsCommand final
{
public:
    static int run(const QStringList &arguments);
};

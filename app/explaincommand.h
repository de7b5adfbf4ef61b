#pragma once

#include <QStringList>

// poolscope explain URL|NAME SQL [--analyze] [--format text|json]
class ExplainCommand final
{
public:
    static int run(const QStringList &arguments);
};

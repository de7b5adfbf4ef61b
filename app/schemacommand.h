#pragma once

#include <QStringList>

// poolscope schema URL|NAME [--format table|json]
class SchemaCommand final
{
public:
    static int run(const QStringList &arguments);
};

#pragma once

#include <QStringList>

// poolscope import URL|NAME TABLE FILE [--create] [--delimiter C]
//                  [--header|--no-header] [--null TEXT]
class ImportCommand final
{
public:
    static int run(const QStringList &arguments);
};

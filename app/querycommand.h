#pragma once

#include <QStringList>

// poolscope query URL|NAME SQL [--format csv|tsv|json|jsonl|sql|markdown] [-o FILE] [--read-only]
// Streams the result from the cursor to stdout or a file in constant memory.
class QueryCommand final
{
public:
    static int run(const QStringList &arguments);
};

#pragma once

#include "core/diagnosis/serversessionsnapshot.h"
#include "core/diagnosis/suspectrules.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// The output of `poolscope sessions`: --format json (the stable contract) and
// --format table (for people).
class ServerSessionFormat final
{
public:
    // The keys of every JSON object, in the order they are written.
    static QStringList jsonKeys();
    // A JSON array, one object per session (one per line), UTF-8 with a final
    // newline. Times are ISO 8601 UTC with Z, ages numbers of seconds, and
    // null stands for what the server did not say. "origin" is an object of
    // its own ({"pid", "command", "application", "code"}), null when unknown.
    static QByteArray toJson(const ServerSessions &sessions);
    // Aligned columns, suspects marked !, poolscope's own connections *, then
    // the findings (suspects grouped) and the groups over rules' pool limit.
    static QString toTable(const ServerSessionSnapshot &snapshot,
                           const SuspectRules &rules = SuspectRules());
};

#pragma once

#include "core/diagnosis/serversession.h"

#include <QDateTime>
#include <QString>

// SQLite has no server to ask who is connected; the kernel knows who holds the
// file open. Reads /proc/<pid>/fd of every process this user may look at
// (other users' processes are skipped without a word: their fd folders are not
// readable) and describes each holder as a ServerSession: the OS pid, the
// process owner as user, the program from /proc/<pid>/comm, the process start
// as backend_start, itself as origin (its command line), state "other"
// (nothing says whether it is inside a transaction). Linux only; elsewhere
// the list is empty.
class FileHolderScanner final
{
public:
    // Every process holding path open; this process is marked own.
    static ServerSessions holdersOf(const QString &path);
};

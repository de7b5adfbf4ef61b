#pragma once

// libpq and the MariaDB client both use OpenSSL, and OpenSSL frees the
// per-thread state of every thread in an atexit handler. Qt's threads are
// detached: a connection's thread may still be running its thread-exit
// destructors when main() returns, and then frees the same state again (a
// double free at exit). Telling OpenSSL to leave its state to the end of the
// process avoids that; it must happen before OpenSSL is first used, so
// before a PostgreSQL or MariaDB connection opens (SQLite's never use it).
namespace openssllifetime {

// Idempotent and thread-safe.
void skipCleanupAtExit();

} // namespace openssllifetime

#include "core/driver/openssllifetime.h"

#include <mutex>
#include <openssl/crypto.h>

namespace openssllifetime {

void skipCleanupAtExit()
{
    static std::once_flag once;
    std::call_once(once, [] { OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr); });
}

} // namespace openssllifetime

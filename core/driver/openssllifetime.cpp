#include "core/driver/openssllifetime.h"

#include "core/driver/clientlibrary.h"

#include <mutex>
#include <openssl/crypto.h>

namespace openssllifetime {

void skipCleanupAtExit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Opened, not linked, like the client libraries that need it: a
        // program that only ever opens SQLite never loads OpenSSL. Missing, it
        // is missing for them too, and they say so when they load.
        ClientLibrary crypto(POOLSCOPE_CRYPTO_SONAME);
        decltype(&OPENSSL_init_crypto) init = nullptr;
        crypto.resolve("OPENSSL_init_crypto", init);
        if (init)
            init(OPENSSL_INIT_NO_ATEXIT, nullptr);
    });
}

} // namespace openssllifetime

// DotenvReader on any text, with an environment that holds a password and a
// URL for ${...} to expand. Invariants: fuzz/bindconfigcheck.h.
#include "core/config/dotenvreader.h"

#include "fuzz/bindconfigcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::checkReader(
        [](const QString &text, const QProcessEnvironment &environment) {
            return DotenvReader::read(QStringLiteral("/fuzz/app/.env"), text, environment);
        },
        fuzz::input(data, size));
    return 0;
}

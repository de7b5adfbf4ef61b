// JsonBindReader on any text. Invariants: fuzz/bindconfigcheck.h.
#include "core/config/jsonbindreader.h"

#include "fuzz/bindconfigcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::checkReader(
        [](const QString &text, const QProcessEnvironment &) {
            return JsonBindReader::read(QStringLiteral("/fuzz/app/binds.json"), text);
        },
        fuzz::input(data, size));
    return 0;
}

// ProbeMessage::parse and AppProcess::apply on any bytes, as a probe's socket
// could send them (docs/probe.md): each line is read on its own.
//
// Invariants:
// - a line longer than ProbeMessage::kMaxLineBytes never parses;
// - what parses carries no password in an engine's URL (Url::redact leaves
//   it as it is);
// - a stack holds at most 64 frames;
// - applying any sequence of lines keeps the process's bounds: at most
//   AppProcess::kMaxCollected collected connections, and a connection only
//   under an engine the process knows.
#include "core/apps/appprocess.h"
#include "core/apps/probemessage.h"
#include "core/config/url.h"

#include "fuzz/fuzzcheck.h"

namespace {

void checkUrlHidesPassword(const QString &url)
{
    FUZZ_CHECK(Url::redact(url) == url,
               QStringLiteral("an engine URL shows its password: %1").arg(url));
}

void checkMessage(const ProbeMessage &message)
{
    FUZZ_CHECK(message.stack.size() <= 64, QStringLiteral("%1 frames").arg(message.stack.size()));
    for (const ProbeMessage::Engine &engine : message.engines) {
        checkUrlHidesPassword(engine.url);
        for (const ProbeMessage::Connection &connection : engine.connections)
            FUZZ_CHECK(connection.stack.size() <= 64, engine.url);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    AppProcess process;
    for (const QByteArray &line : bytes.split('\n')) {
        QString why;
        const std::optional<ProbeMessage> message = ProbeMessage::parse(line, &why);
        if (line.size() > ProbeMessage::kMaxLineBytes)
            FUZZ_CHECK(!message, QStringLiteral("a line of %1 bytes parsed").arg(line.size()));
        if (!message) {
            FUZZ_CHECK(!why.isEmpty(), QStringLiteral("a refused line without a reason"));
            continue;
        }
        checkMessage(*message);
        process.apply(*message);
    }
    FUZZ_CHECK(process.collected.size() <= AppProcess::kMaxCollected,
               QStringLiteral("%1 collected").arg(process.collected.size()));
    for (const ProbeMessage::Engine &engine : process.engines)
        checkUrlHidesPassword(engine.url);
    return 0;
}

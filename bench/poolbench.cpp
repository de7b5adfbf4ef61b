// bench_pool [--benchmark_* flags] FILE: checkouts + checkins of one idle
// connection of a pool on the SQLite file FILE, in process and without any
// statement: the pool's own bookkeeping (queue, state, events), as SQLAlchemy's
// QueuePool is measured with pool.connect() and close(). One iteration is one
// checkout and one checkin.
#include "core/config/url.h"
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>
#include <cstdio>
#include <functional>
#include <memory>

namespace {

Engine *g_engine = nullptr;

void waitUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

void checkoutCheckin(benchmark::State &state)
{
    Pool *pool = g_engine->pool();
    const QString owner = QStringLiteral("bench_pool");
    QObject context;
    Connection *connection = nullptr;
    for (auto _ : state) {
        connection = nullptr;
        pool->checkout(owner, &context,
                       [&connection](Connection *given, const QString &) { connection = given; });
        // An idle connection is handed out inside checkout(); anything else
        // would be measuring a connect.
        if (Q_UNLIKELY(!connection)) {
            state.SkipWithError("checkout did not hand out the idle connection at once");
            break;
        }
        pool->checkin(connection);
    }
    state.SetItemsProcessed(state.iterations());
    // Lets deferred work (deleteLater, timers) run between rounds.
    QCoreApplication::processEvents();
}

} // namespace

// Wall time, as the SQLAlchemy loop measures it with time.perf_counter().
BENCHMARK(checkoutCheckin)->UseRealTime();

int main(int argc, char *argv[])
{
    benchmark::Initialize(&argc, argv);
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("usage: bench_pool [--benchmark_* flags] SQLITE_FILE\n", stderr);
        return 1;
    }
    const auto url = Url::parse(QStringLiteral("sqlite:///") + QString::fromLocal8Bit(argv[1]));
    if (!url) {
        std::fputs("bench_pool: bad file name\n", stderr);
        return 1;
    }
    auto engine = std::make_unique<Engine>(Bind{QStringLiteral("bench"), *url, PoolOptions()});
    g_engine = engine.get();

    // Opens the one connection the loop then checks out and in.
    Connection *connection = nullptr;
    QString error;
    bool answered = false;
    QObject context;
    engine->pool()->checkout(QStringLiteral("bench_pool"), &context,
                             [&](Connection *given, const QString &message) {
                                 connection = given;
                                 error = message;
                                 answered = true;
                             });
    waitUntil([&] { return answered; });
    if (!connection) {
        std::fprintf(stderr, "bench_pool: %s\n", qPrintable(error));
        return 1;
    }
    engine->pool()->checkin(connection);
    waitUntil([&] { return engine->pool()->checkedin() == 1; });

    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    bool disposed = false;
    QObject::connect(engine.get(), &Engine::disposed, engine.get(), [&] { disposed = true; });
    engine->dispose();
    waitUntil([&] { return disposed || engine->pool()->connections().isEmpty(); });
    return 0;
}

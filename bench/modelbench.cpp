// bench_model URL SQL: runs SQL in a Session and keeps the rows in a
// ResultModel, as a session tab does, then prints one JSON object: the time to
// the first batch and to all rows (the connection is opened beforehand, as in
// a tab that already ran something), rows, the model's bytes and the peak RSS.
#include "core/config/url.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <functional>
#include <sys/resource.h>

namespace {

void waitUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_model: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return fail(QStringLiteral("usage: bench_model URL SQL"));
    QString error;
    const auto url = Url::parse(args.at(1), &error);
    if (!url)
        return fail(error);

    Engine engine(Bind{QStringLiteral("bench"), *url, PoolOptions()});
    Session session(&engine, QStringLiteral("bench_model"));
    ResultModel model;
    QElapsedTimer clock;
    double firstBatchMs = -1;
    bool done = false;
    StatementResult outcome;
    QObject::connect(&session, &Session::resultStarted, &model, &ResultModel::setColumns);
    QObject::connect(&session, &Session::rowsReady, &model, [&](const RowBatch &rows) {
        if (firstBatchMs < 0 && clock.isValid())
            firstBatchMs = msSince(clock);
        model.appendRows(rows);
    });
    QObject::connect(&session, &Session::finished, &model, [&](const StatementResult &result) {
        outcome = result;
        done = true;
    });

    // Opens the connection, so the timings below are the statement's alone.
    session.execute(QStringLiteral("SELECT 1"));
    waitUntil([&] { return done; });
    if (!outcome.ok)
        return fail(outcome.error);

    done = false;
    firstBatchMs = -1;
    clock.start();
    session.execute(args.at(2));
    waitUntil([&] { return done; });
    const double allRowsMs = msSince(clock);
    if (!outcome.ok)
        return fail(outcome.error);

    const qint64 rows = model.storedRowCount();
    const qint64 bytes = model.memoryBytes();
    QJsonObject json;
    json[QStringLiteral("rows")] = rows;
    json[QStringLiteral("first_batch_ms")] = firstBatchMs;
    json[QStringLiteral("all_rows_ms")] = allRowsMs;
    json[QStringLiteral("memory_bytes")] = bytes;
    json[QStringLiteral("bytes_per_row")] = rows > 0 ? double(bytes) / double(rows) : 0.0;
    json[QStringLiteral("peak_rss_kb")] = peakRssKb();
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());

    session.close();
    bool disposed = false;
    QObject::connect(&engine, &Engine::disposed, &engine, [&disposed] { disposed = true; });
    engine.dispose();
    waitUntil([&] { return disposed || engine.pool()->connections().isEmpty(); });
    return 0;
}

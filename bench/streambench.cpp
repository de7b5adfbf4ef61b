// bench_stream URL SQL: the main window with one session tab on URL runs SQL
// while a 10 ms timer beats on the GUI thread; prints one JSON object with the
// longest gap between two beats (the longest stall a person would feel), the
// rows the tab received and how long they took. Run it on the offscreen
// platform or under Xvfb.
#include "core/config/url.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <cstdio>
#include <functional>

namespace {

constexpr int kBeatMs = 10;
// The beat goes on this long after the last row, to catch the work a
// finished result causes (status line, column widths).
constexpr int kAfterMs = 300;

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_stream: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return fail(QStringLiteral("usage: bench_stream URL SQL"));
    QString error;
    const auto url = Url::parse(args.at(1), &error);
    if (!url)
        return fail(error);

    // Settings of its own: nothing from the person's last run comes back.
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    Engine *engine = workspace.addBind(Bind{QStringLiteral("bench"), *url, PoolOptions()}, &error);
    if (!engine)
        return fail(error);
    MainWindow window(&workspace, &settings);
    window.resize(1200, 800);
    window.show();
    if (!waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); },
                   10000))
        return fail(QStringLiteral("the window was never shown"));
    SessionTab *tab = window.newSessionTab(engine);

    // The connection opens first, so the beat measures the stream alone.
    tab->runText(QStringLiteral("SELECT 1"));
    if (!waitUntil([&] { return !tab->session()->isBusy(); }, 30000))
        return fail(QStringLiteral("SELECT 1 did not finish"));

    QElapsedTimer sinceBeat;
    qint64 longest = 0;
    qint64 beats = 0;
    QTimer heartbeat;
    heartbeat.setInterval(kBeatMs);
    heartbeat.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&] {
        longest = qMax(longest, sinceBeat.restart());
        ++beats;
    });
    QElapsedTimer clock;
    double firstRowsMs = -1;
    QObject::connect(tab->resultModel(), &ResultModel::rowsInserted, &heartbeat, [&] {
        if (firstRowsMs < 0)
            firstRowsMs = double(clock.nsecsElapsed()) / 1e6;
    });
    StatementResult outcome;
    QObject::connect(tab->session(), &Session::finished, &heartbeat,
                     [&](const StatementResult &result) { outcome = result; });

    clock.start();
    sinceBeat.start();
    heartbeat.start();
    tab->runText(args.at(2));
    if (!waitUntil([&] { return !tab->session()->isBusy(); }, 600000))
        return fail(QStringLiteral("the statement did not finish"));
    const double allRowsMs = double(clock.nsecsElapsed()) / 1e6;
    waitUntil([] { return false; }, kAfterMs);
    heartbeat.stop();
    if (!outcome.ok)
        return fail(outcome.error.isEmpty() ? tab->messages() : outcome.error);

    QJsonObject json;
    json[QStringLiteral("rows")] = tab->resultModel()->storedRowCount();
    json[QStringLiteral("longest_stall_ms")] = longest;
    json[QStringLiteral("beats")] = beats;
    json[QStringLiteral("first_rows_ms")] = firstRowsMs;
    json[QStringLiteral("all_rows_ms")] = allRowsMs;
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    window.shutdown();
    workspace.shutdown(QDeadlineTimer(3000));
    return 0;
}

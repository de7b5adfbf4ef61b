// bench_scroll URL SQL: the main window with one session tab on URL runs SQL
// (a result of many rows, a generator query needs no table), then scrolls the
// grid from its top to its last row the way a person drags the thumb and
// pages: the view is scrolled to evenly spaced rows, one step per event-loop
// turn, the viewport painted at each; where the grid has not shown the rows
// yet, the thumb is first dragged to the bottom, which asks the model for more
// (fetchMore), as often as it takes. A heartbeat (bench/heartbeat.h) beats on the GUI thread
// meanwhile. Prints one JSON object: the longest stall while scrolling, the
// time to get to the last row, the time the rows took to arrive, and the
// memory of the result. Run it on the offscreen platform or under Xvfb.
#include "bench/benchapplication.h"
#include "bench/benchwait.h"
#include "core/config/url.h"
#include "core/models/resultmodel.h"
#include "core/models/resultwindowmodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "ui/mainwindow.h"
#include "ui/resultgrid.h"
#include "ui/sessiontab.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

using bench::waitUntil;

// Evenly spaced rows the view is scrolled to, whatever the row count: a drag
// of the thumb from top to bottom, not a page at a time through ten million.
constexpr int kSteps = 1000;

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_scroll: %s\n", qPrintable(message));
    return 1;
}

// This process's resident memory now and at its peak, in MB.
double statusMb(const char *key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').value(0).toDouble() / 1024;
    }
    return -1;
}

// One step of the drag: where the target row is not in the grid yet, the
// thumb goes to the bottom (the view then fetches more); else the view
// scrolls to it. Answers whether the step reached its target.
bool step(ResultGrid *view, ResultModel *model, int target)
{
    if (target >= model->rowCount()) {
        QScrollBar *bar = view->verticalScrollBar();
        bar->setValue(bar->maximum());
        // The view fetches when the bar reaches its maximum; a bar already
        // there does not move, so a person would drag it again.
        if (target >= model->rowCount() && model->canFetchMore({}))
            model->fetchMore({});
        view->viewport()->repaint();
        return false;
    }
    view->scrollToResultRow(target, QAbstractItemView::PositionAtBottom);
    view->viewport()->repaint();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    BenchApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return fail(QStringLiteral("usage: bench_scroll URL SQL"));
    QString error;
    const auto url = Url::parse(args.at(1), &error);
    if (!url)
        return fail(error);

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
    const double idleMb = statusMb("VmRSS:");

    StatementResult outcome;
    QObject::connect(tab->session(), &Session::finished, tab,
                     [&](const StatementResult &result) { outcome = result; });
    QElapsedTimer clock;
    clock.start();
    app.startWatch();
    tab->runText(args.at(2));
    if (!waitUntil([&] { return !tab->session()->isBusy(); }, 1800000))
        return fail(QStringLiteral("the statement did not finish"));
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    if (!outcome.ok)
        return fail(outcome.error.isEmpty() ? tab->messages() : outcome.error);
    ResultModel *model = tab->resultModel();
    ResultGrid *view = tab->resultView();
    const int rows = model->storedRowCount();
    waitUntil([] { return false; }, 300);
    app.stopWatch();
    QJsonObject json;
    json[QStringLiteral("load_longest_stall_ms")] = app.longestStallMs();
    json[QStringLiteral("load_longest_event")] = app.longestEvent();
    json[QStringLiteral("load_longest_event_ms")] = app.longestEventMs();
    const int shownAfterLoad = model->rowCount();

    int done = 0;
    qint64 moves = 0;
    QTimer stepper;
    stepper.setInterval(0);
    // The slowest steps, to tell a one-off from a cost that grows with the rows.
    QList<QPair<double, QString>> slowest;
    QObject::connect(&stepper, &QTimer::timeout, &stepper, [&] {
        const int target = int(qint64(rows - 1) * done / kSteps);
        const int shown = model->rowCount();
        QElapsedTimer took;
        took.start();
        ++moves;
        const bool reached = step(view, model, target);
        slowest.append({double(took.nsecsElapsed()) / 1e6,
                        QStringLiteral("row %1 of %2 shown").arg(target).arg(shown)});
        std::sort(slowest.begin(), slowest.end(), std::greater<>());
        slowest.resize(qMin(qsizetype(3), slowest.size()));
        if (reached && ++done > kSteps)
            stepper.stop();
    });
    clock.start();
    app.startWatch();
    stepper.start();
    waitUntil([&] { return !stepper.isActive(); }, 1800000);
    const double scrollMs = double(clock.nsecsElapsed()) / 1e6;
    app.stopWatch();
    // The grid shows a window of the result: its rows are the result's from
    // the window's first on.
    const QModelIndex bottom = view->indexAt(QPoint(1, view->viewport()->height() - 2));
    const ResultWindowModel *shown = view->windowModel();
    const int lastShown = view->rowAt(view->viewport()->height() - 1);
    const bool atEnd =
        (lastShown >= 0 && shown->sourceRow(lastShown) == rows - 1) ||
        view->resultRow(bottom) == rows - 1 ||
        (view->verticalScrollBar()->value() == view->verticalScrollBar()->maximum() &&
         shown->sourceRow(shown->rowCount()) == rows);
    if (model->rowCount() != rows || !atEnd)
        return fail(QStringLiteral("the grid did not reach its last row (%1 of %2 shown)")
                        .arg(model->rowCount())
                        .arg(rows));

    json[QStringLiteral("rows")] = rows;
    json[QStringLiteral("load_ms")] = loadMs;
    json[QStringLiteral("scroll_ms")] = scrollMs;
    json[QStringLiteral("shown_after_load")] = shownAfterLoad;
    json[QStringLiteral("moves")] = moves;
    json[QStringLiteral("longest_stall_ms")] = app.longestStallMs();
    json[QStringLiteral("beats")] = app.beats();
    json[QStringLiteral("busy_in_longest_stall_ms")] = app.busyInLongestStallMs();
    json[QStringLiteral("cpu_in_longest_stall_ms")] = app.cpuInLongestStallMs();
    json[QStringLiteral("longest_event_ms")] = app.longestEventMs();
    json[QStringLiteral("longest_event_cpu_ms")] = app.longestEventCpuMs();
    json[QStringLiteral("longest_event")] = app.longestEvent();
    QJsonArray slowSteps;
    for (const auto &[ms, where] : slowest)
        slowSteps.append(QStringLiteral("%1 ms at %2").arg(ms, 0, 'f', 1).arg(where));
    json[QStringLiteral("slowest_steps")] = slowSteps;
    json[QStringLiteral("model_mb")] = double(model->memoryBytes()) / (1024 * 1024);
    json[QStringLiteral("rss_mb")] = statusMb("VmRSS:");
    json[QStringLiteral("rss_before_mb")] = idleMb;
    json[QStringLiteral("peak_rss_mb")] = statusMb("VmHWM:");
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    window.shutdown();
    workspace.shutdown(QDeadlineTimer(3000));
    return 0;
}

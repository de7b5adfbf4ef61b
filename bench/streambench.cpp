// bench_stream URL SQL [EXPORT_FOLDER]: the main window with one session tab
// on URL runs SQL while a heartbeat (bench/heartbeat.h) beats on the GUI
// thread; prints one JSON
// object with the longest gap between two beats (the longest stall a person
// would feel), the rows the tab received and how long they took. With
// EXPORT_FOLDER it then exports the result as CSV the way the window does (the
// Export dialog, both of its sources: the query run again, and the rows
// already fetched) into that folder, and reports the longest stall of each.
// Last, it runs SELECT 1 in the same tab, which lets the result go, and
// reports the longest stall of that. Run it on the offscreen platform or
// under Xvfb.
#include "bench/benchapplication.h"
#include "bench/benchwait.h"
#include "core/config/url.h"
#include "core/export/exportformat.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "ui/exportdialog.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <cstdio>
#include <functional>

namespace {

using bench::waitUntil;

// The beat goes on this long after the last row, to catch the work a
// finished result causes (status line, column widths).
constexpr int kAfterMs = 300;

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_stream: %s\n", qPrintable(message));
    return 1;
}

void putWatch(QJsonObject &json, const QString &prefix, const BenchApplication &app)
{
    json[prefix + QStringLiteral("longest_stall_ms")] = app.longestStallMs();
    json[prefix + QStringLiteral("beats")] = app.beats();
    json[prefix + QStringLiteral("busy_in_longest_stall_ms")] = app.busyInLongestStallMs();
    json[prefix + QStringLiteral("cpu_in_longest_stall_ms")] = app.cpuInLongestStallMs();
    json[prefix + QStringLiteral("longest_event_ms")] = app.longestEventMs();
    json[prefix + QStringLiteral("longest_event_cpu_ms")] = app.longestEventCpuMs();
    json[prefix + QStringLiteral("longest_event")] = app.longestEvent();
}

// Streams SQL into the tab, the beat watching; false when it fails.
bool stream(BenchApplication &app, SessionTab *tab, const QString &sql, QJsonObject &json)
{
    QElapsedTimer clock;
    double firstRowsMs = -1;
    QObject context;
    QObject::connect(tab->resultModel(), &ResultModel::rowsInserted, &context, [&] {
        if (firstRowsMs < 0)
            firstRowsMs = double(clock.nsecsElapsed()) / 1e6;
    });
    StatementResult outcome;
    QObject::connect(tab->session(), &Session::finished, &context,
                     [&](const StatementResult &result) { outcome = result; });

    clock.start();
    app.startWatch();
    tab->runText(sql);
    if (!waitUntil([&] { return !tab->session()->isBusy(); }, 600000))
        return false;
    const double allRowsMs = double(clock.nsecsElapsed()) / 1e6;
    waitUntil([] { return false; }, kAfterMs);
    app.stopWatch();
    if (!outcome.ok) {
        std::fprintf(stderr, "bench_stream: %s\n",
                     qPrintable(outcome.error.isEmpty() ? tab->messages() : outcome.error));
        return false;
    }
    json[QStringLiteral("rows")] = tab->resultModel()->storedRowCount();
    json[QStringLiteral("first_rows_ms")] = firstRowsMs;
    json[QStringLiteral("all_rows_ms")] = allRowsMs;
    putWatch(json, QString(), app);
    return true;
}

// Exports through the window's own path: the tab asks for an export, the
// window opens the Export dialog modally, and the dialog is filled in and
// started from inside its event loop, as a person would.
bool exportOnce(BenchApplication &app, MainWindow &window, SessionTab *tab, const QString &path,
                bool rerun, const QString &prefix, QJsonObject &json)
{
    bool ok = false;
    QString message = QStringLiteral("the Export dialog never opened");
    QElapsedTimer clock;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<ExportDialog *>();
        if (!dialog)
            return;
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(int(ExportFormat::Csv)));
        dialog->pathEdit()->setText(path);
        (rerun ? dialog->rerunButton() : dialog->fetchedButton())->setChecked(true);
        QObject::connect(dialog, &ExportDialog::exportFinished, dialog,
                         [&, dialog](bool done, const QString &text) {
                             json[prefix + QStringLiteral("ms")] =
                                 double(clock.nsecsElapsed()) / 1e6;
                             ok = done;
                             message = text;
                             QTimer::singleShot(kAfterMs, dialog, [&app, dialog] {
                                 app.stopWatch();
                                 dialog->reject();
                             });
                         });
        clock.start();
        app.startWatch();
        dialog->startExport();
        if (!dialog->isRunning()) {
            app.stopWatch();
            message = dialog->outcome();
            dialog->reject();
        }
    });
    Q_EMIT tab->exportRequested();
    if (!ok) {
        std::fprintf(stderr, "bench_stream: export: %s\n", qPrintable(message));
        return false;
    }
    putWatch(json, prefix, app);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    BenchApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3 && args.size() != 4)
        return fail(QStringLiteral("usage: bench_stream URL SQL [EXPORT_FOLDER]"));
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

    QJsonObject json;
    if (!stream(app, tab, args.at(2), json))
        return fail(QStringLiteral("the statement did not finish"));
    if (args.size() == 4) {
        const QDir out(args.at(3));
        if (!exportOnce(app, window, tab, out.filePath(QStringLiteral("rerun.csv")), true,
                        QStringLiteral("export_"), json) ||
            !exportOnce(app, window, tab, out.filePath(QStringLiteral("fetched.csv")), false,
                        QStringLiteral("export_fetched_"), json))
            return 1;
    }
    // The next statement lets the whole result go: that, too, is on the GUI thread.
    app.startWatch();
    tab->runText(QStringLiteral("SELECT 1"));
    if (!waitUntil([&] { return !tab->session()->isBusy(); }, 30000))
        return fail(QStringLiteral("SELECT 1 after the result did not finish"));
    waitUntil([] { return false; }, kAfterMs);
    app.stopWatch();
    putWatch(json, QStringLiteral("next_statement_"), app);
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    window.shutdown();
    workspace.shutdown(QDeadlineTimer(3000));
    return 0;
}

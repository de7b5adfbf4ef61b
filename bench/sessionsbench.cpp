// bench_sessions URL SESSIONS [REFRESHES]: the main window's server-sessions
// panel on URL, refreshed REFRESHES times (default 7) after a first refresh
// that also opens its connection, while a heartbeat (bench/heartbeat.h) beats
// on the GUI thread.
// Each refresh is timed from asking to "read and shown": the panel announced
// the snapshot (the model holds it) and the table's viewport has painted it.
// The panel must show at least SESSIONS sessions. Prints one JSON object: the
// median refresh, the longest gap between two beats during any refresh (the
// longest stall a person would feel), and each refresh's figures. Run it on
// the offscreen platform or under Xvfb.
#include "bench/benchwait.h"
#include "bench/heartbeat.h"
#include "core/config/url.h"
#include "core/models/serversessionmodel.h"
#include "core/pool/engine.h"
#include "core/pool/workspace.h"
#include "ui/mainwindow.h"
#include "ui/serversessionspanel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

namespace {

using bench::waitUntil;

// The beat goes on this long after the paint, to catch the work a shown
// snapshot leaves behind (sorting, column widths, the chart's relayout).
constexpr int kAfterMs = 100;
constexpr int kReadTimeoutMs = 120000;

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_sessions: %s\n", qPrintable(message));
    return 1;
}

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

// Notes when the viewport has finished a paint that came after the panel
// showed a snapshot: a queued call runs once the paint event has returned.
class PaintWatch final : public QObject
{
public:
    explicit PaintWatch(QWidget *viewport)
        : QObject(viewport)
    {
        viewport->installEventFilter(this);
    }

    void arm() { m_armed = true; }
    bool painted() const { return m_painted; }
    void reset() { m_armed = m_painted = false; }
    // Called once the paint is over.
    std::function<void()> onPainted;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_armed) {
            m_armed = false;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_painted = true;
                    if (onPainted)
                        onPainted();
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_armed = false;
    bool m_painted = false;
};

struct Refresh
{
    double shownMs = 0;   // asked → the panel's snapshotShown()
    double paintedMs = 0; // asked → the viewport painted after it
    qint64 stallMs = 0;   // longest beat gap from asking to kAfterMs after the paint
};

std::optional<Refresh> refreshOnce(ServerSessionsPanel *panel, PaintWatch *watch, QString *error)
{
    bench::Heartbeat beat;
    QElapsedTimer clock;
    Refresh refresh;
    QObject context;
    bool shown = false;
    watch->reset();
    QObject::connect(panel, &ServerSessionsPanel::snapshotShown, &context, [&] {
        refresh.shownMs = msSince(clock);
        shown = true;
        watch->arm();
        // A paint even where no visible cell changed: "shown" needs one.
        panel->table()->viewport()->update();
    });
    watch->onPainted = [&] {
        refresh.paintedMs = msSince(clock);
    };
    clock.start();
    beat.start();
    panel->refresh();
    const bool painted = waitUntil([&] { return watch->painted(); }, kReadTimeoutMs);
    watch->onPainted = nullptr;
    if (!painted) {
        *error = shown ? QStringLiteral("the table never painted the snapshot")
                       : QStringLiteral("no snapshot shown: %1").arg(panel->statusText());
        return std::nullopt;
    }
    waitUntil([] { return false; }, kAfterMs);
    beat.stop();
    refresh.stallMs = beat.longestMs();
    return refresh;
}

// The panel as the window shows it: its dock raised, refreshing only when
// asked, so that its own timer never starts a read between two measured ones.
ServerSessionsPanel *showPanel(MainWindow &window)
{
    ServerSessionsPanel *panel = window.serverSessions();
    panel->interval()->setCurrentIndex(panel->interval()->findData(0));
    if (auto *dock = qobject_cast<QDockWidget *>(panel->parentWidget())) {
        dock->show();
        dock->raise();
    }
    panel->showBind(QStringLiteral("bench"));
    return panel;
}

QJsonObject report(const QList<Refresh> &refreshes, int rows)
{
    QList<double> times;
    qint64 worst = 0;
    QJsonArray each;
    for (qsizetype i = 0; i < refreshes.size(); ++i) {
        const Refresh &r = refreshes.at(i);
        if (i > 0) {
            times << r.paintedMs;
            worst = qMax(worst, r.stallMs);
        }
        each.append(QJsonObject{{QStringLiteral("shown_ms"), r.shownMs},
                                {QStringLiteral("painted_ms"), r.paintedMs},
                                {QStringLiteral("stall_ms"), r.stallMs}});
    }
    std::sort(times.begin(), times.end());
    const qsizetype n = times.size();
    const double median = n % 2 ? times.at(n / 2) : (times.at(n / 2 - 1) + times.at(n / 2)) / 2;
    QJsonObject json;
    json[QStringLiteral("sessions_shown")] = rows;
    json[QStringLiteral("median_refresh_ms")] = median;
    json[QStringLiteral("longest_stall_ms")] = worst;
    json[QStringLiteral("first_refresh_ms")] = refreshes.constFirst().paintedMs;
    json[QStringLiteral("first_stall_ms")] = refreshes.constFirst().stallMs;
    json[QStringLiteral("refreshes")] = each;
    return json;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3 || args.size() > 4)
        return fail(QStringLiteral("usage: bench_sessions URL SESSIONS [REFRESHES]"));
    QString error;
    const auto url = Url::parse(args.at(1), &error);
    if (!url)
        return fail(error);
    const int sessions = args.at(2).toInt();
    const int refreshes = args.size() > 3 ? args.at(3).toInt() : 7;
    if (sessions < 0 || refreshes < 1)
        return fail(QStringLiteral("SESSIONS must be 0 or more, REFRESHES 1 or more"));

    // Settings of its own: nothing from the person's last run comes back.
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    if (!workspace.addBind(Bind{QStringLiteral("bench"), *url, PoolOptions()}, &error))
        return fail(error);
    auto window = std::make_unique<MainWindow>(&workspace, &settings);
    window->resize(1600, 1000);
    window->show();
    if (!waitUntil([&] { return window->windowHandle() && window->windowHandle()->isExposed(); },
                   10000))
        return fail(QStringLiteral("the window was never shown"));
    ServerSessionsPanel *panel = showPanel(*window);
    auto *watch = new PaintWatch(panel->table()->viewport());

    // The first refresh opens the panel's connection and fills the table; the
    // rest update it, as the panel's timer would.
    QList<Refresh> done;
    for (int i = 0; i <= refreshes; ++i) {
        const auto refresh = refreshOnce(panel, watch, &error);
        if (!refresh)
            return fail(error);
        done << *refresh;
    }
    const int rows = panel->table()->model()->rowCount();
    if (rows < sessions)
        return fail(QStringLiteral("the panel shows %1 sessions, expected at least %2")
                        .arg(rows)
                        .arg(sessions));

    std::printf("%s\n",
                QJsonDocument(report(done, rows)).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    // The window goes before the engines its bind tree shows, as in the app.
    window->shutdown();
    window.reset();
    workspace.shutdown(QDeadlineTimer(3000));
    return 0;
}

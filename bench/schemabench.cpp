// bench_schema URL: the main window, as a person adding a bind sees it. The
// bind is added (the schema panel starts reading its catalog) and a session
// tab opened on it, as File › Add bind does; the clock runs until the panel
// shows the schema (filled and painted) and the tab's SQL editor has its
// completion words ready. A heartbeat (bench/heartbeat.h) beats on the GUI thread meanwhile:
// the longest gap between two beats is the longest stall a person would feel.
// Prints one JSON object: the times, the tables and columns the panel holds,
// the completion words, and the process's peak memory (VmHWM). Run it on the
// offscreen platform or under Xvfb.
#include "bench/benchwait.h"
#include "bench/heartbeat.h"
#include "core/config/url.h"
#include "core/models/schematreemodel.h"
#include "core/pool/engine.h"
#include "core/pool/workspace.h"
#include "ui/mainwindow.h"
#include "ui/schemapanel.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QWindow>

#include <cstdio>
#include <functional>

namespace {

using bench::waitUntil;

// The beat goes on this long after "ready", to catch work the load leaves
// behind (layouts, column widths).
constexpr int kAfterMs = 300;

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_schema: %s\n", qPrintable(message));
    return 1;
}

// A line of /proc/self/status ("VmHWM:  123456 kB") in MB.
double statusMb(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// What the panel shows: tables (not views) and their columns, counted through
// the model as the tree view reads it.
QPair<int, int> tablesAndColumns(const SchemaTreeModel *model)
{
    int tables = 0;
    int columns = 0;
    for (int s = 0; s < model->rowCount(); ++s) {
        const QModelIndex group = model->index(0, 0, model->index(s, 0));
        for (int t = 0; t < model->rowCount(group); ++t) {
            const QModelIndex table = model->index(t, 0, group);
            ++tables;
            columns += model->rowCount(model->index(0, 0, table));
        }
    }
    return {tables, columns};
}

// Paint events of the schema tree's viewport after the schema arrived: the
// panel is filled for a person once the tree has painted it.
class PaintWatch final : public QObject
{
public:
    std::function<void()> painted;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && painted) {
            QTimer::singleShot(0, this, painted); // after the paint itself
            painted = nullptr;
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 2)
        return fail(QStringLiteral("usage: bench_schema URL"));
    QString error;
    const auto url = Url::parse(args.at(1), &error);
    if (!url)
        return fail(error);

    // Settings of its own: nothing from the person's last run comes back.
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Workspace workspace;
    MainWindow window(&workspace, &settings);
    window.resize(1200, 800);
    window.show();
    if (!waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); },
                   10000))
        return fail(QStringLiteral("the window was never shown"));
    SchemaPanel *panel = window.schemaPanel();
    const double startMb = statusMb("VmRSS");

    bench::Heartbeat heartbeat;
    QObject context; // the receiver of the connections below

    QElapsedTimer clock;
    double schemaMs = -1;
    double paintedMs = -1;
    double wordsMs = -1;
    PaintWatch paints;
    panel->tree()->viewport()->installEventFilter(&paints);
    QObject::connect(panel, &SchemaPanel::schemaLoaded, &context,
                     [&] { schemaMs = double(clock.nsecsElapsed()) / 1e6; });
    // The tree may take the schema after it is announced: the paint that
    // counts is the first one after the model has it.
    QObject::connect(panel->model(), &QAbstractItemModel::modelReset, &context, [&] {
        if (panel->model()->schema().tables.isEmpty())
            return;
        paints.painted = [&] {
            paintedMs = double(clock.nsecsElapsed()) / 1e6;
        };
        panel->tree()->viewport()->update();
    });

    clock.start();
    heartbeat.start();
    // File › Add bind: the panel shows the new bind and reads it, a tab opens on it.
    Engine *engine = workspace.addBind(Bind{QStringLiteral("bench"), *url, PoolOptions()}, &error);
    if (!engine)
        return fail(error);
    SessionTab *tab = window.newSessionTab(engine);
    // The tab starts with no words; only the schema's count.
    QObject::connect(tab->editor(), &SqlEditor::completionWordsReady, &context, [&] {
        if (tab->editor()->completionWordCount() > 0)
            wordsMs = double(clock.nsecsElapsed()) / 1e6;
    });
    if (!waitUntil([&] { return paintedMs >= 0 && wordsMs >= 0; }, 600000))
        return fail(QStringLiteral("the schema was not shown, or completion never got ready"));
    const double readyMs = qMax(paintedMs, wordsMs);
    waitUntil([] { return false; }, kAfterMs);
    heartbeat.stop();

    const auto [tables, columns] = tablesAndColumns(panel->model());
    QJsonObject json;
    json[QStringLiteral("tables")] = tables;
    json[QStringLiteral("columns")] = columns;
    json[QStringLiteral("words")] = tab->editor()->completionWordCount();
    // What typing a table's prefix costs the GUI once the words are ready: the
    // list the editor's completion pops up with.
    QElapsedTimer typing;
    typing.start();
    json[QStringLiteral("table_completions")] =
        int(tab->editor()->completionsOf(QStringLiteral("item_")).size());
    json[QStringLiteral("complete_prefix_ms")] = double(typing.nsecsElapsed()) / 1e6;
    json[QStringLiteral("schema_ms")] = schemaMs;
    json[QStringLiteral("painted_ms")] = paintedMs;
    json[QStringLiteral("words_ms")] = wordsMs;
    json[QStringLiteral("ready_ms")] = readyMs;
    json[QStringLiteral("longest_stall_ms")] = heartbeat.longestMs();
    json[QStringLiteral("start_mb")] = startMb;
    json[QStringLiteral("peak_mb")] = statusMb("VmHWM");
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    window.shutdown();
    workspace.shutdown(QDeadlineTimer(3000));
    return 0;
}

#include "app/guimain.h"

#include "app/signalwatcher.h"
#include "app/startclock.h"
#include "core/config/url.h"
#include "core/pool/engine.h"
#include "core/pool/workspace.h"
#include "core/settings/demodatabase.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QThread>
#include <QTimer>
#include <QWindow>

#include "i18n/translations.h"
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <unistd.h>
#include <utility>

namespace {

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

const char *const kDemoHint = QT_TRANSLATE_NOOP(
    "GuiMain", "The demo shop. Put the cursor in a statement and press Ctrl+Enter.");
const char *const kDemoQuery =
    "SELECT t.order_id, t.customer_name, t.ordered_at, o.status, t.item_count, t.total\n"
    "FROM order_totals t\n"
    "JOIN orders o ON o.id = t.order_id\n"
    "ORDER BY t.total DESC\n"
    "LIMIT 200;\n";

// Creating the demo database runs SQL: on its own thread, then the bind.
void openDemo(Workspace *workspace, MainWindow *window)
{
    const QString path = DemoDatabase::defaultPath();
    auto error = std::make_shared<QString>();
    QThread *maker = QThread::create([path, error] { DemoDatabase::ensure(path, error.get()); });
    QObject::connect(maker, &QThread::finished, window, [workspace, window, maker, path, error] {
        maker->deleteLater();
        if (!error->isEmpty()) {
            QMessageBox::warning(window, QStringLiteral("poolscope"), *error);
            return;
        }
        QString problem;
        Engine *engine = workspace->engine(QStringLiteral("demo"));
        if (!engine) {
            const auto url = Url::parse(QStringLiteral("sqlite:///") + path, &problem);
            engine = url ? workspace->addBind(Bind{QStringLiteral("demo"), *url, PoolOptions()},
                                              &problem)
                         : nullptr;
        }
        if (!engine) {
            QMessageBox::warning(window, QStringLiteral("poolscope"), problem);
            return;
        }
        if (SessionTab *tab = window->newSessionTab(engine)) {
            tab->editor()->setText(QStringLiteral("-- ") +
                                   QCoreApplication::translate("GuiMain", kDemoHint) +
                                   QLatin1Char('\n') + QString::fromLatin1(kDemoQuery));
            tab->runStatement();
        }
    });
    maker->start();
}

// Runs then() once the window has been exposed and its first paint handled:
// what the person does not need to see the window goes after it.
class AfterFirstPaint final : public QObject
{
public:
    explicit AfterFirstPaint(std::function<void()> then)
        : m_then(std::move(then))
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *window = qobject_cast<QWindow *>(watched);
        if (event->type() == QEvent::Expose && window && window->isExposed() && m_then) {
            // After the expose event is handled, so the first paint is done.
            QTimer::singleShot(0, this, std::exchange(m_then, nullptr));
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_then;
};

// POOLSCOPE_EXIT_AFTER_SHOWN=1 (bench/run measures start-up with it): how long
// the window took to show, and when each step before it ended.
void reportShown(const GuiStartMarks &marks, double applicationMs, double builtMs)
{
    std::printf("poolscope: window shown %.0f ms after the process started (main %.0f, window "
                "module loaded %.0f, application %.0f, window built %.0f)\n",
                StartClock::msSinceProcessStart(), marks.main, marks.moduleLoaded, applicationMs,
                builtMs);
    std::fflush(stdout);
}

} // namespace

int poolscope_run_gui(int argc, char *argv[], const GuiStartMarks *marks)
{
    if (!haveDisplay()) {
        std::fputs("poolscope: no display found; run it in a desktop session or under "
                   "`xvfb-run make run`, or use the command line (poolscope --help).\n",
                   stderr);
        return 1;
    }
    QApplication app(argc, argv);
    const double applicationMs = StartClock::msSinceProcessStart();
    QApplication::setApplicationName(QStringLiteral("poolscope"));
    // Ties the window to the installed .desktop file (task bar, Wayland).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.poolscope.Poolscope"));
    QApplication::setApplicationVersion(QStringLiteral(POOLSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Desktop database inspector: engines, pools and live sessions per bind."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open the bundled demo shop database."));
    const QCommandLineOption bindOption(QStringLiteral("bind"),
                                        QStringLiteral("Add a bind (repeatable)."),
                                        QStringLiteral("NAME=URL"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QStringLiteral("Language of the window (en, zh_CN); the system's by default."),
        QStringLiteral("LANG"));
    parser.addOptions({demo, bindOption, langOption});
    parser.process(app);
    QString languageWarning;
    Translations::install(&app, parser.value(langOption), &languageWarning);
    if (!languageWarning.isEmpty())
        std::fprintf(stderr, "poolscope: %s\n", qPrintable(languageWarning));

    QSettings settings(QStringLiteral("poolscope"), QStringLiteral("poolscope"));
    Workspace workspace;
    MainWindow window(&workspace, &settings);
    const double builtMs = StartClock::msSinceProcessStart();
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &window, [&window] {
        // No questions: roll back what is open, close everything, leave.
        window.shutdown();
        QApplication::quit();
    });

    QStringList problems;
    const QStringList binds = parser.values(bindOption);
    for (const QString &spec : binds) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            problems << QCoreApplication::translate("GuiMain", "--bind %1: expected NAME=URL")
                            .arg(Url::redact(spec));
            continue;
        }
        QString error;
        const auto url = Url::parse(spec.mid(eq + 1), &error);
        if (!url) {
            problems << error;
            continue;
        }
        if (!workspace.addBind(Bind{spec.left(eq), *url, PoolOptions()}, &error))
            problems << error;
    }

    const bool wantDemo = parser.isSet(demo);
    QObject::connect(&window, &MainWindow::bindsRestored, &window, [&] {
        if (wantDemo)
            openDemo(&workspace, &window);
        else if (window.sessionTabs().isEmpty() && !workspace.engines().isEmpty())
            window.newSessionTab(workspace.engines().constFirst());
    });
    const bool exitAfterShown = qEnvironmentVariableIsSet("POOLSCOPE_EXIT_AFTER_SHOWN");
    const GuiStartMarks startMarks = marks ? *marks : GuiStartMarks();
    AfterFirstPaint afterFirstPaint([=] {
        if (exitAfterShown)
            reportShown(startMarks, applicationMs, builtMs);
        // The icon the package installs into the icon theme: finding it reads
        // the themes' index files, a sixth of the start's own work, and the
        // window shows as well without it for the moment it takes.
        QApplication::setWindowIcon(
            QIcon::fromTheme(QStringLiteral("io.github.poolscope.Poolscope")));
        if (exitAfterShown)
            QApplication::quit();
    });
    window.winId(); // creates the QWindow to watch
    window.windowHandle()->installEventFilter(&afterFirstPaint);
    window.show();
    window.restoreBinds();
    if (!problems.isEmpty())
        QMessageBox::warning(&window, QStringLiteral("poolscope"),
                             problems.join(QLatin1Char('\n')));
    return app.exec();
}

#include "app/clicontext.h"

#include "app/signalwatcher.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>

CliContext::CliContext(QString command, QString usage)
    : m_command(std::move(command))
{
    m_parser.setApplicationDescription(usage);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("config"),
        QStringLiteral("Read binds from a JSON bind file, a .env file or a Flask config.py."),
        QStringLiteral("FILE")));
    m_parser.addOption(QCommandLineOption(QStringLiteral("bind"),
                                          QStringLiteral("Add a bind (repeatable)."),
                                          QStringLiteral("NAME=URL")));
}

bool CliContext::parse(const QStringList &arguments, int *exitCode)
{
    if (!m_parser.parse(QStringList{QStringLiteral("poolscope ") + m_command} + arguments)) {
        *exitCode = fail(Usage, m_parser.errorText() + QStringLiteral(" (see --help)"));
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(helpText()), stdout);
        *exitCode = Ok;
        return false;
    }
    QList<BindConfig> sources{BindConfig::fromEnvironment()};
    const QStringList configs = m_parser.values(QStringLiteral("config"));
    for (const QString &file : configs) {
        BindConfig config = BindConfig::readFile(file);
        if (config.hasError()) {
            *exitCode = fail(Usage, config.error());
            return false;
        }
        sources << config;
    }
    const QStringList binds = m_parser.values(QStringLiteral("bind"));
    for (const QString &bind : binds) {
        BindConfig config = BindConfig::fromArgument(bind);
        if (config.hasError()) {
            *exitCode = fail(Usage, config.error());
            return false;
        }
        sources << config;
    }
    m_binds = BindConfig::merge(sources);
    for (const QString &warning : m_binds.warnings())
        warn(warning);
    return true;
}

QString CliContext::helpText() const
{
    // Qt names the program by its path; GNU help names it as people type it,
    // and ends with where to report bugs.
    QString text = m_parser.helpText();
    const QString path = QCoreApplication::arguments().value(0);
    const QString usage = QStringLiteral("Usage: ");
    if (text.startsWith(usage + path))
        text.replace(usage.size(), path.size(), QStringLiteral("poolscope ") + m_command);
    return text + QStringLiteral("\nReport bugs to: <" POOLSCOPE_HOMEPAGE "/issues>\n"
                                 "poolscope home page: <" POOLSCOPE_HOMEPAGE ">\n");
}

std::optional<Bind> CliContext::resolve(const QString &target, QString *error) const
{
    if (target.contains(QLatin1String("://"))) {
        const auto url = Url::parse(target, error);
        if (!url)
            return std::nullopt;
        return Bind{QStringLiteral("cli"), *url, PoolOptions()};
    }
    if (const Bind *bind = m_binds.find(target))
        return *bind;
    QStringList names;
    for (const Bind &bind : m_binds.binds())
        names << bind.name;
    *error = names.isEmpty() ? QStringLiteral("'%1' is neither a URL nor a bind name (no binds are "
                                              "configured; use --config or --bind)")
                                   .arg(Url::redact(target))
                             : QStringLiteral("no bind named '%1' (known: %2)")
                                   .arg(Url::redact(target), names.join(QStringLiteral(", ")));
    return std::nullopt;
}

int CliContext::fail(int code, const QString &message) const
{
    // One line: the message's own line breaks would split it.
    QString line = message.simplified();
    std::fprintf(stderr, "poolscope %s: %s\n", qPrintable(m_command), qPrintable(line));
    return code;
}

void CliContext::warn(const QString &message) const
{
    std::fprintf(stderr, "poolscope %s: warning: %s\n", qPrintable(m_command),
                 qPrintable(message.simplified()));
}

QVariant CliContext::runTask(Bind bind, const WorkerTask &task, QString *error,
                             bool cancelOnSignals) const
{
    // One connection: the command needs no more, and leaves none behind.
    bind.options.poolSize = 1;
    bind.options.maxOverflow = 0;
    Engine engine(bind);
    Session session(&engine, QStringLiteral("poolscope ") + m_command);
    bool done = false;
    QVariant value;
    QObject::connect(&session, &Session::taskFinished, &session,
                     [&](const QVariant &result, const QString &message) {
                         value = result;
                         *error = message;
                         done = true;
                     });
    std::optional<SignalWatcher> watcher;
    if (cancelOnSignals) {
        watcher.emplace();
        QObject::connect(&*watcher, &SignalWatcher::terminationRequested, &session,
                         [&session](int) { session.cancel(); });
    }
    session.runTask(task);
    waitUntil([&] { return done; });
    session.close();
    disposeAndWait(&engine);
    return value;
}

void CliContext::waitUntil(const std::function<bool()> &done)
{
    // Everything the core reports arrives as an event: sleep until one comes.
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

void CliContext::disposeAndWait(Engine *engine)
{
    bool disposed = false;
    QObject::connect(engine, &Engine::disposed, engine, [&disposed] { disposed = true; });
    engine->dispose();
    waitUntil([&] { return disposed || engine->pool()->connections().isEmpty(); });
}

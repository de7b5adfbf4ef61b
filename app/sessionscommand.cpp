#include "app/sessionscommand.h"

#include "app/clicontext.h"
#include "core/apps/appmonitor.h"
#include "core/apps/apporigins.h"
#include "core/apps/servercapacity.h"
#include "core/diagnosis/pgbouncerstate.h"
#include "core/diagnosis/serversessionformat.h"
#include "core/diagnosis/serversessionreader.h"
#include "core/diagnosis/suspectrules.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"

#include <QDeadlineTimer>

#include <cstdio>

namespace {

bool seconds(const QCommandLineParser &parser, const QCommandLineOption &option,
             std::optional<double> *out, QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || value < 0) {
        *error = QStringLiteral("--%1 needs a number of seconds, not '%2'")
                     .arg(option.names().constFirst(), parser.value(option));
        return false;
    }
    *out = value;
    return true;
}

struct SessionsOptions
{
    QCommandLineOption format{QStringLiteral("format"),
                              QStringLiteral("table or json (default table)."),
                              QStringLiteral("FORMAT"), QStringLiteral("table")};
    QCommandLineOption idleInTransaction{
        QStringLiteral("idle-in-transaction-over"),
        QStringLiteral("Flag sessions idle in a transaction for more than S seconds."),
        QStringLiteral("S")};
    QCommandLineOption idle{QStringLiteral("idle-over"),
                            QStringLiteral("Flag sessions idle for more than S seconds."),
                            QStringLiteral("S")};
    QCommandLineOption running{QStringLiteral("running-over"),
                               QStringLiteral("Flag statements running for more than S seconds."),
                               QStringLiteral("S")};
    QCommandLineOption failOnSuspects{
        QStringLiteral("fail-on-suspects"),
        QStringLiteral("Exit with status 3 when a session is flagged.")};
    QCommandLineOption pooler{
        QStringLiteral("pooler"),
        QStringLiteral("PgBouncer's admin console (URL|NAME) in front of this server: its "
                       "server connections are named among the sessions."),
        QStringLiteral("URL|NAME")};
};

// Runs task on a one-connection engine of bind and waits for its value;
// empty, with *error, when it failed.
QVariant runOnce(Bind bind, const QString &owner, const WorkerTask &task, QString *error)
{
    bind.options.poolSize = 1;
    bind.options.maxOverflow = 0;
    Engine engine(bind);
    QVariant value;
    {
        Session session(&engine, owner);
        bool done = false;
        QObject::connect(&session, &Session::taskFinished, &session,
                         [&](const QVariant &answer, const QString &message) {
                             value = answer;
                             *error = message;
                             done = true;
                         });
        session.runTask(task);
        CliContext::waitUntil([&] { return done; });
        session.close();
    }
    CliContext::disposeAndWait(&engine);
    return error->isEmpty() ? value : QVariant();
}

// PgBouncer's console named by --pooler: its server connections among the
// server's sessions, its pools' server connections in the capacity.
bool addPooler(const CliContext &cli, const QString &target, const Url &server,
               ServerSessionSnapshot &snapshot, ServerCapacity &capacity, QStringList *lines,
               QString *error)
{
    const std::optional<Bind> console = cli.resolve(target, error);
    if (!console)
        return false;
    const QVariant value =
        runOnce(*console, QStringLiteral("poolscope sessions"), PgBouncerState::task(), error);
    if (value.metaType() != QMetaType::fromType<PgBouncerState>()) {
        if (error->isEmpty())
            *error = value.toString();
        return false;
    }
    const auto state = value.value<PgBouncerState>();
    const QString name =
        target.contains(QLatin1String("://")) ? console->url.toDisplayString() : console->name;
    if (!state.serves(server)) {
        snapshot.notes
            << QStringLiteral("PgBouncer %1 serves no database on this server.").arg(name);
        return true;
    }
    state.linkBackends(snapshot.sessions, name);
    capacity.addPooler(name, state.serverConnectionLimit());
    // The pooler's own limits beside what this server admits.
    *lines << QStringLiteral("Capacity of PgBouncer %1: %2")
                  .arg(name, state.describeCapacity(state.clientCount(), capacity.available()));
    return true;
}

// The sessions of bind's server, or the processes holding its SQLite file;
// error set when they cannot be read.
ServerSessionSnapshot readSnapshot(const Bind &bind)
{
    ServerSessionReader reader;
    if (bind.url.dialect() == Dialect::SQLite) // without opening the file ourselves
        return reader.readSqliteFile(bind.url.database());
    QString error;
    const QVariant value =
        runOnce(bind, QStringLiteral("poolscope sessions"), reader.task(), &error);
    ServerSessionSnapshot snapshot = value.value<ServerSessionSnapshot>();
    if (!error.isEmpty())
        snapshot.error = error;
    return snapshot;
}

// After the table: a console's capacity and pools, or whether everyone who
// may connect to the server fits.
QByteArray capacityLines(const ServerSessionSnapshot &snapshot, const ServerCapacity &capacity,
                         const QStringList &poolers)
{
    QByteArray text;
    if (snapshot.pgbouncer) {
        text += "Capacity: " +
                snapshot.pgbouncer->describeCapacity(int(snapshot.sessions.size())).toUtf8() + '\n';
        const QStringList pools = snapshot.pgbouncer->describePools();
        for (const QString &pool : pools)
            text += "Pool " + pool.toUtf8() + '\n';
        const QStringList traffic = snapshot.pgbouncer->describeStats();
        for (const QString &line : traffic)
            text += "Traffic " + line.toUtf8() + '\n';
    } else if (snapshot.maxConnections) {
        text += "Capacity: " + capacity.describe().toUtf8() + '\n';
        for (const QString &line : poolers)
            text += line.toUtf8() + '\n';
    }
    return text;
}

} // namespace

int SessionsCommand::run(const QStringList &arguments)
{
    CliContext cli(
        QStringLiteral("sessions"),
        QStringLiteral("List the server's sessions and flag the ones that look leaked."));
    QCommandLineParser &parser = cli.parser();
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A database URL or a bind name."));
    const SessionsOptions options;
    const auto &[format, idleInTransaction, idle, running, failOnSuspects, pooler] = options;
    parser.addOptions({format, idleInTransaction, idle, running, failOnSuspects, pooler});
    int exit = CliContext::Ok;
    if (!cli.parse(arguments, &exit))
        return exit;
    if (cli.positional().size() != 1)
        return cli.fail(CliContext::Usage, QStringLiteral("expected URL|NAME (see --help)"));
    const QString chosen = parser.value(format);
    if (chosen != QLatin1String("table") && chosen != QLatin1String("json"))
        return cli.fail(CliContext::Usage,
                        QStringLiteral("unknown format '%1' (table, json)").arg(chosen));
    QString error;
    const QString target = cli.positional().first();
    auto bind = cli.resolve(target, &error);
    if (!bind)
        return cli.fail(CliContext::Usage, error);

    // A named bind is a web app's pool: more sessions than its pool_size +
    // max_overflow is a finding. A bare URL says nothing about anyone's pool.
    SuspectRules rules =
        target.contains(QLatin1String("://")) ? SuspectRules() : SuspectRules::forBind(*bind);
    if (!seconds(parser, idleInTransaction, &rules.idleInTransactionOver, &error) ||
        !seconds(parser, idle, &rules.idleOver, &error) ||
        !seconds(parser, running, &rules.runningOver, &error))
        return cli.fail(CliContext::Usage, error);

    // Probed apps (docs/probe.md) greet while the sessions are read.
    AppMonitor apps(nullptr);
    const QDeadlineTimer greeting(AppMonitor::kGreetingWaitMs);
    ServerSessionSnapshot snapshot = readSnapshot(*bind);
    if (!snapshot.error.isEmpty())
        return cli.fail(CliContext::Failure, snapshot.error);
    ServerCapacity capacity(snapshot.maxConnections, snapshot.reservedConnections,
                            snapshot.connectionLimitName);
    QStringList poolerLines;
    if (parser.isSet(pooler)) {
        if (bind->url.dialect() != Dialect::PostgreSQL || snapshot.pgbouncer)
            return cli.fail(CliContext::Usage,
                            QStringLiteral("--pooler goes with a PostgreSQL server's URL|NAME"));
        if (!addPooler(cli, parser.value(pooler), bind->url, snapshot, capacity, &poolerLines,
                       &error))
            return cli.fail(CliContext::Failure, error);
    }
    CliContext::waitUntil(
        [&] { return (apps.hasScanned() && apps.allGreeted()) || greeting.hasExpired(); });
    AppOrigins::attach(snapshot, bind->url, apps.processes());
    rules.apply(snapshot);
    QByteArray text = chosen == QLatin1String("json")
                          ? ServerSessionFormat::toJson(snapshot.sessions)
                          : ServerSessionFormat::toTable(snapshot, rules).toUtf8();
    if (chosen != QLatin1String("json")) {
        capacity.addBinds(cli.binds().binds(), bind->url);
        capacity.addApps(apps.processes(), bind->url);
        text += capacityLines(snapshot, capacity, poolerLines);
    }
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    if (parser.isSet(failOnSuspects) && snapshot.suspectCount() > 0)
        return CliContext::Suspects;
    return CliContext::Ok;
}

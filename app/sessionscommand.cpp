#include "app/sessionscommand.h"

#include "app/clicontext.h"
#include "core/apps/appmonitor.h"
#include "core/apps/apporigins.h"
#include "core/apps/servercapacity.h"
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

} // namespace

int SessionsCommand::run(const QStringList &arguments)
{
    CliContext cli(
        QStringLiteral("sessions"),
        QStringLiteral("List the server's sessions and flag the ones that look leaked."));
    QCommandLineParser &parser = cli.parser();
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A database URL or a bind name."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("table or json (default table)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption idleInTransaction(
        QStringLiteral("idle-in-transaction-over"),
        QStringLiteral("Flag sessions idle in a transaction for more than S seconds."),
        QStringLiteral("S"));
    const QCommandLineOption idle(QStringLiteral("idle-over"),
                                  QStringLiteral("Flag sessions idle for more than S seconds."),
                                  QStringLiteral("S"));
    const QCommandLineOption running(
        QStringLiteral("running-over"),
        QStringLiteral("Flag statements running for more than S seconds."), QStringLiteral("S"));
    const QCommandLineOption failOnSuspects(
        QStringLiteral("fail-on-suspects"),
        QStringLiteral("Exit with status 3 when a session is flagged."));
    parser.addOptions({format, idleInTransaction, idle, running, failOnSuspects});
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

    bind->options.poolSize = 1;
    bind->options.maxOverflow = 0;
    // Probed apps (docs/probe.md) greet while the sessions are read.
    AppMonitor apps(nullptr);
    const QDeadlineTimer greeting(AppMonitor::kGreetingWaitMs);
    Engine engine(*bind);
    ServerSessionReader reader;
    ServerSessionSnapshot snapshot;
    if (bind->url.dialect() == Dialect::SQLite) {
        // No server: the processes holding the file, without opening it ourselves.
        snapshot = reader.readSqliteFile(bind->url.database());
    } else {
        Session session(&engine, QStringLiteral("poolscope sessions"));
        bool done = false;
        QString failure;
        QObject::connect(&session, &Session::taskFinished, &session,
                         [&](const QVariant &value, const QString &message) {
                             snapshot = value.value<ServerSessionSnapshot>();
                             failure = message;
                             done = true;
                         });
        session.runTask(reader.task());
        CliContext::waitUntil([&] { return done; });
        session.close();
        CliContext::disposeAndWait(&engine);
        if (!failure.isEmpty())
            return cli.fail(CliContext::Failure, failure);
    }
    if (!snapshot.error.isEmpty())
        return cli.fail(CliContext::Failure, snapshot.error);
    CliContext::waitUntil(
        [&] { return (apps.hasScanned() && apps.allGreeted()) || greeting.hasExpired(); });
    AppOrigins::attach(snapshot, bind->url, apps.processes());
    rules.apply(snapshot);
    QByteArray text = chosen == QLatin1String("json")
                          ? ServerSessionFormat::toJson(snapshot.sessions)
                          : ServerSessionFormat::toTable(snapshot, rules).toUtf8();
    if (chosen != QLatin1String("json") && snapshot.pgbouncer) {
        text += "Capacity: " +
                snapshot.pgbouncer->describeCapacity(int(snapshot.sessions.size())).toUtf8() + '\n';
        const QStringList pools = snapshot.pgbouncer->describePools();
        for (const QString &pool : pools)
            text += "Pool " + pool.toUtf8() + '\n';
    } else if (chosen != QLatin1String("json") && snapshot.maxConnections) {
        ServerCapacity capacity(snapshot.maxConnections, snapshot.reservedConnections,
                                snapshot.connectionLimitName);
        capacity.addBinds(cli.binds().binds(), bind->url);
        capacity.addApps(apps.processes(), bind->url);
        text += "Capacity: " + capacity.describe().toUtf8() + '\n';
    }
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    if (parser.isSet(failOnSuspects) && snapshot.suspectCount() > 0)
        return CliContext::Suspects;
    return CliContext::Ok;
}

#include "app/appscommand.h"

#include "app/clicontext.h"
#include "core/apps/appmonitor.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

constexpr double kDefaultLeakThreshold = 30.0;

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonArray framesJson(const QList<ProbeMessage::Frame> &frames)
{
    QJsonArray array;
    for (const ProbeMessage::Frame &frame : frames)
        array.append(QJsonObject{{QStringLiteral("file"), frame.file},
                                 {QStringLiteral("line"), frame.line},
                                 {QStringLiteral("function"), orNull(frame.function)},
                                 {QStringLiteral("code"), orNull(frame.code)}});
    return array;
}

QString codeOf(const QList<ProbeMessage::Frame> &stack)
{
    return stack.isEmpty() ? QString() : stack.first().location();
}

QJsonObject connectionJson(const ProbeMessage::Connection &connection, double now, double threshold)
{
    QJsonObject object{
        {QStringLiteral("server_id"),
         connection.serverId ? QJsonValue(double(*connection.serverId)) : QJsonValue()},
        {QStringLiteral("state"),
         connection.checkedOut ? QStringLiteral("checked_out") : QStringLiteral("idle")},
        {QStringLiteral("age_seconds"), now - connection.connectedAt},
        {QStringLiteral("held_seconds"),
         connection.checkedOutAt ? QJsonValue(now - *connection.checkedOutAt) : QJsonValue()},
        {QStringLiteral("leaked"), AppProcess::isHeldTooLong(connection, now, threshold)},
        {QStringLiteral("code"), orNull(codeOf(connection.stack))},
        {QStringLiteral("stack"), framesJson(connection.stack)}};
    return object;
}

QJsonObject engineJson(const ProbeMessage::Engine &engine, double now, double threshold)
{
    QJsonArray connections;
    for (const ProbeMessage::Connection &connection : engine.connections)
        connections.append(connectionJson(connection, now, threshold));
    QJsonObject pool{
        {QStringLiteral("class"), engine.poolClass},
        {QStringLiteral("size"), engine.size ? QJsonValue(*engine.size) : QJsonValue()},
        {QStringLiteral("max_overflow"),
         engine.maxOverflow ? QJsonValue(*engine.maxOverflow) : QJsonValue()},
        {QStringLiteral("timeout"), engine.timeout}};
    return {{QStringLiteral("bind"), orNull(engine.bind)},
            {QStringLiteral("url"), engine.url},
            {QStringLiteral("dialect"), engine.dialect},
            {QStringLiteral("pool"), pool},
            {QStringLiteral("status"), engine.status},
            {QStringLiteral("connections"), connections}};
}

QJsonObject processJson(const AppProcess &process, double threshold)
{
    const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    QJsonArray engines;
    for (const ProbeMessage::Engine &engine : process.engines)
        engines.append(engineJson(engine, now, threshold));
    QJsonArray collected;
    for (const AppProcess::Collected &leak : process.collected)
        collected.append(
            QJsonObject{{QStringLiteral("server_id"),
                         leak.serverId ? QJsonValue(double(*leak.serverId)) : QJsonValue()},
                        {QStringLiteral("seconds_ago"), now - leak.time},
                        {QStringLiteral("code"), orNull(codeOf(leak.stack))},
                        {QStringLiteral("stack"), framesJson(leak.stack)}});
    return {{QStringLiteral("pid"), double(process.pid())},
            {QStringLiteral("python"), process.hello.python},
            {QStringLiteral("sqlalchemy"), process.hello.sqlalchemy},
            {QStringLiteral("dropped_messages"), double(process.dropped)},
            {QStringLiteral("unreadable_messages"), double(process.malformed)},
            {QStringLiteral("engines"), engines},
            {QStringLiteral("collected_by_gc"), collected}};
}

QString json(const QList<AppMonitor::App> &apps, double threshold)
{
    QJsonArray array;
    for (const AppMonitor::App &app : apps) {
        QJsonArray processes;
        for (const AppProcess &process : app.processes)
            processes.append(processJson(process, threshold));
        array.append(QJsonObject{{QStringLiteral("program"), app.program},
                                 {QStringLiteral("argv"), QJsonArray::fromStringList(app.argv)},
                                 {QStringLiteral("cwd"), app.cwd},
                                 {QStringLiteral("processes"), processes}});
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("leak_threshold_seconds"), threshold},
                                  {QStringLiteral("apps"), array}})
            .toJson(QJsonDocument::Indented));
}

QString connectionLine(const ProbeMessage::Connection &connection, double now, double threshold)
{
    const QString server = connection.serverId
                               ? QStringLiteral("server id %1").arg(*connection.serverId)
                               : QStringLiteral("no server id");
    if (!connection.checkedOut)
        return QStringLiteral("      %1  idle\n").arg(server);
    const double held = now - connection.checkedOutAt.value_or(now);
    return QStringLiteral("      %1  checked out %2 s%3  %4\n")
        .arg(server, QString::number(held, 'f', 1),
             AppProcess::isHeldTooLong(connection, now, threshold) ? QStringLiteral("  LEAKED")
                                                                   : QString(),
             codeOf(connection.stack));
}

QString table(const QList<AppMonitor::App> &apps, double threshold)
{
    if (apps.isEmpty())
        return QStringLiteral("no probed applications (start one with: python3 -m "
                              "poolscope_probe -- PROGRAM ...)\n");
    const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    QString out;
    for (const AppMonitor::App &app : apps) {
        out += QStringLiteral("%1  (%2)\n").arg(app.title(), app.cwd);
        for (const AppProcess &process : app.processes) {
            out += QStringLiteral("  pid %1  python %2  sqlalchemy %3\n")
                       .arg(process.pid())
                       .arg(process.hello.python, process.hello.sqlalchemy);
            for (const ProbeMessage::Engine &engine : process.engines) {
                out += QStringLiteral("    bind %1  %2  %3\n")
                           .arg(engine.bind.isEmpty() ? QStringLiteral("-") : engine.bind,
                                engine.url, engine.poolClass);
                out += QStringLiteral("      %1\n").arg(engine.status);
                for (const ProbeMessage::Connection &connection : engine.connections)
                    out += connectionLine(connection, now, threshold);
            }
            for (const AppProcess::Collected &leak : process.collected)
                out += QStringLiteral("    collected by the garbage collector, never closed: %1\n")
                           .arg(codeOf(leak.stack));
        }
    }
    return out;
}

} // namespace

int AppsCommand::run(const QStringList &arguments)
{
    CliContext cli(QStringLiteral("apps"),
                   QStringLiteral("The SQLAlchemy applications running with poolscope_probe: "
                                  "their pools, connections and the code holding each."));
    cli.parser().addOption({QStringLiteral("format"), QStringLiteral("table or json."),
                            QStringLiteral("FORMAT"), QStringLiteral("table")});
    cli.parser().addOption(
        {QStringLiteral("leak-threshold"),
         QStringLiteral("Seconds a connection may stay checked out before it is shown as "
                        "leaked (default 30)."),
         QStringLiteral("S"), QString::number(kDefaultLeakThreshold)});
    int exit = CliContext::Ok;
    if (!cli.parse(arguments, &exit))
        return exit;
    const QString format = cli.parser().value(QStringLiteral("format"));
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return cli.fail(CliContext::Usage,
                        QStringLiteral("unknown format '%1' (table or json)").arg(format));
    bool ok = false;
    const double threshold = cli.parser().value(QStringLiteral("leak-threshold")).toDouble(&ok);
    if (!ok || threshold < 0)
        return cli.fail(CliContext::Usage,
                        QStringLiteral("--leak-threshold needs a number of seconds"));
    if (!cli.positional().isEmpty())
        return cli.fail(
            CliContext::Usage,
            QStringLiteral("unexpected argument '%1' (see --help)").arg(cli.positional().first()));

    AppMonitor monitor(nullptr);
    const QDeadlineTimer deadline(AppMonitor::kGreetingWaitMs);
    CliContext::waitUntil(
        [&] { return (monitor.hasScanned() && monitor.allGreeted()) || deadline.hasExpired(); });
    const QList<AppMonitor::App> apps = monitor.apps();
    const QString out =
        format == QLatin1String("json") ? json(apps, threshold) : table(apps, threshold);
    std::fputs(out.toUtf8().constData(), stdout);
    return CliContext::Ok;
}

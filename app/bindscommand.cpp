#include "app/bindscommand.h"

#include "app/clicontext.h"

#include <cstdio>

namespace {

QString options(const PoolOptions &o)
{
    QStringList parts{QStringLiteral("pool_size=%1").arg(o.poolSize),
                      QStringLiteral("max_overflow=%1").arg(o.maxOverflow),
                      QStringLiteral("pool_timeout=%1").arg(o.timeout)};
    const PoolOptions defaults;
    if (o.recycle != defaults.recycle)
        parts << QStringLiteral("pool_recycle=%1").arg(o.recycle);
    if (o.prePing)
        parts << QStringLiteral("pool_pre_ping=True");
    if (o.lifo)
        parts << QStringLiteral("pool_use_lifo=True");
    if (o.leakThreshold > 0)
        parts << QStringLiteral("leak_threshold=%1").arg(o.leakThreshold);
    if (o.readOnly)
        parts << QStringLiteral("read_only=True");
    return parts.join(QLatin1Char(' '));
}

} // namespace

int BindsCommand::run(const QStringList &arguments)
{
    CliContext cli(
        QStringLiteral("binds"),
        QStringLiteral("List the binds that --config, --bind and SQLALCHEMY_DATABASE_URI give, "
                       "passwords shown as ***."));
    int exit = CliContext::Ok;
    if (!cli.parse(arguments, &exit))
        return exit;
    if (!cli.positional().isEmpty())
        return cli.fail(
            CliContext::Usage,
            QStringLiteral("unexpected argument '%1' (see --help)").arg(cli.positional().first()));
    const QList<Bind> &binds = cli.binds().binds();
    if (binds.isEmpty()) {
        cli.warn(QStringLiteral(
            "no binds configured (use --config FILE, --bind NAME=URL or SQLALCHEMY_DATABASE_URI)"));
        return CliContext::Ok;
    }
    int nameWidth = 4, urlWidth = 3;
    for (const Bind &bind : binds) {
        nameWidth = qMax(nameWidth, int(bind.name.size()));
        urlWidth = qMax(urlWidth, int(bind.url.toDisplayString().size()));
    }
    QString out = QStringLiteral("%1  %2  %3  %4\n")
                      .arg(QStringLiteral("NAME").leftJustified(nameWidth),
                           QStringLiteral("URL").leftJustified(urlWidth),
                           QStringLiteral("POOL").leftJustified(0), QStringLiteral("FROM"));
    for (const Bind &bind : binds) {
        out += QStringLiteral("%1  %2  %3  %4\n")
                   .arg(bind.name.leftJustified(nameWidth),
                        bind.url.toDisplayString().leftJustified(urlWidth), options(bind.options),
                        cli.binds().originOf(bind.name));
    }
    std::fputs(qPrintable(out), stdout);
    return CliContext::Ok;
}

#include "app/explaincommand.h"

#include "app/clicontext.h"
#include "core/plan/explaintask.h"
#include "core/plan/planformat.h"
#include "core/sql/statementkind.h"

#include <cstdio>

int ExplainCommand::run(const QStringList &arguments)
{
    CliContext cli(QStringLiteral("explain"),
                   QStringLiteral("Show how the database runs a statement: its plan as a tree, "
                                  "the estimated rows, and with --analyze what happened."));
    QCommandLineParser &parser = cli.parser();
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A database URL or a bind name."));
    parser.addPositionalArgument(QStringLiteral("sql"),
                                 QStringLiteral("The statement to explain."));
    const QCommandLineOption analyze(
        QStringLiteral("analyze"),
        QStringLiteral("Run the statement and show the actual rows and time of each step. It "
                       "runs inside a transaction that is rolled back."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("text or json (default text)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOptions({analyze, format});
    int exit = CliContext::Ok;
    if (!cli.parse(arguments, &exit))
        return exit;
    const QStringList positional = cli.positional();
    if (positional.size() != 2)
        return cli.fail(CliContext::Usage,
                        QStringLiteral("expected URL|NAME and SQL (see --help)"));
    const QString chosen = parser.value(format);
    if (chosen != QLatin1String("text") && chosen != QLatin1String("json"))
        return cli.fail(CliContext::Usage,
                        QStringLiteral("unknown format '%1' (text, json)").arg(chosen));
    QString error;
    auto bind = cli.resolve(positional.at(0), &error);
    if (!bind)
        return cli.fail(CliContext::Usage, error);
    const QString sql = positional.at(1);
    const bool analyzing = parser.isSet(analyze);
    if (analyzing && StatementKind::mayWrite(sql, bind->url.dialect()))
        std::fputs("poolscope explain: the statement may write; it runs inside a transaction "
                   "that is rolled back\n",
                   stderr);
    QString failure;
    const QVariant value = cli.runTask(*bind, ExplainTask::task(sql, analyzing), &failure);
    const QueryPlan plan = value.value<QueryPlan>();
    if (!failure.isEmpty() || !plan.error.isEmpty()) {
        QString message = failure.isEmpty() ? plan.error : failure;
        if (plan.errorPosition >= 0)
            message += QStringLiteral(" (at character %1)").arg(plan.errorPosition + 1);
        return cli.fail(CliContext::Failure, message);
    }
    const QByteArray text =
        chosen == QLatin1String("json") ? PlanFormat::json(plan) : PlanFormat::text(plan).toUtf8();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    return CliContext::Ok;
}

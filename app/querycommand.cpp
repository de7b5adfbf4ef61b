#include "app/querycommand.h"

#include "app/clicontext.h"
#include "core/export/exportformat.h"
#include "core/export/exportoptions.h"
#include "core/export/exportresult.h"
#include "core/export/exporttask.h"

int QueryCommand::run(const QStringList &arguments)
{
    CliContext cli(QStringLiteral("query"),
                   QStringLiteral("Run SQL on a database and write the result (CSV by default)."));
    QCommandLineParser &parser = cli.parser();
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A database URL or a bind name."));
    parser.addPositionalArgument(QStringLiteral("sql"), QStringLiteral("The statement to run."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("csv, tsv, json, jsonl, sql or markdown (default csv)."),
        QStringLiteral("FORMAT"), QStringLiteral("csv"));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral(
            "Write to FILE instead of standard output; FILE appears only when complete."),
        QStringLiteral("FILE"));
    const QCommandLineOption readOnly(
        QStringLiteral("read-only"),
        QStringLiteral("Open the connection read-only (enforced by the server or driver)."));
    const QCommandLineOption table(
        QStringLiteral("table"), QStringLiteral("Table name for --format sql (default exported)."),
        QStringLiteral("NAME"), QStringLiteral("exported"));
    parser.addOptions({format, output, readOnly, table});
    int exit = CliContext::Ok;
    if (!cli.parse(arguments, &exit))
        return exit;
    const QStringList positional = cli.positional();
    if (positional.size() != 2)
        return cli.fail(CliContext::Usage,
                        QStringLiteral("expected URL|NAME and SQL (see --help)"));
    const auto chosen = exportformats::fromName(parser.value(format));
    if (!chosen)
        return cli.fail(CliContext::Usage,
                        QStringLiteral("unknown format '%1' (csv, tsv, json, jsonl, sql, markdown)")
                            .arg(parser.value(format)));

    QString error;
    auto bind = cli.resolve(positional.at(0), &error);
    if (!bind)
        return cli.fail(CliContext::Usage, error);
    if (parser.isSet(readOnly))
        bind->options.readOnly = true;

    ExportOptions options;
    options.format = *chosen;
    options.sqlDialect = bind->url.dialect();
    options.sqlTable = parser.value(table);
    const QString path = parser.isSet(output) ? parser.value(output) : QStringLiteral("-");

    QString taskError;
    const ExportResult result =
        cli.runTask(*bind, ExportTask::make(positional.at(1), options, path), &taskError)
            .value<ExportResult>();
    if (!taskError.isEmpty())
        return cli.fail(CliContext::Failure, taskError);
    if (!result.ok)
        return cli.fail(CliContext::Failure,
                        result.error.isEmpty() ? QStringLiteral("the query failed") : result.error);
    return CliContext::Ok;
}

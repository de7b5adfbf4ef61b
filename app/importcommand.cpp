#include "app/importcommand.h"

#include "app/clicontext.h"
#include "core/import/importtask.h"

#include <cstdio>

int ImportCommand::run(const QStringList &arguments)
{
    CliContext cli(QStringLiteral("import"),
                   QStringLiteral("Import a CSV file into a table, in one transaction: all of "
                                  "it or, on an error or Ctrl+C, none of it."));
    QCommandLineParser &parser = cli.parser();
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A database URL or a bind name."));
    parser.addPositionalArgument(QStringLiteral("table"),
                                 QStringLiteral("The table, as NAME or SCHEMA.NAME."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The CSV file."));
    const QCommandLineOption create(
        QStringLiteral("create"),
        QStringLiteral("Create the table, with column types guessed from the file."));
    const QCommandLineOption delimiter(QStringLiteral("delimiter"),
                                       QStringLiteral("The field delimiter (default ,)."),
                                       QStringLiteral("C"), QStringLiteral(","));
    const QCommandLineOption header(
        QStringLiteral("header"),
        QStringLiteral("The first line names the columns (the default); they are matched to "
                       "the table's by name."));
    const QCommandLineOption noHeader(
        QStringLiteral("no-header"),
        QStringLiteral("Every line is data; fields go to the table's columns in order."));
    const QCommandLineOption null(
        QStringLiteral("null"),
        QStringLiteral("An unquoted field equal to TEXT is NULL (default: an unquoted empty "
                       "field is NULL, \"\" is an empty string)."),
        QStringLiteral("TEXT"));
    parser.addOptions({create, delimiter, header, noHeader, null});
    int exit = CliContext::Ok;
    if (!cli.parse(arguments, &exit))
        return exit;
    const QStringList positional = cli.positional();
    if (positional.size() != 3)
        return cli.fail(CliContext::Usage,
                        QStringLiteral("expected URL|NAME, TABLE and FILE (see --help)"));
    const QString separator = parser.value(delimiter) == QLatin1String("\\t")
                                  ? QStringLiteral("\t")
                                  : parser.value(delimiter);
    if (separator.size() != 1 || separator.at(0).unicode() > 127 ||
        separator == QLatin1String("\"") || separator == QLatin1String("\n"))
        return cli.fail(CliContext::Usage,
                        QStringLiteral("the delimiter must be one ASCII character other than a "
                                       "quote or a line break (\\t for a tab)"));
    if (parser.isSet(header) && parser.isSet(noHeader))
        return cli.fail(CliContext::Usage,
                        QStringLiteral("--header and --no-header exclude each other"));
    QString error;
    auto bind = cli.resolve(positional.at(0), &error);
    if (!bind)
        return cli.fail(CliContext::Usage, error);

    ImportOptions options;
    options.path = positional.at(2);
    options.setQualifiedTable(positional.at(1));
    options.create = parser.isSet(create);
    options.delimiter = char(separator.at(0).unicode());
    options.header = !parser.isSet(noHeader);
    if (parser.isSet(null))
        options.nullText = parser.value(null).toUtf8();

    // Ctrl+C (or TERM) cancels: the import rolls back, the table stays as it was.
    QString failure;
    const QVariant value = cli.runTask(*bind, ImportTask::task(options), &failure, true);
    const ImportResult result = value.value<ImportResult>();
    if (!failure.isEmpty() || !result.ok) {
        if (result.cancelled || failure == QLatin1String("Cancelled"))
            return cli.fail(CliContext::Failure, QStringLiteral("cancelled; nothing was imported"));
        QString message = (failure.isEmpty() ? result.error : failure).trimmed();
        while (message.endsWith(QLatin1Char('.')))
            message.chop(1);
        return cli.fail(CliContext::Failure, message + QStringLiteral("; nothing was imported"));
    }
    if (!result.createdSql.isEmpty())
        std::fprintf(stderr, "poolscope import: %s\n", qPrintable(result.createdSql));
    std::printf("%lld rows imported into %s in %.1f s\n", static_cast<long long>(result.rows),
                qPrintable(options.qualifiedTable()), double(result.elapsedMs) / 1000.0);
    return CliContext::Ok;
}

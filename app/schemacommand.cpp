#include "app/schemacommand.h"

#include "app/clicontext.h"
#include "core/schema/schemajson.h"
#include "core/schema/schemareader.h"
#include "core/schema/schematext.h"

#include <cstdio>

namespace {

QString asTable(const Schema &schema)
{
    QString out;
    for (const SchemaTable &table : schema.tables) {
        const QString name = table.schema.isEmpty() || table.schema == schema.defaultSchema
                                 ? table.name
                                 : table.schema + QLatin1Char('.') + table.name;
        out += (table.isView() ? QStringLiteral("view ") : QStringLiteral("table ")) + name +
               QLatin1Char('\n');
        int width = 0;
        for (const SchemaColumn &column : table.columns)
            width = qMax(width, int(column.name.size()));
        for (const SchemaColumn &column : table.columns)
            out += QStringLiteral("  %1  %2\n")
                       .arg(column.name.leftJustified(width), schematext::columnSummary(column));
        for (const SchemaIndex &index : table.indexes) {
            out += QStringLiteral("  index %1 %2\n")
                       .arg(index.name.isEmpty() ? QStringLiteral("(unnamed)") : index.name,
                            schematext::indexSummary(index));
        }
        for (const SchemaForeignKey &key : table.foreignKeys)
            out += QStringLiteral("  foreign key %1\n")
                       .arg(schematext::foreignKeySummary(key, table.schema));
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

int SchemaCommand::run(const QStringList &arguments)
{
    CliContext cli(
        QStringLiteral("schema"),
        QStringLiteral("Show the tables, views, columns, indexes and foreign keys of a database."));
    QCommandLineParser &parser = cli.parser();
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A database URL or a bind name."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("table or json (default table)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    parser.addOption(format);
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
    auto bind = cli.resolve(cli.positional().first(), &error);
    if (!bind)
        return cli.fail(CliContext::Usage, error);
    QString failure;
    const QVariant value = cli.runTask(*bind, SchemaReader::task(), &failure);
    if (!failure.isEmpty())
        return cli.fail(CliContext::Failure, failure);
    if (value.metaType() != QMetaType::fromType<Schema>())
        return cli.fail(CliContext::Failure, value.toString().isEmpty()
                                                 ? QStringLiteral("reading the schema failed")
                                                 : value.toString());
    const Schema schema = value.value<Schema>();
    const QByteArray text =
        chosen == QLatin1String("json") ? SchemaJson::toJson(schema) : asTable(schema).toUtf8();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    return CliContext::Ok;
}

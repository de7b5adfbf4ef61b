#include "app/appscommand.h"
#include "app/bindscommand.h"
#include "app/explaincommand.h"
#include "app/guiloader.h"
#include "app/importcommand.h"
#include "app/querycommand.h"
#include "app/schemacommand.h"
#include "app/sessionscommand.h"

#include <QCoreApplication>
#include <QStringList>

#include "i18n/translations.h"
#include <csignal>
#include <cstdio>
#include <cstring>

namespace {

const char *const kHelp =
    "Usage: poolscope [OPTION]...\n"
    "  or:  poolscope COMMAND [ARGUMENT]... [OPTION]...\n"
    "A desktop database inspector for SQLite, PostgreSQL and MySQL/MariaDB that shows\n"
    "engines, pools and live sessions per bind, as SQLAlchemy names them.\n"
    "\n"
    "Without a command, opens the window:\n"
    "      --demo               open the bundled demo shop database\n"
    "      --bind NAME=URL      add a bind (repeatable)\n"
    "      --config FILE        read binds from a JSON bind file, a .env file or a\n"
    "                           Flask config.py (read as literals, never run)\n"
    "      --lang LANG          language of the window: en or zh_CN (default: the\n"
    "                           system's, from LC_ALL, LC_MESSAGES or LANG)\n"
    "  -h, --help               display this help and exit\n"
    "  -v, --version            output version information and exit\n"
    "\n"
    "Commands:\n"
    "  query URL|NAME SQL       run SQL and write the result (--format csv|tsv|json|\n"
    "                           jsonl|sql|markdown, -o FILE, --read-only)\n"
    "  sessions URL|NAME        the server's sessions and the leaked-looking ones;\n"
    "                           PgBouncer's clients for a URL to its pgbouncer\n"
    "                           database (--format table|json,\n"
    "                           --idle-in-transaction-over S, --idle-over S,\n"
    "                           --running-over S, --fail-on-suspects)\n"
    "  schema URL|NAME          tables, views, columns, indexes, foreign keys\n"
    "                           (--format table|json)\n"
    "  import URL|NAME TABLE FILE\n"
    "                           load a CSV file into a table in one transaction\n"
    "                           (--create, --delimiter C, --no-header, --null TEXT)\n"
    "  explain URL|NAME SQL     the statement's plan as a tree (--analyze runs it\n"
    "                           in a transaction that is rolled back;\n"
    "                           --format text|json)\n"
    "  binds                    list the binds of --config, --bind and\n"
    "                           SQLALCHEMY_DATABASE_URI\n"
    "  apps                     the SQLAlchemy apps running with poolscope_probe:\n"
    "                           pools, connections and the code holding each\n"
    "                           (--format table|json, --leak-threshold S)\n"
    "\n"
    "URL is a SQLAlchemy URL such as postgresql://user:password@host/db or\n"
    "sqlite:///file.db; passwords are always shown as ***. `poolscope COMMAND --help`\n"
    "describes a command.\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 connection or SQL error, 3 suspects found\n"
    "with --fail-on-suspects.\n"
    "\n"
    "Report bugs to: <" POOLSCOPE_HOMEPAGE "/issues>\n"
    "poolscope home page: <" POOLSCOPE_HOMEPAGE ">\n";

// GNU's --version layout: name and version, then copyright, license, warranty.
const char *const kVersion =
    "poolscope " POOLSCOPE_VERSION "\n"
    "Copyright (C) 2026 the poolscope authors.\n"
    "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
    "This is free software: you are free to change and redistribute it.\n"
    "There is NO WARRANTY, to the extent permitted by law.\n";

QtMessageHandler g_defaultHandler = nullptr;

// Qt's PostgreSQL driver warns of server versions it does not know, and
// PgBouncer's admin console reports its own version: noise in a command's
// output, not news.
void quietDriverMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg &&
        message == QLatin1String("This version of PostgreSQL is not supported and may not work."))
        return;
    g_defaultHandler(type, context, message);
}

int runCommand(int (*command)(const QStringList &), int argc, char *argv[])
{
    g_defaultHandler = qInstallMessageHandler(quietDriverMessages);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("poolscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POOLSCOPE_VERSION));
    Translations::installPlurals(&app);
    return command(QCoreApplication::arguments().mid(2));
}

} // namespace

int main(int argc, char *argv[])
{
    // Past a file-size limit (ulimit -f) a write must fail with EFBIG, which
    // an export reports and cleans up after, not kill the program.
    std::signal(SIGXFSZ, SIG_IGN);
    if (argc > 1) {
        const char *first = argv[1];
        if (std::strcmp(first, "query") == 0)
            return runCommand(&QueryCommand::run, argc, argv);
        if (std::strcmp(first, "import") == 0)
            return runCommand(&ImportCommand::run, argc, argv);
        if (std::strcmp(first, "explain") == 0)
            return runCommand(&ExplainCommand::run, argc, argv);
        if (std::strcmp(first, "schema") == 0)
            return runCommand(&SchemaCommand::run, argc, argv);
        if (std::strcmp(first, "sessions") == 0)
            return runCommand(&SessionsCommand::run, argc, argv);
        if (std::strcmp(first, "binds") == 0)
            return runCommand(&BindsCommand::run, argc, argv);
        if (std::strcmp(first, "apps") == 0)
            return runCommand(&AppsCommand::run, argc, argv);
        // Help and version need no display.
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
                std::fputs(kHelp, stdout);
                return 0;
            }
            if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
                std::fputs(kVersion, stdout);
                return 0;
            }
        }
        if (first[0] != '-') {
            std::fprintf(
                stderr,
                "poolscope: unknown command '%s'\nTry 'poolscope --help' for more information.\n",
                first);
            return 1;
        }
    }
    return GuiLoader::run(argc, argv);
}

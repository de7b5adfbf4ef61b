#include "app/bindscommand.h"
#include "app/guimain.h"
#include "app/querycommand.h"
#include "app/schemacommand.h"
#include "app/sessionscommand.h"

#include <QCoreApplication>
#include <QStringList>

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
    "  -h, --help               display this help and exit\n"
    "  -v, --version            output version information and exit\n"
    "\n"
    "Commands:\n"
    "  query URL|NAME SQL       run SQL, write the result (--format csv|tsv|json|jsonl|\n"
    "                           sql|markdown, -o FILE, --read-only)\n"
    "  sessions URL|NAME        the server's sessions and the leaked-looking ones\n"
    "                           (--format table|json, --idle-in-transaction-over S,\n"
    "                           --idle-over S, --running-over S, --fail-on-suspects)\n"
    "  schema URL|NAME          tables, views, columns, indexes, foreign keys\n"
    "                           (--format table|json)\n"
    "  binds                    list the binds of --config/--bind/SQLALCHEMY_DATABASE_URI\n"
    "\n"
    "URL is a SQLAlchemy URL such as postgresql://user:password@host/db or\n"
    "sqlite:///file.db; passwords are always shown as ***. `poolscope COMMAND --help`\n"
    "describes a command.\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 connection or SQL error, 3 suspects found\n"
    "with --fail-on-suspects.\n";

int runCommand(int (*command)(const QStringList &), int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("poolscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POOLSCOPE_VERSION));
    return command(QCoreApplication::arguments().mid(2));
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc > 1) {
        const char *first = argv[1];
        if (std::strcmp(first, "query") == 0)
            return runCommand(&QueryCommand::run, argc, argv);
        if (std::strcmp(first, "schema") == 0)
            return runCommand(&SchemaCommand::run, argc, argv);
        if (std::strcmp(first, "sessions") == 0)
            return runCommand(&SessionsCommand::run, argc, argv);
        if (std::strcmp(first, "binds") == 0)
            return runCommand(&BindsCommand::run, argc, argv);
        // Help and version need no display.
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
                std::fputs(kHelp, stdout);
                return 0;
            }
            if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
                std::printf("poolscope %s\n", POOLSCOPE_VERSION);
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
    return runGui(argc, argv);
}

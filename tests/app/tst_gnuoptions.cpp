// --help and --version as the GNU coding standards lay them out, for the
// program and each sub-command: what help2man, packagers and scripts expect.
#include "tests/support/testsupport.h"

#include <QProcessEnvironment>
#include <QTest>

class TestGnuOptions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version_data();
    void version();
    void help_data();
    void help();
    void commandHelp_data();
    void commandHelp();

private:
    using Outcome = testsupport::ProgramRun;
    static Outcome poolscope(const QStringList &arguments);
    static void verifyBugReportFooter(const QByteArray &help);
};

TestGnuOptions::Outcome TestGnuOptions::poolscope(const QStringList &arguments)
{
    // No display at all: help and version must never start the GUI.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    return testsupport::runProgram(QStringLiteral(POOLSCOPE_BINARY), arguments, environment);
}

void TestGnuOptions::verifyBugReportFooter(const QByteArray &help)
{
    const QByteArray homepage(POOLSCOPE_HOMEPAGE);
    QVERIFY2(homepage.startsWith("https://"), homepage.constData());
    const QByteArray footer = "\n\nReport bugs to: <" + homepage + "/issues>\n" +
                              "poolscope home page: <" + homepage + ">\n";
    QVERIFY2(help.endsWith(footer), help.right(200).constData());
}

void TestGnuOptions::version_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--version") << QStringLiteral("--version");
    QTest::newRow("-v") << QStringLiteral("-v");
}

void TestGnuOptions::version()
{
    QFETCH(QString, option);
    const Outcome outcome = poolscope({option});
    QCOMPARE(outcome.exit, 0);
    QCOMPARE(outcome.err, QByteArray());
    const QList<QByteArray> lines = outcome.out.split('\n');
    QVERIFY2(lines.size() >= 5, outcome.out.constData());
    // Program name and version alone on the first line, for tools that parse it.
    QCOMPARE(lines.at(0), QByteArray("poolscope " POOLSCOPE_VERSION));
    QVERIFY2(lines.at(1).startsWith("Copyright (C) 20"), lines.at(1).constData());
    QVERIFY2(lines.at(2).startsWith("License "), lines.at(2).constData());
    QVERIFY(outcome.out.contains("\nThere is NO WARRANTY, to the extent permitted by law.\n"));
    QVERIFY(outcome.out.endsWith('\n'));
}

void TestGnuOptions::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
    // --help wins over the options that would open the window.
    QTest::newRow("--demo --help")
        << QStringList{QStringLiteral("--demo"), QStringLiteral("--help")};
}

void TestGnuOptions::help()
{
    QFETCH(QStringList, arguments);
    const Outcome outcome = poolscope(arguments);
    QCOMPARE(outcome.exit, 0);
    QCOMPARE(outcome.err, QByteArray());
    QVERIFY2(outcome.out.startsWith("Usage: poolscope [OPTION]...\n"), outcome.out.constData());
    for (const char *expected :
         {"  -h, --help ", "  -v, --version ", "\n  query URL|NAME SQL ", "\n  sessions URL|NAME ",
          "\n  schema URL|NAME ", "\n  binds ", "\nExit status: "})
        QVERIFY2(outcome.out.contains(expected), expected);
    verifyBugReportFooter(outcome.out);
    for (const QByteArray &line : outcome.out.split('\n'))
        QVERIFY2(line.size() <= 80, line.constData());
}

void TestGnuOptions::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char *command : {"query", "sessions", "schema", "binds"})
        QTest::newRow(command) << QString::fromLatin1(command);
}

void TestGnuOptions::commandHelp()
{
    QFETCH(QString, command);
    const Outcome outcome = poolscope({command, QStringLiteral("--help")});
    QCOMPARE(outcome.exit, 0);
    QCOMPARE(outcome.err, QByteArray());
    // Named as people type it, not by the path the binary was started from.
    const QByteArray usage = "Usage: poolscope " + command.toLatin1() + " [options]";
    QVERIFY2(outcome.out.startsWith(usage), outcome.out.left(200).constData());
    QVERIFY(outcome.out.contains("  -h, --help "));
    QVERIFY(outcome.out.contains("  --config <FILE> "));
    verifyBugReportFooter(outcome.out);
}

QTEST_GUILESS_MAIN(TestGnuOptions)
#include "tst_gnuoptions.moc"

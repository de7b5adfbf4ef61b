// Statement splitting as the databases' own clients do it.
#include "core/sql/dialect.h"
#include "core/sql/sqlsplitter.h"

#include <QTest>

class TestSqlSplitter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void statementAt();
    void neverLoops();
    void qualifiedNamesSkipOnlyTheDefaultSchema();
};

void TestSqlSplitter::split_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("statements");
    const int lite = int(Dialect::SQLite), pg = int(Dialect::PostgreSQL), my = int(Dialect::MySQL);

    QTest::newRow("two") << lite << "select 1; select 2;" << QStringList{"select 1", "select 2"};
    QTest::newRow("no final ;") << pg << "select 1;\nselect 2"
                                << QStringList{"select 1", "select 2"};
    QTest::newRow("empty parts") << pg << " ; ;select 1;;  " << QStringList{"select 1"};
    QTest::newRow("quote ;") << pg << "select 'a;b'; select 2"
                             << QStringList{"select 'a;b'", "select 2"};
    QTest::newRow("doubled quote")
        << pg << "select 'it''s;'; x" << QStringList{"select 'it''s;'", "x"};
    QTest::newRow("identifier ;") << pg << "select \"a;b\" from t; y"
                                  << QStringList{"select \"a;b\" from t", "y"};
    QTest::newRow("backtick") << my << "select `a;b` from t; y"
                              << QStringList{"select `a;b` from t", "y"};
    QTest::newRow("mysql backslash")
        << my << "select 'a\\';b'; y" << QStringList{"select 'a\\';b'", "y"};
    QTest::newRow("pg no backslash")
        << pg << "select 'a\\'; select 2" << QStringList{"select 'a\\'", "select 2"};
    QTest::newRow("pg E string") << pg << "select E'a\\';b'; y"
                                 << QStringList{"select E'a\\';b'", "y"};
    QTest::newRow("line comment") << pg << "-- hi; there\nselect 1; -- tail;\nselect 2"
                                  << QStringList{"select 1", "select 2"};
    QTest::newRow("block comment") << lite << "/* a; b */ select /* ; */ 1; select 2"
                                   << QStringList{"select /* ; */ 1", "select 2"};
    QTest::newRow("hash comment mysql") << my << "# a;b\nselect 1;" << QStringList{"select 1"};
    QTest::newRow("dollar quote")
        << pg << "create function f() returns int as $$ select 1; $$ language sql; select 2"
        << QStringList{"create function f() returns int as $$ select 1; $$ language sql",
                       "select 2"};
    QTest::newRow("tagged dollar") << pg << "do $body$ begin perform 1; end $body$; x"
                                   << QStringList{"do $body$ begin perform 1; end $body$", "x"};
    QTest::newRow("positional param")
        << pg << "select $1; select 2" << QStringList{"select $1", "select 2"};
    QTest::newRow("sqlite trigger")
        << lite
        << "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; INSERT INTO c VALUES "
           "(CASE WHEN 1 THEN 2 END); END; select 1"
        << QStringList{"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; INSERT INTO c "
                       "VALUES (CASE WHEN 1 THEN 2 END); END",
                       "select 1"};
    QTest::newRow("begin transaction")
        << lite << "BEGIN; insert into t values (1); COMMIT;"
        << QStringList{"BEGIN", "insert into t values (1)", "COMMIT"};
    QTest::newRow("mysql delimiter")
        << my
        << "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER "
           ";\nselect 3;"
        << QStringList{"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "select 3"};
    QTest::newRow("unterminated quote")
        << pg << "select 'abc; select 2" << QStringList{"select 'abc; select 2"};
    QTest::newRow("unicode") << pg << "select '漢字;🙂'; select 'ä'"
                             << QStringList{"select '漢字;🙂'", "select 'ä'"};
}

void TestSqlSplitter::split()
{
    QFETCH(int, dialect);
    QFETCH(QString, sql);
    QFETCH(QStringList, statements);
    const auto parts = SqlSplitter(static_cast<Dialect>(dialect)).split(sql);
    QStringList texts;
    for (const auto &part : parts) {
        texts << part.text;
        QCOMPARE(sql.mid(part.start, part.end - part.start), part.text);
    }
    QCOMPARE(texts, statements);
}

void TestSqlSplitter::statementAt()
{
    const QString sql = QStringLiteral("select 1;\n\nselect 2\n  from t;  \nselect 3;");
    const SqlSplitter splitter(Dialect::SQLite);
    QCOMPARE(splitter.statementAt(sql, 3).text, QStringLiteral("select 1"));
    QCOMPARE(splitter.statementAt(sql, 9).text, QStringLiteral("select 1")); // just after ';'
    QCOMPARE(splitter.statementAt(sql, int(sql.indexOf(QLatin1String("from")))).text,
             QStringLiteral("select 2\n  from t"));
    QCOMPARE(splitter.statementAt(sql, int(sql.indexOf(QLatin1String("t;  ")) + 4)).text,
             QStringLiteral("select 2\n  from t"));
    QCOMPARE(splitter.statementAt(sql, int(sql.size())).text, QStringLiteral("select 3"));
    QCOMPARE(splitter.statementAt(QStringLiteral("   "), 1).text, QString());
    // On the blank line between two statements: none.
    QCOMPARE(splitter.statementAt(sql, 10).text, QString());

    // A comment right above a statement belongs to it; a blank line cuts it off.
    const QString commented = QStringLiteral(
        "-- the shop\nselect 1;\n-- note\n\nselect 2; -- tail\n/* a\n b */ select 3");
    QCOMPARE(splitter.statementAt(commented, 0).text, QStringLiteral("select 1"));
    QCOMPARE(splitter.statementAt(commented, 5).text, QStringLiteral("select 1"));
    QCOMPARE(splitter.statementAt(commented, int(commented.indexOf(QLatin1String("note")))).text,
             QString());
    QCOMPARE(splitter.statementAt(commented, int(commented.indexOf(QLatin1String("tail")))).text,
             QStringLiteral("select 2"));
    QCOMPARE(splitter.statementAt(commented, int(commented.indexOf(QLatin1String("/* a")))).text,
             QStringLiteral("select 3"));
}

void TestSqlSplitter::neverLoops()
{
    // Odd input ends quickly and gives back no more text than it got.
    const QStringList odd = {QStringLiteral("$"),
                             QStringLiteral("$$"),
                             QStringLiteral("$a"),
                             QStringLiteral("'"),
                             QStringLiteral("/*"),
                             QStringLiteral("--"),
                             QStringLiteral("DELIMITER"),
                             QStringLiteral("DELIMITER \n;"),
                             QString(10000, QLatin1Char(';')),
                             QStringLiteral("E'"),
                             QStringLiteral("`")};
    for (const QString &text : odd) {
        for (Dialect dialect : {Dialect::SQLite, Dialect::PostgreSQL, Dialect::MySQL}) {
            const auto parts = SqlSplitter(dialect).split(text);
            for (const auto &part : parts)
                QVERIFY(part.text.size() <= text.size());
        }
    }
}

// The names "Browse table" writes into SQL (dialects::qualifiedName).
void TestSqlSplitter::qualifiedNamesSkipOnlyTheDefaultSchema()
{
    QCOMPARE(dialects::qualifiedName(Dialect::SQLite, QStringLiteral("main"), QStringLiteral("t")),
             QStringLiteral("\"t\""));
    QCOMPARE(dialects::qualifiedName(Dialect::SQLite, QStringLiteral("aux"), QStringLiteral("t")),
             QStringLiteral("\"aux\".\"t\""));
    QCOMPARE(
        dialects::qualifiedName(Dialect::PostgreSQL, QStringLiteral("public"), QStringLiteral("t")),
        QStringLiteral("\"t\""));
    QCOMPARE(dialects::qualifiedName(Dialect::PostgreSQL, QStringLiteral("main"),
                                     QStringLiteral("o\"dd")),
             QStringLiteral("\"main\".\"o\"\"dd\""));
    // A MySQL schema is a database: always named, even one called "public".
    QCOMPARE(dialects::qualifiedName(Dialect::MySQL, QStringLiteral("public"), QStringLiteral("t")),
             QStringLiteral("`public`.`t`"));
    QCOMPARE(dialects::qualifiedName(Dialect::MySQL, QString(), QStringLiteral("t")),
             QStringLiteral("`t`"));
}

QTEST_GUILESS_MAIN(TestSqlSplitter)
#include "tst_sqlsplitter.moc"

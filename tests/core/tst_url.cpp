// SQLAlchemy URL parsing and rendering, table-driven.
#include "core/config/url.h"

#include <QTest>

class TestUrl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void good_data();
    void good();
    void bad_data();
    void bad();
    void components();
    void passwordNeverInErrors();
    void redact_data();
    void redact();
};

void TestUrl::good_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("rendered");     // render(), password hidden
    QTest::addColumn<QString>("renderedFull"); // render(false)
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("database");

    const int lite = int(Dialect::SQLite), pg = int(Dialect::PostgreSQL), my = int(Dialect::MySQL);
    QTest::newRow("sqlite memory") << "sqlite://"
                                   << "sqlite://"
                                   << "sqlite://" << lite << "";
    QTest::newRow("sqlite memory named") << "sqlite:///:memory:"
                                         << "sqlite:///:memory:"
                                         << "sqlite:///:memory:" << lite << ":memory:";
    QTest::newRow("sqlite relative") << "sqlite:///app.db"
                                     << "sqlite:///app.db"
                                     << "sqlite:///app.db" << lite << "app.db";
    QTest::newRow("sqlite relative folder")
        << "sqlite:///instance/app.db"
        << "sqlite:///instance/app.db"
        << "sqlite:///instance/app.db" << lite << "instance/app.db";
    QTest::newRow("sqlite absolute") << "sqlite:////var/lib/app.db"
                                     << "sqlite:////var/lib/app.db"
                                     << "sqlite:////var/lib/app.db" << lite << "/var/lib/app.db";
    QTest::newRow("sqlite pysqlite") << "sqlite+pysqlite:///x.db"
                                     << "sqlite+pysqlite:///x.db"
                                     << "sqlite+pysqlite:///x.db" << lite << "x.db";
    QTest::newRow("sqlite options") << "sqlite:///x.db?mode=ro&uri=true"
                                    << "sqlite:///x.db?mode=ro&uri=true"
                                    << "sqlite:///x.db?mode=ro&uri=true" << lite << "x.db";
    QTest::newRow("sqlite trailing spaces") << "  sqlite:///x.db \n"
                                            << "sqlite:///x.db"
                                            << "sqlite:///x.db" << lite << "x.db";
    QTest::newRow("postgresql") << "postgresql://scott:tiger@localhost:5432/mydb"
                                << "postgresql://scott:***@localhost:5432/mydb"
                                << "postgresql://scott:tiger@localhost:5432/mydb" << pg << "mydb";
    QTest::newRow("psycopg2") << "postgresql+psycopg2://scott:tiger@db.example.com/mydb"
                              << "postgresql+psycopg2://scott:***@db.example.com/mydb"
                              << "postgresql+psycopg2://scott:tiger@db.example.com/mydb" << pg
                              << "mydb";
    QTest::newRow("psycopg 3") << "postgresql+psycopg://u@h/d"
                               << "postgresql+psycopg://u@h/d"
                               << "postgresql+psycopg://u@h/d" << pg << "d";
    QTest::newRow("pg8000") << "postgresql+pg8000://u:p@h:1/d"
                            << "postgresql+pg8000://u:***@h:1/d"
                            << "postgresql+pg8000://u:p@h:1/d" << pg << "d";
    QTest::newRow("no user") << "postgresql://localhost/mydb"
                             << "postgresql://localhost/mydb"
                             << "postgresql://localhost/mydb" << pg << "mydb";
    QTest::newRow("socket default") << "postgresql:///mydb"
                                    << "postgresql:///mydb"
                                    << "postgresql:///mydb" << pg << "mydb";
    QTest::newRow("no database") << "postgresql://u:p@h"
                                 << "postgresql://u:***@h"
                                 << "postgresql://u:p@h" << pg << "";
    QTest::newRow("empty password") << "postgresql://u:@h/d"
                                    << "postgresql://u:***@h/d"
                                    << "postgresql://u:@h/d" << pg << "d";
    QTest::newRow("escaped @ in password") << "postgresql://u:p%40ss@h/d"
                                           << "postgresql://u:***@h/d"
                                           << "postgresql://u:p%40ss@h/d" << pg << "d";
    QTest::newRow("escaped : / in password") << "postgresql://u:a%3Ab%2Fc@h/d"
                                             << "postgresql://u:***@h/d"
                                             << "postgresql://u:a%3Ab%2Fc@h/d" << pg << "d";
    QTest::newRow("escaped user") << "postgresql://us%40er:p@h/d"
                                  << "postgresql://us%40er:***@h/d"
                                  << "postgresql://us%40er:p@h/d" << pg << "d";
    QTest::newRow("unicode password") << "postgresql://u:p%C3%A4ss@h/d"
                                      << "postgresql://u:***@h/d"
                                      << "postgresql://u:p%C3%A4ss@h/d" << pg << "d";
    QTest::newRow("plus and space kept") << "postgresql://u:a+b%20c@h/d"
                                         << "postgresql://u:***@h/d"
                                         << "postgresql://u:a+b c@h/d" << pg << "d";
    QTest::newRow("ipv6") << "postgresql://u:p@[::1]:5432/d"
                          << "postgresql://u:***@[::1]:5432/d"
                          << "postgresql://u:p@[::1]:5432/d" << pg << "d";
    QTest::newRow("ipv6 blanks in brackets") << "postgresql://u@[ ::1 ]"
                                             << "postgresql://u@[::1]"
                                             << "postgresql://u@[::1]" << pg << "";
    QTest::newRow("ipv6 no port") << "postgresql://[2001:db8::7]/d"
                                  << "postgresql://[2001:db8::7]/d"
                                  << "postgresql://[2001:db8::7]/d" << pg << "d";
    QTest::newRow("options sorted")
        << "postgresql://h/d?sslmode=require&application_name=web%20app"
        << "postgresql://h/d?application_name=web+app&sslmode=require"
        << "postgresql://h/d?application_name=web+app&sslmode=require" << pg << "d";
    QTest::newRow("password option hidden") << "postgresql://h/d?password=secret"
                                            << "postgresql://h/d?password=***"
                                            << "postgresql://h/d?password=secret" << pg << "d";
    QTest::newRow("mysql") << "mysql://root:pw@127.0.0.1:3306/shop"
                           << "mysql://root:***@127.0.0.1:3306/shop"
                           << "mysql://root:pw@127.0.0.1:3306/shop" << my << "shop";
    QTest::newRow("mysql pymysql") << "mysql+pymysql://u:p@h/d?charset=utf8mb4"
                                   << "mysql+pymysql://u:***@h/d?charset=utf8mb4"
                                   << "mysql+pymysql://u:p@h/d?charset=utf8mb4" << my << "d";
    QTest::newRow("mysqldb") << "mysql+mysqldb://u@h/d"
                             << "mysql+mysqldb://u@h/d"
                             << "mysql+mysqldb://u@h/d" << my << "d";
    QTest::newRow("mariadb") << "mariadb://u:p@h/d"
                             << "mariadb://u:***@h/d"
                             << "mariadb://u:p@h/d" << my << "d";
    QTest::newRow("mariadb connector") << "mariadb+mariadbconnector://u:p@h:3307/d"
                                       << "mariadb+mariadbconnector://u:***@h:3307/d"
                                       << "mariadb+mariadbconnector://u:p@h:3307/d" << my << "d";
    QTest::newRow("upper-case scheme") << "PostgreSQL://h/d"
                                       << "postgresql://h/d"
                                       << "postgresql://h/d" << pg << "d";
    QTest::newRow("unix socket option")
        << "mysql://u@/d?unix_socket=/run/mysqld/mysqld.sock"
        << "mysql://u@/d?unix_socket=%2Frun%2Fmysqld%2Fmysqld.sock"
        << "mysql://u@/d?unix_socket=%2Frun%2Fmysqld%2Fmysqld.sock" << my << "d";
    QTest::newRow("repeated option") << "postgresql://h/d?a=2&a=1"
                                     << "postgresql://h/d?a=2&a=1"
                                     << "postgresql://h/d?a=2&a=1" << pg << "d";
    QTest::newRow("? in password") << "postgresql://u:sec?ret@h/d?sslmode=require"
                                   << "postgresql://u:***@h/d?sslmode=require"
                                   << "postgresql://u:sec%3Fret@h/d?sslmode=require" << pg << "d";
    QTest::newRow("blanks before options") << "postgresql://h/d \t?sslmode=require"
                                           << "postgresql://h/d?sslmode=require"
                                           << "postgresql://h/d?sslmode=require" << pg << "d";
    QTest::newRow("port max") << "postgresql://h:65535/d"
                              << "postgresql://h:65535/d"
                              << "postgresql://h:65535/d" << pg << "d";
}

void TestUrl::good()
{
    QFETCH(QString, text);
    QFETCH(QString, rendered);
    QFETCH(QString, renderedFull);
    QFETCH(int, dialect);
    QFETCH(QString, database);
    QString error;
    const auto url = Url::parse(text, &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->render(), rendered);
    QCOMPARE(url->toDisplayString(), rendered);
    QCOMPARE(url->render(false), renderedFull);
    QCOMPARE(int(url->dialect()), dialect);
    QCOMPARE(url->database(), database);
    // What render(false) gives parses back to the same URL.
    const auto again = Url::parse(url->render(false), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->render(false), renderedFull);
}

void TestUrl::bad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");

    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("blank") << "   "
                           << "empty";
    QTest::newRow("no scheme") << "localhost/db"
                               << "'://' is missing";
    QTest::newRow("single slash") << "postgresql:/h/d"
                                  << "'://' is missing";
    QTest::newRow("postgres alias") << "postgres://u:p@h/d"
                                    << "spelled 'postgresql'";
    QTest::newRow("unsupported dialect") << "oracle://u:p@h/d"
                                         << "unsupported dialect 'oracle'";
    QTest::newRow("mssql") << "mssql+pyodbc://u:p@dsn"
                           << "unsupported dialect 'mssql'";
    QTest::newRow("unknown driver") << "postgresql+nope://h/d"
                                    << "unknown driver 'nope'";
    QTest::newRow("bad scheme chars") << "post-gres://h/d"
                                      << "dialect[+driver]";
    QTest::newRow("two drivers") << "postgresql+a+b://h/d"
                                 << "dialect[+driver]";
    QTest::newRow("port not number") << "postgresql://h:abc/d"
                                     << "is not a port number";
    // "user:password" without "@host" reads as host:port: not shown.
    QTest::newRow("forgotten @host") << "postgresql://app:s3cret/db"
                                     << "'postgresql://app:***/db': what follows";
    QTest::newRow("forgotten @host, ipv6") << "postgresql://[::1]:s3cret"
                                           << "'postgresql://[::1]:***'";
    QTest::newRow("port empty") << "postgresql://h:/d"
                                << "port after ':' is empty";
    QTest::newRow("port zero") << "postgresql://h:0/d"
                               << "outside 1-65535";
    QTest::newRow("port too big") << "postgresql://h:70000/d"
                                  << "outside 1-65535";
    QTest::newRow("port negative") << "postgresql://h:-5/d"
                                   << "not a port number";
    QTest::newRow("raw @ in password") << "postgresql://u:p@ss@h/d"
                                       << "%40";
    QTest::newRow("ipv6 unclosed") << "postgresql://[::1/d"
                                   << "no closing ']'";
    QTest::newRow("ipv6 unbracketed") << "postgresql://::1]/d"
                                      << "brackets";
    QTest::newRow("ipv6 nested [") << "postgresql://[[::1]/d"
                                   << "holds another '['";
    QTest::newRow("ipv6 junk after") << "postgresql://[::1]x/d"
                                     << "unexpected 'x'";
    QTest::newRow("broken escape password") << "postgresql://u:p%zz@h/d"
                                            << "broken %-escape";
    QTest::newRow("broken escape user") << "postgresql://u%2@h/d"
                                        << "broken %-escape";
    QTest::newRow("option without value") << "postgresql://h/d?sslmode"
                                          << "key=value";
    QTest::newRow("sqlite with host") << "sqlite://localhost/x.db"
                                      << "no user, host or port";
    QTest::newRow("sqlite with user") << "sqlite://u:p@/x.db"
                                      << "no user, host or port";
    QTest::newRow("database with slash") << "postgresql://h/a/b"
                                         << "contains '/'";
}

void TestUrl::bad()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    QString error;
    QVERIFY(!Url::parse(text, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
    // Every message shows the valid form.
    QVERIFY2(error.contains(QLatin1String("dialect[+driver]://user:password@host:port/database")),
             qPrintable(error));
}

void TestUrl::components()
{
    const auto url = Url::parse(QStringLiteral(
        "postgresql+psycopg2://sc%3Aott:ti%40ger@[fe80::1]:6543/app?sslmode=disable"));
    QVERIFY(url);
    QCOMPARE(url->backend(), QStringLiteral("postgresql"));
    QCOMPARE(url->driver(), QStringLiteral("psycopg2"));
    QCOMPARE(url->drivername(), QStringLiteral("postgresql+psycopg2"));
    QCOMPARE(url->username(), QStringLiteral("sc:ott"));
    QCOMPARE(url->password(), QStringLiteral("ti@ger"));
    QCOMPARE(url->host(), QStringLiteral("fe80::1"));
    QCOMPARE(url->port(), 6543);
    QCOMPARE(url->database(), QStringLiteral("app"));
    QCOMPARE(url->option(QStringLiteral("sslmode")), QStringLiteral("disable"));
    QVERIFY(!url->isSqliteMemory());
    QVERIFY(Url::parse(QStringLiteral("sqlite://"))->isSqliteMemory());
    QVERIFY(Url::parse(QStringLiteral("sqlite:///:memory:"))->isSqliteMemory());
    QVERIFY(!Url::parse(QStringLiteral("sqlite:///file.db"))->isSqliteMemory());
}

void TestUrl::passwordNeverInErrors()
{
    const QStringList secrets = {
        QStringLiteral("postgresql://u:S3cretPw@h:abc/d"),
        QStringLiteral("postgresql://u:S3cretPw@h@x/d"),
        QStringLiteral("oracle://u:S3cretPw@h/d"),
        QStringLiteral("mysql://u:S3cretPw@h/a/b"),
        // Found by fuzzing: the tail of a password with a raw '@' read as the
        // port, the database or an option; a '?' in the password; text before
        // the scheme.
        QStringLiteral("postgresql://u:Pa@ss:S3cretPw/rd@h/d"),
        QStringLiteral("mysql://u:Pa@ss/S3cretPw/x@h/d"),
        QStringLiteral("postgresql://u:Pa@ss?S3cretPw@h/d"),
        QStringLiteral("postgresql://h?x:S3cretPw@h/d"),
        QStringLiteral("postgresql://u:S3cret?Pw@h:abc/d"),
        QStringLiteral("jdbc:postgresql://u:S3cretPw@h/d"),
        QStringLiteral("postgresql:/u:S3cretPw@h/d"),
    };
    for (const QString &text : secrets) {
        QString error;
        QVERIFY2(!Url::parse(text, &error), qPrintable(text));
        QVERIFY2(!error.contains(QLatin1String("S3cret")) && !error.contains(QLatin1String("Pw")),
                 qPrintable(error));
    }
}

void TestUrl::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("plain") << "postgresql://u:pw@h/d"
                           << "postgresql://u:***@h/d";
    QTest::newRow("two @") << "postgresql://u:p@w@h/d"
                           << "postgresql://u:***@h/d";
    QTest::newRow("no password") << "postgresql://u@h/d"
                                 << "postgresql://u@h/d";
    QTest::newRow("text before the scheme") << "jdbc:postgresql://u:pw@h/d"
                                            << "jdbc:***@h/d";
    QTest::newRow("one slash") << "postgresql:/u:pw@h/d"
                               << "postgresql:***@h/d";
    QTest::newRow("no scheme") << "u:pw@h/d"
                               << "u:***@h/d";
    QTest::newRow("no password, port") << "postgresql://u@h:5432/d"
                                       << "postgresql://u@h:5432/d";
    QTest::newRow("a later URL") << "x://y@z=postgresql://u:pw@h/d"
                                 << "x://y@z=postgresql://u:***@h/d";
    QTest::newRow("not a url") << "hello"
                               << "hello";
    QTest::newRow("empty password") << "postgresql://u:@h/d"
                                    << "postgresql://u:***@h/d";
    QTest::newRow("only '://' colons") << "a://b@c://d"
                                       << "a://b@c://d";
    // Found by fuzzing: half a surrogate pair (a JSON "\\u" escape can make one)
    // is not valid UTF-16, and the password must be hidden all the same.
    const QString lone(QChar(0xdc00));
    QTest::newRow("lone surrogate")
        << QString("postgresql://u:s3cret@h/" + lone) << QString("postgresql://u:***@h/" + lone);
}

void TestUrl::redact()
{
    QFETCH(QString, text);
    QFETCH(QString, redacted);
    QCOMPARE(Url::redact(text), redacted);
}

QTEST_GUILESS_MAIN(TestUrl)
#include "tst_url.moc"

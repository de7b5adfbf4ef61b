// Hiding a password in messages from servers and drivers: never shown, and
// the rest of the message unchanged, short and ordinary passwords included.
#include "core/config/secretscrubber.h"

#include <QTest>
#include <QUrl>

class TestSecretScrubber final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hides_data();
    void hides();
    void leavesTheRestUnchanged_data();
    void leavesTheRestUnchanged();
};

void TestSecretScrubber::hides_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString timeout =
        QStringLiteral("connection to server at \"127.0.0.1\", port 55998 failed: timeout expired");
    QTest::newRow("one letter, driver text") << "p"
                                             << "u" << timeout << timeout;
    QTest::newRow("one letter, URL") << "p"
                                     << "u"
                                     << "postgresql://u:p@127.0.0.1:5432/db"
                                     << "postgresql://u:***@127.0.0.1:5432/db";
    QTest::newRow("one letter, option") << "p"
                                        << "u"
                                        << "host=db password=p port=5"
                                        << "host=db password=*** port=5";
    QTest::newRow("pass inside password") << "pass"
                                          << "u"
                                          << "password authentication failed for user \"u\""
                                          << "password authentication failed for user \"u\"";
    QTest::newRow("pass as a word") << "pass"
                                    << "u"
                                    << "role pass does not exist"
                                    << "role *** does not exist";
    QTest::newRow("short, quoted word") << "dev"
                                        << "u"
                                        << "relation \"dev\" does not exist"
                                        << "relation \"dev\" does not exist";
    QTest::newRow("short, quoted option") << "dev"
                                          << "u"
                                          << "password='dev' host=x"
                                          << "password='***' host=x";
    QTest::newRow("same as the user name")
        << "postgres"
        << "postgres"
        << "password authentication failed for user \"postgres\" "
           "(postgresql://postgres:postgres@h/db)"
        << "password authentication failed for user \"postgres\" (postgresql://postgres:***@h/db)";
    QTest::newRow("long, as a word") << "S3cr3t-Zebra#1"
                                     << "u"
                                     << "bad value S3cr3t-Zebra#1 here"
                                     << "bad value *** here";
    QTest::newRow("long, inside a longer word") << "S3cr3t-Zebra#1"
                                                << "u"
                                                << "S3cr3t-Zebra#1abc"
                                                << "S3cr3t-Zebra#1abc";
    QTest::newRow("reserved characters, encoded") << "p@ss:w/rd%"
                                                  << "u"
                                                  << "mysql://u:p%40ss%3Aw%2Frd%25@h/db"
                                                  << "mysql://u:***@h/db";
    QTest::newRow("reserved characters, as typed") << "p@ss:w/rd%"
                                                   << "u"
                                                   << "saw p@ss:w/rd% there"
                                                   << "saw *** there";
    QTest::newRow("no password") << ""
                                 << "u"
                                 << "password=x"
                                 << "password=x";
}

void TestSecretScrubber::hides()
{
    QFETCH(QString, password);
    QFETCH(QString, user);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(SecretScrubber(password, user).scrub(text), expected);
}

void TestSecretScrubber::leavesTheRestUnchanged_data()
{
    QTest::addColumn<QString>("password");
    for (const char *password : {"p", "pass", "dev", "postgres", "S3cr3t-Zebra#1", "a@b:c/d%e"})
        QTest::newRow(password) << QString::fromUtf8(password);
}

// Each message as a server or driver could say it, with the password where a
// URL or an option would carry it (servers do not echo passwords otherwise):
// scrubbed, it reads exactly as the same message made with another password.
void TestSecretScrubber::leavesTheRestUnchanged()
{
    QFETCH(QString, password);
    const QString user = QStringLiteral("postgres");
    const QString other = QStringLiteral("Other-Pw-0");
    const QStringList templates = {
        QStringLiteral("Cannot connect to postgresql://postgres:%1@127.0.0.1:55998/db: no "
                       "answer within the connect timeout of 10 s (connection to server at "
                       "\"127.0.0.1\", port 55998 failed: timeout expired)"),
        QStringLiteral("FATAL:  password authentication failed for user \"postgres\""),
        QStringLiteral("Access denied for user 'postgres'@'localhost' (using password: YES)"),
        QStringLiteral("invalid connection option: host=h password=%1 sslmode=prefer"),
        QStringLiteral("mysql://postgres:%2@h:3306/db?password=%2 is not reachable"),
        QStringLiteral("ERROR:  relation \"passes\" does not exist at character 15; dev, p, "
                       "postgres, passport, developer"),
    };
    for (const QString &form : templates) {
        auto spell = [&](const QString &secret) {
            return QString(form)
                .replace(QStringLiteral("%1"), secret)
                .replace(QStringLiteral("%2"),
                         QString::fromLatin1(QUrl::toPercentEncoding(secret)));
        };
        const QString shown = SecretScrubber(password, user).scrub(spell(password));
        const QString reference = SecretScrubber(other, user).scrub(spell(other));
        QCOMPARE(shown, reference);
    }
}

QTEST_GUILESS_MAIN(TestSecretScrubber)
#include "tst_secretscrubber.moc"

// Short and ordinary passwords, the ones people use in development, against
// real servers through the command line: never shown (docs/reliability.md,
// "Secrets"), and every message reads as it does for an account whose
// password appears nowhere. tst_secrets covers every other place a password
// could show.
#include "core/config/url.h"
#include "tests/support/testsupport.h"

#include <QRegularExpression>
#include <QTest>
#include <QUrl>

namespace {

struct Account
{
    Dialect dialect;
    Url admin; // the test server's superuser URL
};

} // namespace

class TestOrdinaryPasswords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ordinaryPasswordsStayReadable_data();
    void ordinaryPasswordsStayReadable();

private:
    struct Run
    {
        int exit = -1;
        QString out;
        QString err;
    };
    Run poolscope(const QStringList &arguments);

    QList<Account> m_accounts;
};

void TestOrdinaryPasswords::initTestCase()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, pgUrl);
    POOLSCOPE_REQUIRE_DATABASE(Dialect::MySQL, myUrl);
    m_accounts = {{Dialect::PostgreSQL, pgUrl}, {Dialect::MySQL, myUrl}};
}

TestOrdinaryPasswords::Run TestOrdinaryPasswords::poolscope(const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("poolscope.*=true"));
    env.remove(QStringLiteral("SQLALCHEMY_DATABASE_URI"));
    const testsupport::ProgramRun program =
        testsupport::runProgram(QStringLiteral(POOLSCOPE_BINARY), arguments, env, 60000);
    Run run;
    run.exit = program.exit;
    run.out = QString::fromUtf8(program.out);
    run.err = program.finished ? QString::fromUtf8(program.err) : QStringLiteral("did not finish");
    return run;
}

void TestOrdinaryPasswords::ordinaryPasswordsStayReadable_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("sameAsUser");
    QTest::newRow("p") << QStringLiteral("p") << false;
    QTest::newRow("pass") << QStringLiteral("pass") << false;
    QTest::newRow("dev") << QStringLiteral("dev") << false;
    QTest::newRow("the user name") << QString() << true;
    QTest::newRow("S3cr3t-Zebra#1") << QStringLiteral("S3cr3t-Zebra#1") << false;
    QTest::newRow("reserved characters") << QStringLiteral("p@ss:w/rd%") << false;
}

// Compared with the same commands run for a second account whose password is
// not in any message. Hiding every "p" once made "***ostgresql://…".
void TestOrdinaryPasswords::ordinaryPasswordsStayReadable()
{
    QFETCH(QString, password);
    QFETCH(bool, sameAsUser);
    const QString role = testsupport::uniqueIdentifier(QStringLiteral("plain"));
    // As long as role, so that tables line up the same for both.
    const QString otherRole = QLatin1Char('q') + role.mid(1);
    if (sameAsUser)
        password = role;
    const QString otherPassword = QStringLiteral("Other-Pw-0");
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(password));
    // The password as this page's rule says it may never show.
    QStringList forms = {QLatin1Char(':') + password + QLatin1Char('@'),
                         QLatin1Char(':') + encoded + QLatin1Char('@'),
                         QStringLiteral("password=") + password,
                         QStringLiteral("password=") + encoded};
    const bool asToken = password.size() >= 4 && !sameAsUser;
    const QRegularExpression token(
        QStringLiteral("(?<![\\w])%1(?![\\w])").arg(QRegularExpression::escape(password)),
        QRegularExpression::CaseInsensitiveOption);
    auto shows = [&](const QString &text) {
        for (const QString &form : std::as_const(forms)) {
            if (text.contains(form, Qt::CaseInsensitive))
                return true;
        }
        return asToken && text.contains(token);
    };

    for (const Account &account : std::as_const(m_accounts)) {
        testsupport::ServerProbe admin(account.admin);
        for (const auto &[name, secret] :
             {std::pair{role, password}, std::pair{otherRole, otherPassword}}) {
            if (account.dialect == Dialect::PostgreSQL) {
                QVERIFY2(
                    admin.exec(
                        QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(name, secret)),
                    qPrintable(admin.error()));
            } else {
                for (const QString &host :
                     {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")})
                    QVERIFY2(admin.exec(QStringLiteral("CREATE USER '%1'@'%2' IDENTIFIED BY '%3'")
                                            .arg(name, host, secret)),
                             qPrintable(admin.error()));
            }
        }
        // Concatenated: an escaped password holds '%', which arg() would take
        // for a placeholder.
        auto url = [&](const QString &user, const QString &secret, int port) {
            return account.admin.backend() + QStringLiteral("://") + user + QLatin1Char(':') +
                   QString::fromLatin1(QUrl::toPercentEncoding(secret)) + QLatin1Char('@') +
                   account.admin.host() + QLatin1Char(':') + QString::number(port) +
                   QLatin1Char('/') + account.admin.database();
        };
        const int port = account.admin.port();
        const QString missing = QStringLiteral("SELECT * FROM passes_dev_p");
        // What each command printed for the account under test, and for the other one.
        const QList<std::pair<QStringList, QStringList>> commands = {
            {{QStringLiteral("query"), url(role, password, port), missing},
             {QStringLiteral("query"), url(otherRole, otherPassword, port), missing}},
            // A wrong password: the same account either way.
            {{QStringLiteral("query"), url(otherRole, password, port), missing},
             {QStringLiteral("query"), url(otherRole, role + QStringLiteral("x"), port), missing}},
            {{QStringLiteral("sessions"), url(role, password, 1)},
             {QStringLiteral("sessions"), url(otherRole, otherPassword, 1)}},
            {{QStringLiteral("binds"), QStringLiteral("--bind"),
              QStringLiteral("main=") + url(role, password, port)},
             {QStringLiteral("binds"), QStringLiteral("--bind"),
              QStringLiteral("main=") + url(otherRole, otherPassword, port)}},
        };
        for (const auto &[mine, theirs] : commands) {
            const Run run = poolscope(mine);
            const Run reference = poolscope(theirs);
            const QString shown = run.out + run.err;
            QVERIFY2(!shows(shown), qPrintable(shown));
            auto normalized = [&](QString text) {
                return text.replace(otherRole, QStringLiteral("<user>"))
                    .replace(role, QStringLiteral("<user>"));
            };
            QCOMPARE(normalized(shown), normalized(reference.out + reference.err));
            QCOMPARE(run.exit, reference.exit);
        }
        for (const QString &name : {role, otherRole}) {
            if (account.dialect == Dialect::PostgreSQL)
                admin.exec(QStringLiteral("DROP ROLE %1").arg(name));
            else
                admin.exec(
                    QStringLiteral("DROP USER '%1'@'127.0.0.1', '%1'@'localhost'").arg(name));
        }
    }
}

QTEST_MAIN(TestOrdinaryPasswords)
#include "tst_ordinarypasswords.moc"

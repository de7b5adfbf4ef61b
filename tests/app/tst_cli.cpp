// The command line end to end, as scripts and a web app's CI use it: the real
// binary against the real databases, compared with the databases' own clients.
#include "core/config/url.h"
#include "tests/core/demoshop.h"
#include "tests/core/sessionclient.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>

using Row = QList<std::optional<QString>>;
using Rows = QList<Row>;

class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queryMatchesReferenceClients_data();
    void queryMatchesReferenceClients();
    void exitCodesAndMessages();
    void sessionsJsonAndFailOnSuspects_data();
    void sessionsJsonAndFailOnSuspects();
    void sessionsOriginNamesTheClientProgram_data();
    void sessionsOriginNamesTheClientProgram();
    void bindsAndSchema();
    void clientLibrariesOnlyWhenNeeded();

private:
    using Outcome = testsupport::ProgramRun;
    static Outcome
    run(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    static Outcome poolscope(const QStringList &arguments)
    {
        return run(QStringLiteral(POOLSCOPE_BINARY), arguments);
    }
};

namespace {

// RFC 4180 as the reference clients write it: an unquoted empty field is NULL.
Rows parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    Rows rows;
    Row row;
    QString field;
    bool quoted = false, wasQuoted = false, inQuotes = false;
    auto endField = [&] {
        if (!wasQuoted && field.isEmpty())
            row.append(std::nullopt);
        else
            row.append(field);
        field.clear();
        wasQuoted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            inQuotes = quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\n')) {
            endField();
            rows.append(row);
            row.clear();
        } else if (c != QLatin1Char('\r')) {
            field += c;
        }
    }
    Q_UNUSED(quoted)
    if (!field.isEmpty() || !row.isEmpty()) {
        endField();
        rows.append(row);
    }
    return rows;
}

// mariadb --batch: tabs, "NULL", and \t \n \\ \0 escapes.
Rows parseBatch(const QByteArray &bytes)
{
    Rows rows;
    const QList<QByteArray> lines = bytes.split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        Row row;
        const QList<QByteArray> fields = line.split('\t');
        for (const QByteArray &field : fields) {
            if (field == "NULL") {
                row.append(std::nullopt);
                continue;
            }
            QByteArray value;
            for (qsizetype i = 0; i < field.size(); ++i) {
                if (field.at(i) == '\\' && i + 1 < field.size()) {
                    const char next = field.at(++i);
                    value += next == 'n' ? '\n' : next == 't' ? '\t' : next == '0' ? '\0' : next;
                } else {
                    value += field.at(i);
                }
            }
            row.append(QString::fromUtf8(value));
        }
        rows.append(row);
    }
    return rows;
}

QString describe(const Row &row)
{
    QStringList cells;
    for (const auto &cell : row)
        cells << (cell ? *cell : QStringLiteral("<NULL>"));
    return cells.join(QLatin1Char('|'));
}

} // namespace

TestCli::Outcome TestCli::run(const QString &program, const QStringList &arguments,
                              const QProcessEnvironment &environment)
{
    return testsupport::runProgram(program, arguments, environment, 120000);
}

void TestCli::queryMatchesReferenceClients_data()
{
    testsupport::addDialectRows();
}

void TestCli::queryMatchesReferenceClients()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, server);
    const DemoShop shop = DemoShop::create(dialect, server);
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    const auto cleanup = qScopeGuard([&] {
        QString ignored;
        shop.drop(&ignored);
    });

    // poolscope reaches the shop's schema through the URL; the reference clients
    // through their own settings.
    Url url = shop.url;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (dialect == Dialect::PostgreSQL) {
        url = *Url::parse(shop.url.render(false) + QStringLiteral("?options=-c%20search_path%3D") +
                          shop.schemaName);
        environment.insert(QStringLiteral("PGOPTIONS"),
                           QStringLiteral("-c search_path=") + shop.schemaName);
    }
    const QStringList queries = {
        QStringLiteral("SELECT * FROM customers ORDER BY id"),
        QStringLiteral("SELECT * FROM products ORDER BY id"),
        QStringLiteral("SELECT * FROM orders ORDER BY id"),
        QStringLiteral("SELECT id, order_id, product_id, quantity, unit_price FROM order_items "
                       "WHERE id % 7 = 0 ORDER BY id"),
        QStringLiteral("SELECT order_id, customer_name, ordered_at, item_count FROM order_totals "
                       "ORDER BY order_id"),
        QStringLiteral(
            "SELECT NULL AS nil_value, '' AS blank, 'a,b \"c\"' AS tricky, 'line\nbreak' AS multi"),
    };
    for (const QString &sql : queries) {
        const Outcome ours = poolscope({QStringLiteral("query"), url.render(false), sql,
                                        QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(ours.exit == 0, ours.err.constData());
        Outcome theirs;
        Rows expected;
        switch (dialect) {
        case Dialect::SQLite:
            theirs = run(QStringLiteral("sqlite3"),
                         {QStringLiteral("-csv"), QStringLiteral("-header"), url.database(), sql});
            expected = parseCsv(theirs.out);
            break;
        case Dialect::PostgreSQL: {
            Url plain = shop.url;
            // psql --csv writes NULL and '' alike; make its NULL visible.
            theirs =
                run(QStringLiteral("psql"),
                    {plain.render(false), QStringLiteral("--csv"), QStringLiteral("-X"),
                     QStringLiteral("-P"), QStringLiteral("null=\\N"), QStringLiteral("-c"), sql},
                    environment);
            expected = parseCsv(theirs.out);
            for (Row &row : expected) {
                for (auto &cell : row) {
                    if (cell && *cell == QLatin1String("\\N"))
                        cell = std::nullopt;
                    else if (!cell)
                        cell = QString(); // an unquoted empty field is '' here
                }
            }
            break;
        }
        case Dialect::MySQL:
            environment.insert(QStringLiteral("MYSQL_PWD"), url.password());
            theirs = run(QStringLiteral("mariadb"),
                         {QStringLiteral("--no-defaults"), QStringLiteral("-h"), url.host(),
                          QStringLiteral("-P"), QString::number(url.port()), QStringLiteral("-u"),
                          url.username(), QStringLiteral("--default-character-set=utf8mb4"),
                          QStringLiteral("--batch"), QStringLiteral("-e"), sql, url.database()},
                         environment);
            expected = parseBatch(theirs.out);
            break;
        }
        QVERIFY2(theirs.exit == 0, theirs.err.constData());
        const Rows got = parseCsv(ours.out);
        QVERIFY2(got.size() > 1 || sql.startsWith(QLatin1String("SELECT NULL")), qPrintable(sql));
        QCOMPARE(got.size(), expected.size());
        for (qsizetype r = 0; r < got.size(); ++r) {
            // The header row: mariadb --batch prints names, CSV readers see no NULL there.
            if (r == 0)
                continue;
            QVERIFY2(got.at(r) == expected.at(r),
                     qPrintable(QStringLiteral("%1, row %2:\n ours   %3\n theirs %4")
                                    .arg(sql)
                                    .arg(r)
                                    .arg(describe(got.at(r)), describe(expected.at(r)))));
        }
    }
}

void TestCli::exitCodesAndMessages()
{
    // Usage errors: 1.
    QCOMPARE(poolscope({QStringLiteral("query")}).exit, 1);
    QCOMPARE(
        poolscope({QStringLiteral("query"), QStringLiteral("sqlite://"), QStringLiteral("select 1"),
                   QStringLiteral("--format"), QStringLiteral("xml")})
            .exit,
        1);
    const Outcome badUrl =
        poolscope({QStringLiteral("query"), QStringLiteral("postgres://u:Hunter2Pw@h/d"),
                   QStringLiteral("select 1")});
    QCOMPARE(badUrl.exit, 1);
    QVERIFY2(!badUrl.err.contains("Hunter2Pw"), badUrl.err.constData());
    QCOMPARE(poolscope({QStringLiteral("frobnicate")}).exit, 1);
    // Connection and SQL errors: 2, one line, no password.
    const Outcome refused = poolscope({QStringLiteral("query"),
                                       QStringLiteral("postgresql://u:Hunter2Pw@127.0.0.1:1/d"),
                                       QStringLiteral("select 1")});
    QCOMPARE(refused.exit, 2);
    QCOMPARE(refused.err.count('\n'), 1);
    QVERIFY2(!refused.err.contains("Hunter2Pw"), refused.err.constData());
    QVERIFY2(refused.err.contains("***"), refused.err.constData());
    const Outcome sqlError = poolscope(
        {QStringLiteral("query"), QStringLiteral("sqlite://"), QStringLiteral("select nope")});
    QCOMPARE(sqlError.exit, 2);
    QVERIFY2(sqlError.err.contains("no such column: nope"), sqlError.err.constData());
    QCOMPARE(sqlError.err.count('\n'), 1);
    // Help and version need no display and exit 0.
    const Outcome help = poolscope({QStringLiteral("--help")});
    QCOMPARE(help.exit, 0);
    QVERIFY(help.out.contains("Usage: poolscope"));
    QCOMPARE(poolscope({QStringLiteral("--version")}).exit, 0);
    QCOMPARE(poolscope({QStringLiteral("query"), QStringLiteral("--help")}).exit, 0);
    // -o writes the file, and only on success.
    QTemporaryDir folder;
    const QString file = folder.filePath(QStringLiteral("out.json"));
    QCOMPARE(poolscope({QStringLiteral("query"), QStringLiteral("sqlite://"),
                        QStringLiteral("select 1 as a"), QStringLiteral("--format"),
                        QStringLiteral("json"), QStringLiteral("-o"), file})
                 .exit,
             0);
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(written.readAll())
                 .array()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("a"))
                 .toInt(),
             1);
    const QString failed = folder.filePath(QStringLiteral("failed.csv"));
    QCOMPARE(poolscope({QStringLiteral("query"), QStringLiteral("sqlite://"),
                        QStringLiteral("select nope"), QStringLiteral("-o"), failed})
                 .exit,
             2);
    QVERIFY(!QFile::exists(failed));
}

void TestCli::sessionsJsonAndFailOnSuspects_data()
{
    queryMatchesReferenceClients_data();
}

void TestCli::sessionsJsonAndFailOnSuspects()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("idle in transaction needs a server");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("cli"));
    testsupport::ServerProbe setup(url);
    QVERIFY(setup.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER)").arg(table)));
    QVERIFY(setup.exec(QStringLiteral("INSERT INTO %1 VALUES (1)").arg(table)));
    // Another program leaves a transaction open.
    testsupport::ServerProbe leaker(url);
    QVERIFY(leaker.exec(dialect == Dialect::MySQL ? QStringLiteral("START TRANSACTION")
                                                  : QStringLiteral("BEGIN")));
    QVERIFY(leaker.exec(QStringLiteral("UPDATE %1 SET id = 2").arg(table)));
    const qint64 leakerPid =
        leaker
            .scalar(dialect == Dialect::MySQL ? QStringLiteral("SELECT CONNECTION_ID()")
                                              : QStringLiteral("SELECT pg_backend_pid()"))
            .toLongLong();
    QTest::qWait(1600);

    const Outcome json =
        poolscope({QStringLiteral("sessions"), url.render(false), QStringLiteral("--format"),
                   QStringLiteral("json"), QStringLiteral("--idle-in-transaction-over"),
                   QStringLiteral("1"), QStringLiteral("--fail-on-suspects")});
    QCOMPARE(json.exit, 3);
    QJsonParseError error;
    const QJsonArray sessions = QJsonDocument::fromJson(json.out, &error).array();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QStringList keys = {"pid",          "user",    "database",      "application",
                              "client",       "state",   "backend_start", "xact_start",
                              "state_change", "query",   "idle_s",        "transaction_age_s",
                              "own",          "suspect", "origin",        "pooler"};
    bool found = false;
    for (const QJsonValue &value : sessions) {
        const QJsonObject session = value.toObject();
        QStringList sorted = session.keys();
        sorted.sort();
        QStringList expected = keys;
        expected.sort();
        QCOMPARE(sorted, expected);
        QVERIFY(QStringList({"active", "idle", "idle_in_transaction", "other"})
                    .contains(session.value(QStringLiteral("state")).toString()));
        if (session.value(QStringLiteral("pid")).toInteger() == leakerPid) {
            found = true;
            QCOMPARE(session.value(QStringLiteral("state")).toString(),
                     QStringLiteral("idle_in_transaction"));
            QVERIFY(session.value(QStringLiteral("suspect")).isString());
            QVERIFY(session.value(QStringLiteral("transaction_age_s")).toDouble() >= 1.0);
            QVERIFY(
                session.value(QStringLiteral("xact_start")).toString().endsWith(QLatin1Char('Z')));
            QCOMPARE(session.value(QStringLiteral("own")).toBool(), false);
        } else if (session.value(QStringLiteral("state")).toString() !=
                   QLatin1String("idle_in_transaction")) {
            QVERIFY(session.value(QStringLiteral("suspect")).isNull());
        }
    }
    QVERIFY2(found, json.out.constData());
    // Table form, and without the flag the exit is 0.
    const Outcome table1 =
        poolscope({QStringLiteral("sessions"), url.render(false),
                   QStringLiteral("--idle-in-transaction-over"), QStringLiteral("1")});
    QCOMPARE(table1.exit, 0);
    QVERIFY(table1.out.contains(QByteArray::number(leakerPid)));
    QVERIFY(!table1.out.contains(url.password().toUtf8()));
    // Once the transaction ends, nothing is flagged.
    QVERIFY(leaker.exec(QStringLiteral("ROLLBACK")));
    QTest::qWait(150); // InnoDB refreshes INNODB_TRX at most every 0.1 s
    const Outcome clean =
        poolscope({QStringLiteral("sessions"), url.render(false), QStringLiteral("--format"),
                   QStringLiteral("json"), QStringLiteral("--idle-in-transaction-over"),
                   QStringLiteral("1"), QStringLiteral("--fail-on-suspects")});
    QVERIFY2(clean.exit == 0 || clean.exit == 3, clean.err.constData());
    if (clean.exit == 3) {
        // Other tests share the server: only our leaker must be clean.
        for (const QJsonValue &value : QJsonDocument::fromJson(clean.out).array())
            QVERIFY(value.toObject().value(QStringLiteral("pid")).toInteger() != leakerPid ||
                    value.toObject().value(QStringLiteral("suspect")).isNull());
    }
    QVERIFY(setup.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

void TestCli::sessionsOriginNamesTheClientProgram_data()
{
    queryMatchesReferenceClients_data();
}

// A program on this machine holding a transaction over TCP: the JSON names
// its process, the table its pid and program.
void TestCli::sessionsOriginNamesTheClientProgram()
{
    QFETCH(Dialect, dialect);
    if (dialect == Dialect::SQLite)
        QSKIP("SQLite's sessions are the processes themselves (tst_serversessionreader)");
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    SessionClient client(QFINDTESTDATA("../sessionclient/hold.py"));
    QString why;
    QVERIFY2(client.start(url, QString(), &why), qPrintable(why));

    const Outcome json = poolscope({QStringLiteral("sessions"), url.render(false),
                                    QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exit, 0);
    QVERIFY(!json.out.contains(url.password().toUtf8()));
    bool found = false;
    for (const QJsonValue &value : QJsonDocument::fromJson(json.out).array()) {
        const QJsonObject session = value.toObject();
        const QJsonValue origin = session.value(QStringLiteral("origin"));
        QVERIFY(origin.isNull() || origin.isObject());
        if (session.value(QStringLiteral("pid")).toInteger() != client.serverId())
            continue;
        found = true;
        QVERIFY2(origin.isObject(), json.out.constData());
        const QJsonObject o = origin.toObject();
        QCOMPARE(o.value(QStringLiteral("pid")).toInteger(), client.pid());
        QVERIFY2(o.value(QStringLiteral("command")).toString().contains(QLatin1String("hold.py")),
                 json.out.constData());
        QVERIFY(o.value(QStringLiteral("application")).isNull());
        QVERIFY(o.value(QStringLiteral("code")).isNull());
    }
    QVERIFY2(found, json.out.constData());

    const Outcome table = poolscope({QStringLiteral("sessions"), url.render(false)});
    QCOMPARE(table.exit, 0);
    QVERIFY2(table.out.contains("ORIGIN"), table.out.constData());
    QVERIFY2(table.out.contains(QByteArray::number(client.pid()) + " python3"),
             table.out.constData());
}

void TestCli::bindsAndSchema()
{
    QTemporaryDir folder;
    QFile config(folder.filePath(QStringLiteral("config.py")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("SQLALCHEMY_DATABASE_URI = 'postgresql://app:S3cretPw@db.example/app'\n"
                 "SQLALCHEMY_BINDS = {'reports': {'url': 'mysql://r:An0therPw@db.example/r', "
                 "'pool_size': 2}}\n");
    config.close();
    const Outcome binds =
        poolscope({QStringLiteral("binds"), QStringLiteral("--config"), config.fileName(),
                   QStringLiteral("--bind"), QStringLiteral("local=sqlite://")});
    QCOMPARE(binds.exit, 0);
    QVERIFY2(binds.out.contains("default") && binds.out.contains("reports") &&
                 binds.out.contains("local"),
             binds.out.constData());
    QVERIFY(binds.out.contains("postgresql://app:***@db.example/app"));
    QVERIFY(!binds.out.contains("S3cretPw") && !binds.out.contains("An0therPw"));
    QVERIFY(binds.out.contains("pool_size=2"));

    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    const DemoShop shop = DemoShop::create(Dialect::SQLite, url);
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    const Outcome schema = poolscope({QStringLiteral("schema"), shop.url.render(false),
                                      QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(schema.exit, 0);
    const QJsonObject root = QJsonDocument::fromJson(schema.out).object();
    QCOMPARE(root.value(QStringLiteral("dialect")).toString(), QStringLiteral("sqlite"));
    QStringList names;
    for (const QJsonValue &table : root.value(QStringLiteral("tables")).toArray())
        names << table.toObject().value(QStringLiteral("name")).toString();
    QVERIFY2(names.contains(QStringLiteral("order_items")) &&
                 names.contains(QStringLiteral("order_totals")),
             qPrintable(names.join(QLatin1Char(','))));
    // A bind name from the config resolves too (and fails cleanly: no such host here).
    const Outcome named = poolscope({QStringLiteral("schema"), QStringLiteral("nosuchbind"),
                                     QStringLiteral("--config"), config.fileName()});
    QCOMPARE(named.exit, 1);
    QVERIFY(named.err.contains("default"));
}

QTEST_GUILESS_MAIN(TestCli)
// libpq and the MariaDB client are opened when a connection first needs them
// (Libpq, Libmariadb): a SQLite command and the window on the demo database
// load neither, as the dynamic linker's own log (LD_DEBUG=files) says, and a
// PostgreSQL or MariaDB command still runs on them.
void TestCli::clientLibrariesOnlyWhenNeeded()
{
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    // "file=libpq.so.5 [0];  dynamically loaded by …", "file=/…/poolscope-gui.so …"
    const auto loads = [](const Outcome &outcome, const char *library) {
        const QList<QByteArray> lines = outcome.err.split('\n');
        return std::any_of(lines.cbegin(), lines.cend(), [library](const QByteArray &line) {
            const qsizetype at = line.indexOf("file=");
            return at >= 0 && line.indexOf(library, at) > at;
        });
    };
    const QString file = home.filePath(QStringLiteral("plain.db"));
    const Outcome sqlite = run(QStringLiteral(POOLSCOPE_BINARY),
                               {QStringLiteral("query"), QStringLiteral("sqlite:///") + file,
                                QStringLiteral("SELECT 1 AS one")},
                               environment);
    QCOMPARE(sqlite.exit, 0);
    QCOMPARE(sqlite.out, QByteArray("one\n1\n"));
    QVERIFY(!loads(sqlite, "libpq.so"));
    QVERIFY(!loads(sqlite, "libmariadb.so"));
    QVERIFY(!loads(sqlite, "libcrypto.so"));

    QProcessEnvironment window = environment;
    window.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    window.insert(QStringLiteral("POOLSCOPE_EXIT_AFTER_SHOWN"), QStringLiteral("1"));
    const Outcome shown = run(QStringLiteral(POOLSCOPE_BINARY), {QStringLiteral("--demo")}, window);
    QCOMPARE(shown.exit, 0);
    QVERIFY2(shown.out.contains("window shown"), shown.out.constData());
    QVERIFY(loads(shown, "poolscope-gui.so")); // the log does list what is loaded
    QVERIFY(!loads(shown, "libpq.so"));
    QVERIFY(!loads(shown, "libmariadb.so"));
    QVERIFY(!loads(shown, "libcrypto.so"));

    for (const auto &[dialect, library] :
         {std::pair{Dialect::PostgreSQL, "libpq.so"}, std::pair{Dialect::MySQL, "libmariadb.so"}}) {
        QString why;
        const std::optional<Url> url = testsupport::databaseUrl(dialect, &why);
        if (!url)
            continue; // queryMatchesReferenceClients says why
        const Outcome server =
            run(QStringLiteral(POOLSCOPE_BINARY),
                {QStringLiteral("query"), url->render(false), QStringLiteral("SELECT 2 AS two")},
                environment);
        QCOMPARE(server.exit, 0);
        QCOMPARE(server.out, QByteArray("two\n2\n"));
        QVERIFY2(loads(server, library), library);
        QVERIFY(loads(server, "libcrypto.so"));
    }
}

#include "tst_cli.moc"

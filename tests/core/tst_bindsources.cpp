// Bind configuration from .env files, JSON bind files, the environment and
// --bind arguments, merged: the binds, their pool options, and warnings that
// point at the file and line and never show a password.
#include "core/config/bindconfig.h"
#include "core/config/dotenvreader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestBindSources final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void dotenv_data();
    void dotenv();
    void dotenvPostgresSpelling();
    void jsonForms_data();
    void jsonForms();
    void jsonWarningsHaveLines();
    void environment();
    void argument_data();
    void argument();
    void mergeLaterWins();
    void passwordsNeverInMessages();
    void detectFormat_data();
    void detectFormat();

private:
    QString write(const QString &name, const QByteArray &content);
    std::unique_ptr<QTemporaryDir> m_dir;
};

QString TestBindSources::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

void TestBindSources::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestBindSources::dotenv_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("database"); // of the bind "default"; empty: none
    QTest::addColumn<QString>("warning");  // a warning that must be there, after "<path>"

    QTest::newRow("plain") << QByteArray("SQLALCHEMY_DATABASE_URI=postgresql://u@h/app\n") << "app"
                           << QString();
    QTest::newRow("export and spaces")
        << QByteArray("# comment\n\nexport SQLALCHEMY_DATABASE_URI = postgresql://u@h/app  \n")
        << "app" << QString();
    QTest::newRow("inline comment")
        << QByteArray("SQLALCHEMY_DATABASE_URI=postgresql://u@h/app # the app\n") << "app"
        << QString();
    QTest::newRow("hash without space is data")
        << QByteArray("SQLALCHEMY_DATABASE_URI=postgresql://u@h/a#b\n") << "a#b" << QString();
    QTest::newRow("double quotes")
        << QByteArray("SQLALCHEMY_DATABASE_URI=\"postgresql://u@h/my app\" # c\n") << "my app"
        << QString();
    QTest::newRow("single quotes keep ${}")
        << QByteArray("NAME=x\nSQLALCHEMY_DATABASE_URI='postgresql://u@h/${NAME}'\n") << "${NAME}"
        << QString();
    QTest::newRow("expansion")
        << QByteArray("DB=shop\nSQLALCHEMY_DATABASE_URI=\"postgresql://u@h/${DB}\"\n") << "shop"
        << QString();
    QTest::newRow("expansion default")
        << QByteArray("SQLALCHEMY_DATABASE_URI=postgresql://u@h/${NOPE:-fallback}\n") << "fallback"
        << QString();
    QTest::newRow("unset variable")
        << QByteArray("SQLALCHEMY_DATABASE_URI=postgresql://u@h/x${NOPE}\n") << "x"
        << ":1: ${NOPE} is not set; it expands to nothing";
    QTest::newRow("DATABASE_URL") << QByteArray("DATABASE_URL=mysql://u@h/shop\nOTHER=1\n")
                                  << "shop" << QString();
    QTest::newRow("SQLALCHEMY_DATABASE_URI wins over DATABASE_URL")
        << QByteArray("DATABASE_URL=mysql://u@h/a\nSQLALCHEMY_DATABASE_URI=mysql://u@h/b\n") << "b"
        << QString();
    QTest::newRow("later line wins")
        << QByteArray(
               "SQLALCHEMY_DATABASE_URI=mysql://u@h/a\nSQLALCHEMY_DATABASE_URI=mysql://u@h/b\n")
        << "b"
        << ":2: bind 'default' replaces the one from ";
    QTest::newRow("multi-line quoted value")
        << QByteArray("NOTE=\"one\ntwo\"\nSQLALCHEMY_DATABASE_URI=mysql://u@h/c\n") << "c"
        << QString();
    QTest::newRow("unterminated quote")
        << QByteArray("A=1\nSQLALCHEMY_DATABASE_URI=\"mysql://u@h/c\n") << QString()
        << ":2: the value of SQLALCHEMY_DATABASE_URI has no closing \"; line skipped";
    QTest::newRow("junk line") << QByteArray("just words here\nDATABASE_URL=mysql://u@h/d\n") << "d"
                               << ":1: expected KEY=VALUE; line skipped";
    QTest::newRow("text after quote")
        << QByteArray("SQLALCHEMY_DATABASE_URI='mysql://u@h/e' junk\n") << QString()
        << ":1: unexpected text after the closing quote of SQLALCHEMY_DATABASE_URI";
    QTest::newRow("no url") << QByteArray("SECRET_KEY=abc\n") << QString()
                            << ": has no SQLALCHEMY_DATABASE_URI or DATABASE_URL";
    QTest::newRow("crlf") << QByteArray("A=1\r\nDATABASE_URL=mysql://u@h/f\r\n") << "f"
                          << QString();
}

void TestBindSources::dotenv()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, database);
    QFETCH(QString, warning);
    const QString path = m_dir->filePath(".env");
    const BindConfig config =
        DotenvReader::read(path, QString::fromUtf8(content), QProcessEnvironment());
    QVERIFY(!config.hasError());
    if (database.isEmpty()) {
        QVERIFY(config.binds().isEmpty());
    } else {
        QCOMPARE(config.binds().size(), 1);
        QCOMPARE(config.find("default")->url.database(), database);
    }
    const QString warnings = config.warnings().join('\n');
    if (warning.isEmpty())
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
    else
        QVERIFY2(warnings.contains(path + warning), qPrintable(warnings));
}

void TestBindSources::dotenvPostgresSpelling()
{
    const QString path = write(
        "app.env", "# Heroku style\nDATABASE_URL=postgres://app:hunter2@db.example.com/app\n");
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY(!config.hasError());
    QVERIFY(config.binds().isEmpty());
    const QString warnings = config.warnings().join('\n');
    QVERIFY2(warnings.contains(path + ":2: DATABASE_URL: Invalid database URL") &&
                 warnings.contains("spelled 'postgresql', not 'postgres'"),
             qPrintable(warnings));
    QVERIFY(!warnings.contains("hunter2"));
}

void TestBindSources::jsonForms_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<int>("reportsPoolSize");
    QTest::addColumn<bool>("reportsReadOnly");

    QTest::newRow("structured") << QByteArray(R"({
  "binds": {
    "default": "sqlite:///app.db",
    "reports": {"url": "postgresql://r@db/reports", "pool_size": 3, "read_only": true}
  },
  "engine_options": {"pool_size": 10, "max_overflow": 0}
})") << QStringList({"default", "reports"})
                                << 3 << true;
    QTest::newRow("flat") << QByteArray(R"({"default": "sqlite:///app.db",
 "reports": "postgresql://r@db/reports",
 "engine_options": {"pool_size": 4}})")
                          << QStringList({"default", "reports"}) << 4 << false;
    QTest::newRow("flask keys") << QByteArray(R"({"SECRET_KEY": "x",
 "SQLALCHEMY_DATABASE_URI": "sqlite:///app.db",
 "SQLALCHEMY_BINDS": {"reports": {"url": "postgresql://r@db/reports", "read_only": true}},
 "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 6}})")
                                << QStringList({"default", "reports"}) << 6 << true;
    QTest::newRow("escapes") << QByteArray(R"({"reports": "postgresql://r@db\/rep\u006frts"})")
                             << QStringList({"reports"}) << 5 << false;
}

void TestBindSources::jsonForms()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, names);
    QFETCH(int, reportsPoolSize);
    QFETCH(bool, reportsReadOnly);
    const QString path = write("binds.json", content);
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY2(!config.hasError(), qPrintable(config.error()));
    QVERIFY2(config.warnings().isEmpty(), qPrintable(config.warnings().join('\n')));
    QStringList got;
    for (const Bind &bind : config.binds())
        got << bind.name;
    QCOMPARE(got, names);
    const Bind *reports = config.find("reports");
    QCOMPARE(reports->url.database(), QString("reports"));
    QCOMPARE(reports->options.poolSize, reportsPoolSize);
    QCOMPARE(reports->options.readOnly, reportsReadOnly);
    if (const Bind *main = config.find("default"))
        QCOMPARE(main->url.database(), QDir(m_dir->path()).filePath("app.db"));
}

void TestBindSources::jsonWarningsHaveLines()
{
    const QString path = write("binds.json", R"({
  "binds": {
    "a": "sqlite:///a.db",
    "b": {"url": "sqlite:///b.db",
          "pool_sise": 3,
          "pool_size": "3"},
    "c": {"pool_size": 1},
    "d": 42,
    "a": "sqlite:///a2.db"
  },
  "extra": 1
})");
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY(!config.hasError());
    QCOMPARE(config.binds().size(), 2);
    QCOMPARE(config.find("a")->url.database(), QDir(m_dir->path()).filePath("a2.db"));
    const QString warnings = config.warnings().join('\n');
    const QStringList expected = {
        path + ":5: binds['b']['pool_sise'] is not an engine option poolscope knows; ignored",
        path + ":6: binds['b']['pool_size'] must be an integer, not str; ignored",
        path + ":7: binds['c'] has no 'url'; skipped",
        path + ":8: binds['d'] must be a URL string or a dict with 'url', not int; skipped",
        path + ":9: bind 'a' replaces the one from " + path + ":3",
        path + ":11: 'extra' is not a key of a bind file",
    };
    for (const QString &line : expected)
        QVERIFY2(warnings.contains(line), qPrintable("missing: " + line + "\nin:\n" + warnings));
}

void TestBindSources::environment()
{
    QProcessEnvironment environment;
    QVERIFY(BindConfig::fromEnvironment(environment).binds().isEmpty());
    QVERIFY(BindConfig::fromEnvironment(environment).warnings().isEmpty());

    environment.insert("SQLALCHEMY_DATABASE_URI", "sqlite:///relative/app.db");
    BindConfig config = BindConfig::fromEnvironment(environment);
    QCOMPARE(config.binds().size(), 1);
    QCOMPARE(config.find("default")->url.database(), QString("relative/app.db"));
    QCOMPARE(config.originOf("default"), QString("environment SQLALCHEMY_DATABASE_URI"));

    environment.insert("SQLALCHEMY_DATABASE_URI", "postgres://app:hunter2@h/db");
    config = BindConfig::fromEnvironment(environment);
    QVERIFY(config.binds().isEmpty());
    QCOMPARE(config.warnings().size(), 1);
    QVERIFY(config.warnings().constFirst().startsWith("environment SQLALCHEMY_DATABASE_URI: "));
    QVERIFY(!config.warnings().constFirst().contains("hunter2"));

    // The process environment, as the command line reads it.
    qputenv("SQLALCHEMY_DATABASE_URI", "sqlite://");
    config = BindConfig::fromEnvironment();
    qunsetenv("SQLALCHEMY_DATABASE_URI");
    QVERIFY(config.find("default") && config.find("default")->url.isSqliteMemory());
}

void TestBindSources::argument_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name"); // empty: an error
    QTest::addColumn<QString>("rendered");
    QTest::addColumn<QString>("error");

    QTest::newRow("plain") << "reports=postgresql://u:hunter2@h/db?sslmode=require"
                           << "reports"
                           << "postgresql://u:***@h/db?sslmode=require" << QString();
    QTest::newRow("relative sqlite stays") << "local=sqlite:///data/app.db"
                                           << "local"
                                           << "sqlite:///data/app.db" << QString();
    QTest::newRow("memory") << "m=sqlite://"
                            << "m"
                            << "sqlite://" << QString();
    QTest::newRow("missing =") << "postgresql://u:hunter2@h/db" << QString() << QString()
                               << "--bind 'postgresql://u:***@h/db': expected NAME=URL";
    QTest::newRow("url without name")
        << "postgresql://u:hunter2@h/db?sslmode=require" << QString() << QString()
        << "--bind 'postgresql://u:***@h/db?sslmode=require': expected NAME=URL";
    QTest::newRow("empty name") << "=sqlite://" << QString() << QString()
                                << "the bind name before '=' is empty";
    QTest::newRow("bad url") << "db=postgres://u:hunter2@h/db" << QString() << QString()
                             << "--bind db: Invalid database URL 'postgres://u:***@h/db'";
    QTest::newRow("empty url") << "db=" << QString() << QString()
                               << "--bind db: Invalid database URL '': it is empty";
}

void TestBindSources::argument()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, rendered);
    QFETCH(QString, error);
    const BindConfig config = BindConfig::fromArgument(text);
    QVERIFY(!config.error().contains("hunter2"));
    if (name.isEmpty()) {
        QVERIFY2(config.error().contains(error), qPrintable(config.error()));
        QVERIFY(config.binds().isEmpty());
        return;
    }
    QVERIFY2(!config.hasError(), qPrintable(config.error()));
    QCOMPARE(config.binds().size(), 1);
    QCOMPARE(config.binds().constFirst().name, name);
    QCOMPARE(config.binds().constFirst().url.toDisplayString(), rendered);
    QCOMPARE(config.originOf(name), QString("--bind"));
}

void TestBindSources::mergeLaterWins()
{
    QProcessEnvironment environment;
    environment.insert("SQLALCHEMY_DATABASE_URI", "sqlite:///env.db");
    const QString path = write("binds.json", R"({"default": "sqlite:///file.db",
 "reports": "postgresql://h/reports"})");
    const BindConfig merged = BindConfig::merge({
        BindConfig::fromEnvironment(environment),
        BindConfig::readFile(path),
        BindConfig::fromArgument("reports=mysql://h/reports"),
        BindConfig::fromArgument("broken"),
    });
    QCOMPARE(merged.binds().size(), 2);
    QCOMPARE(merged.binds().at(0).name, QString("default")); // keeps its place
    QCOMPARE(merged.find("default")->url.database(), QDir(m_dir->path()).filePath("file.db"));
    QCOMPARE(merged.find("reports")->url.dialect(), Dialect::MySQL);
    QCOMPARE(merged.originOf("reports"), QString("--bind"));
    QVERIFY(merged.warnings().contains(
        path + ":1: bind 'default' replaces the one from environment SQLALCHEMY_DATABASE_URI"));
    QVERIFY(
        merged.warnings().contains("--bind: bind 'reports' replaces the one from " + path + ":2"));
    QVERIFY2(merged.error().startsWith("--bind 'broken': expected NAME=URL"),
             qPrintable(merged.error()));
}

void TestBindSources::passwordsNeverInMessages()
{
    // Every message that mentions a URL with a password, from every source.
    const QByteArray secretUrl = "postgres://app:hunter2@db/app";
    QList<BindConfig> configs;
    configs << BindConfig::readFile(write("a.py", "SQLALCHEMY_DATABASE_URI = '" + secretUrl +
                                                      "'\n"
                                                      "SQLALCHEMY_BINDS = {'x': f'" +
                                                      secretUrl + "', 'y': '" + secretUrl +
                                                      "' + PW,\n"
                                                      "  'z': ('" +
                                                      secretUrl + "', 1)}\n"));
    configs << BindConfig::readFile(write("b.py", "SQLALCHEMY_DATABASE_URI = '" + secretUrl));
    configs << BindConfig::readFile(write("c.json", "{\"default\": \"" + secretUrl + "\"}"));
    configs << BindConfig::readFile(write("d.json", "{\"default\": \"" + secretUrl + "\",}"));
    configs << BindConfig::readFile(write("e.env", "DATABASE_URL=" + secretUrl +
                                                       "\n"
                                                       "SQLALCHEMY_DATABASE_URI='" +
                                                       secretUrl));
    configs << BindConfig::fromArgument(QString::fromUtf8("x=" + secretUrl));
    configs << BindConfig::fromArgument(QString::fromUtf8(secretUrl));
    // Found by fuzzing (fuzz/corpus/*/regress-*): a URL outside quotes in
    // config.py, a URL after some other text, a URL where a name belongs.
    configs << BindConfig::readFile(write("f.py", "SQLALCHEMY_DATABASE_URI = " + secretUrl +
                                                      "\nSQLALCHEMY_BINDS = {'a': "
                                                      "postgres://app:9hunter2@db/app}\n"));
    configs << BindConfig::readFile(
        write("g.env", "DATABASE_URL=jdbc:" + secretUrl + "\n" + secretUrl + "='x' junk\n"));
    configs << BindConfig::readFile(
        write("h.json", "{\"jdbc:" + secretUrl + "\\u0001\": \"sqlite://\"}"));
    int messages = 0;
    for (const BindConfig &config : std::as_const(configs)) {
        const QStringList all = config.warnings() << config.error();
        for (const QString &message : all) {
            QVERIFY2(!message.contains("hunter2"), qPrintable(message));
            messages += message.isEmpty() ? 0 : 1;
        }
    }
    QVERIFY(messages >= configs.size());
}

void TestBindSources::detectFormat_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("format");

    const int json = int(BindConfig::Format::Json), env = int(BindConfig::Format::Dotenv),
              py = int(BindConfig::Format::FlaskConfig);
    QTest::newRow(".json") << "binds.json"
                           << "" << json;
    QTest::newRow(".py") << "settings.py"
                         << "DATABASE_URL=x" << py;
    QTest::newRow(".env") << ".env"
                          << "" << env;
    QTest::newRow(".env.local") << ".env.local"
                                << "" << env;
    QTest::newRow("prod.env") << "prod.env"
                              << "" << env;
    QTest::newRow(".flaskenv") << ".flaskenv"
                               << "" << env;
    QTest::newRow("object") << "binds"
                            << "  {\"default\": \"sqlite://\"}" << json;
    QTest::newRow("class") << "config"
                           << "class Config:\n    X = 1\n"
                           << py;
    QTest::newRow("import") << "config"
                            << "import os\nX = os.environ['A']\n"
                            << py;
    QTest::newRow("dict value") << "config"
                                << "SQLALCHEMY_BINDS = {'a': 'sqlite://'}\n"
                                << py;
    QTest::newRow("export") << "settings"
                            << "export DATABASE_URL=x\n"
                            << env;
    QTest::newRow("unquoted url") << "settings"
                                  << "# db\nDATABASE_URL=postgresql://h/d\n"
                                  << env;
    QTest::newRow("quoted value") << "settings"
                                  << "SQLALCHEMY_DATABASE_URI = 'sqlite://'\n"
                                  << py;
}

void TestBindSources::detectFormat()
{
    QFETCH(QString, name);
    QFETCH(QString, text);
    QFETCH(int, format);
    QCOMPARE(int(BindConfig::detectFormat(m_dir->filePath(name), text)), format);
}

QTEST_GUILESS_MAIN(TestBindSources)
#include "tst_bindsources.moc"

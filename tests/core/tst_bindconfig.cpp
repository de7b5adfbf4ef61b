// Bind configuration from Flask config.py files read as literals, and from
// broken files of every format: the binds, their pool options, SQLite paths,
// and the warnings and errors that point at the file, line and column.
#include "core/config/bindconfig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestBindConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void acceptanceFlaskConfig();
    void flaskClassRules();
    void flaskNonLiterals();
    void flaskForms();
    void brokenFiles_data();
    void brokenFiles();
    void sqlitePaths_data();
    void sqlitePaths();
    void engineOptionWarnings();

private:
    QString write(const QString &name, const QByteArray &content);
    std::unique_ptr<QTemporaryDir> m_dir;
};

QString TestBindConfig::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

void TestBindConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestBindConfig::acceptanceFlaskConfig()
{
    const QString path = write("config.py", R"(import os

SQLALCHEMY_DATABASE_URI = "sqlite:///main.db"
SQLALCHEMY_BINDS = {
    "month_db": "postgresql://poolscope:s3cret@db.example.com:5432/month",  # string form
    "month_db_latin1": "mysql+pymysql://poolscope:s3cret@localhost/month?charset=latin1",
    "db1": {"url": "sqlite:////var/lib/app/db1.db", "pool_size": 3},
}
SQLALCHEMY_ENGINE_OPTIONS = {
    "pool_size": 10,
    "max_overflow": 2,
    "pool_recycle": 280,
    "pool_pre_ping": True,
    "pool_timeout": 5,
}
)");
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY2(!config.hasError(), qPrintable(config.error()));
    QVERIFY2(config.warnings().isEmpty(), qPrintable(config.warnings().join('\n')));

    QStringList names;
    for (const Bind &bind : config.binds())
        names << bind.name;
    QCOMPARE(names, QStringList({"default", "month_db", "month_db_latin1", "db1"}));

    const Bind *main = config.find("default");
    QCOMPARE(main->url.database(), QDir(m_dir->path()).filePath("instance/main.db"));
    QCOMPARE(config.originOf("default"), path + ":3");

    const Bind *month = config.find("month_db");
    QCOMPARE(month->url.render(false),
             QString("postgresql://poolscope:s3cret@db.example.com:5432/month"));
    QCOMPARE(config.originOf("month_db"), path + ":5");

    const Bind *latin1 = config.find("month_db_latin1");
    QCOMPARE(latin1->url.dialect(), Dialect::MySQL);
    QCOMPARE(latin1->url.option("charset"), QString("latin1"));
    QCOMPARE(latin1->url.database(), QString("month"));

    const Bind *db1 = config.find("db1");
    QCOMPARE(db1->url.database(), QString("/var/lib/app/db1.db"));
    QCOMPARE(db1->options.poolSize, 3); // its own dict

    // Flask-SQLAlchemy 3: SQLALCHEMY_ENGINE_OPTIONS shape the default bind's
    // pool; the other binds get SQLAlchemy's defaults plus their own dict.
    QCOMPARE(main->options.poolSize, 10);
    QCOMPARE(main->options.maxOverflow, 2);
    QCOMPARE(main->options.recycle, 280.0);
    QCOMPARE(main->options.prePing, true);
    QCOMPARE(main->options.timeout, 5.0);
    QCOMPARE(main->options.lifo, false);
    const PoolOptions defaults;
    for (const Bind *bind : {month, latin1, db1}) {
        if (bind != db1)
            QCOMPARE(bind->options.poolSize, defaults.poolSize);
        QCOMPARE(bind->options.maxOverflow, defaults.maxOverflow);
        QCOMPARE(bind->options.recycle, defaults.recycle);
        QCOMPARE(bind->options.prePing, defaults.prePing);
        QCOMPARE(bind->options.timeout, defaults.timeout);
    }
}

void TestBindConfig::flaskClassRules()
{
    const QString path = write("settings/config.py", R"(
class Config(object):
    SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 7}

    def helper(self):
        SQLALCHEMY_DATABASE_URI = "sqlite:///never.db"  # a local variable

class ProductionConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://app@db/prod"

class TestingConfig(Config):
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SQLALCHEMY_BINDS = {"audit": "sqlite:///audit.db"}

class Tiny(ProductionConfig): SQLALCHEMY_BINDS = {None: "sqlite:///none.db", "t": "sqlite://"}
)");
    // No class named: every class body in file order, the last one wins.
    BindConfig all = BindConfig::readFile(path);
    QVERIFY2(!all.hasError(), qPrintable(all.error()));
    QVERIFY(all.find("default")->url.isSqliteMemory());
    QVERIFY(all.find("t"));
    QVERIFY(!all.find("audit"));
    QCOMPARE(all.find("default")->options.poolSize, 7);
    QVERIFY2(all.warnings().join('\n').contains(
                 path + ":13: SQLALCHEMY_DATABASE_URI in class TestingConfig replaces the one "
                        "in class ProductionConfig (line 10)") &&
                 all.warnings().join('\n').contains(
                     path + ":16: SQLALCHEMY_BINDS in class Tiny replaces the one in class "
                            "TestingConfig (line 14); to read one class only, name it as "
                            "config.py:ClassName"),
             qPrintable(all.warnings().join('\n')));

    // One class named: it and its bases, as config.from_object() reads it.
    BindConfig production = BindConfig::readFile(path, "ProductionConfig");
    QVERIFY2(production.warnings().isEmpty(), qPrintable(production.warnings().join('\n')));
    QCOMPARE(production.binds().size(), 1);
    QCOMPARE(production.find("default")->url.host(), QString("db"));
    QCOMPARE(production.find("default")->options.poolSize, 7); // from the base class

    // The same through "file:Class".
    BindConfig viaPath = BindConfig::readFile(path + ":Config");
    QVERIFY2(!viaPath.hasError(), qPrintable(viaPath.error()));
    QCOMPARE(viaPath.find("default")->url.database(),
             QDir(m_dir->path()).filePath("settings/instance/dev.db"));

    // A one-line class body; a None key is the default bind, which its base
    // class already set.
    BindConfig tiny = BindConfig::readFile(path, "Tiny");
    QCOMPARE(tiny.binds().size(), 2);
    QCOMPARE(tiny.find("default")->url.host(), QString("db"));
    QVERIFY(tiny.find("t"));
    QCOMPARE(tiny.warnings(),
             QStringList(path + ":16: SQLALCHEMY_BINDS[None] is the default bind, which is "
                                "already set; skipped"));

    BindConfig missing = BindConfig::readFile(path, "StagingConfig");
    QVERIFY(missing.hasError());
    QVERIFY2(missing.error().contains("no class 'StagingConfig'") &&
                 missing.error().contains("Config, ProductionConfig, TestingConfig, Tiny"),
             qPrintable(missing.error()));
    QVERIFY(missing.binds().isEmpty());
}

void TestBindConfig::flaskNonLiterals()
{
    const QString path = write("config.py", R"(import os
BASE = "sqlite:///"
SQLALCHEMY_DATABASE_URI = os.getenv("DATABASE_URL", "sqlite:///fallback.db")
SQLALCHEMY_BINDS = {
    "db1": "sqlite:///one.db",
    "db2": os.environ["DB2_URL"],
    "db3": f"postgresql://app:{os.environ['PW']}@db/three",
    "db4": BASE + "four.db",
    "db5": {"url": "sqlite:///five.db", "pool_size": int("3")},
    **EXTRA,
}
if os.environ.get("TESTING"):
    SQLALCHEMY_DATABASE_URI = "sqlite://"
SQLALCHEMY_BINDS.update(extra="sqlite://")
assert SQLALCHEMY_BINDS != {}; SQLALCHEMY_BINDS == {}
def create_app():
    SQLALCHEMY_BINDS = {}  # a local variable: not configuration, no warning
    app.config["SQLALCHEMY_BINDS"] = {}
)");
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY2(!config.hasError(), qPrintable(config.error()));
    QCOMPARE(config.binds().size(), 2);
    QVERIFY(config.find("db1"));
    QCOMPARE(config.find("db5")->options.poolSize, 5); // the bad option is skipped alone
    const QString warnings = config.warnings().join('\n');
    const QStringList expected = {
        path + ":3: SQLALCHEMY_DATABASE_URI is not a literal (os.getenv(...)); skipped",
        path + ":6: SQLALCHEMY_BINDS['db2'] is not a literal (os.environ[...]); skipped",
        path + ":7: SQLALCHEMY_BINDS['db3'] is not a literal (f-string); skipped",
        path + ":8: SQLALCHEMY_BINDS['db4'] is not a literal (BASE + \"...\"); skipped",
        path + ":9: SQLALCHEMY_BINDS['db5']['pool_size'] is not a literal (int(...)); skipped",
        path + ":10: SQLALCHEMY_BINDS has an entry that is not a literal (**EXTRA); skipped",
        path + ":13: SQLALCHEMY_DATABASE_URI is set inside a 'if' block",
        path + ":14: SQLALCHEMY_BINDS is changed by code here",
        path + ":18: SQLALCHEMY_BINDS is set inside a 'def' block",
    };
    for (const QString &line : expected)
        QVERIFY2(warnings.contains(line), qPrintable("missing: " + line + "\nin:\n" + warnings));
    QCOMPARE(config.warnings().size(), expected.size());
}

void TestBindConfig::flaskForms()
{
    const QString path = write("config.py", R"PY(# -*- coding: utf-8 -*-
"""Module docstring with SQLALCHEMY_DATABASE_URI = 'x' inside."""
from app import create_app
SQLALCHEMY_BINDS: dict = {}
SQLALCHEMY_BINDS["triple"] = """sqlite:///tri""" '''ple.db'''
SQLALCHEMY_BINDS['raw'] = r'sqlite:///raw\dir.db'
SQLALCHEMY_BINDS["cont"] = \
    ("sqlite:///"
     "continued.db")
app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {'pool_size': 1_0, 'max_overflow': -1,
    'pool_timeout': 2.5e0, 'pool_recycle': 0x10, 'pool_use_lifo': True,
    'pool_reset_on_return': None, 'echo_pool': "debug",
    'leak_threshold': 30, 'read_only': True, 'connect_args': {'connect_timeout': 4}}
class Empty: pass
def create(): return 1; x = {"unbalanced in string ]": 1}
SQLALCHEMY_DATABASE_URI = 'mariadb://u@h/db'; OTHER = [1, 2]
)PY");
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY2(!config.hasError(), qPrintable(config.error()));
    QVERIFY2(config.warnings().isEmpty(), qPrintable(config.warnings().join('\n')));
    const QString instance = QDir(m_dir->path()).filePath("instance/");
    QCOMPARE(config.find("triple")->url.database(), instance + "triple.db");
    QCOMPARE(config.find("raw")->url.database(), instance + "raw\\dir.db");
    QCOMPARE(config.find("cont")->url.database(), instance + "continued.db");
    const PoolOptions &o = config.find("default")->options;
    QCOMPARE(o.poolSize, 10);
    QCOMPARE(o.maxOverflow, -1);
    QCOMPARE(o.timeout, 2.5);
    QCOMPARE(o.recycle, 16.0);
    QCOMPARE(o.lifo, true);
    QCOMPARE(o.resetOnReturn, PoolOptions::ResetOnReturn::None);
    QCOMPARE(o.echo, true);
    QCOMPARE(o.leakThreshold, 30.0);
    QCOMPARE(o.readOnly, true);
    QCOMPARE(o.connectTimeout, 4);
    QCOMPARE(config.find("default")->url.dialect(), Dialect::MySQL);
}

void TestBindConfig::brokenFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<QString>("message"); // after "<path>"

    QTest::newRow("unterminated string")
        << "config.py" << QByteArray("A = 1\nSQLALCHEMY_DATABASE_URI = \"sqlite:///x.db\n") << true
        << ":2:27: syntax error: unterminated string literal";
    QTest::newRow("unterminated triple")
        << "config.py" << QByteArray("X = '''never\nclosed\n") << true
        << ":1:5: syntax error: unterminated triple-quoted string literal";
    QTest::newRow("unclosed bracket")
        << "config.py" << QByteArray("SQLALCHEMY_BINDS = {\n  'a': ['sqlite://',\n}\n") << true
        << ":3:1: syntax error: closing '}' does not match '[' on line 2 column 8";
    QTest::newRow("never closed") << "config.py"
                                  << QByteArray("SQLALCHEMY_BINDS = {\n  'a': 'sqlite://',\n")
                                  << true << ":1:20: syntax error: '{' was never closed";
    QTest::newRow("stray closer") << "config.py" << QByteArray("x = 1)\n") << true
                                  << ":1:6: syntax error: unmatched ')'";
    QTest::newRow("empty value") << "config.py" << QByteArray("\n\nSQLALCHEMY_BINDS = {'a': }\n")
                                 << true << ":3:24: syntax error: expected a value after ':'";
    QTest::newRow("bad escape") << "config.py"
                                << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite:///\\x4.db'\n")
                                << true << ":1:27: syntax error: truncated \\x escape";
    QTest::newRow("invalid character") << "config.py" << QByteArray("x = 1\ny = $HOME\n") << true
                                       << ":2:5: syntax error: invalid character '$' (U+0024)";
    QTest::newRow("% in the path")
        << "100%1 %2/config.py" << QByteArray("\nDB = 1\nSQLALCHEMY_DATABASE_URI = x\n") << false
        << ":3: SQLALCHEMY_DATABASE_URI is not a literal (x)";
    QTest::newRow("% in the path, syntax") << "100%1 %2/config.py" << QByteArray("x = 'a\n") << true
                                           << ":1:5: syntax error: unterminated string literal";
    QTest::newRow("not a literal")
        << "config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = get_url()\n") << false
        << ":1: SQLALCHEMY_DATABASE_URI is not a literal (get_url())";
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(char((i * 7919 + 13) % 256));
    QTest::newRow("binary") << "config.py" << garbage << true
                            << ": is not a text file (it holds NUL bytes)";
    QTest::newRow("latin1") << "binds.json" << QByteArray("{\"a\": \"caf\xe9\"}") << true
                            << ": is not UTF-8 text";
    QTest::newRow("empty") << "config.py" << QByteArray() << false
                           << ": the file is empty; it defines no bind";
    QTest::newRow("blank env") << ".env" << QByteArray("\n  \n") << false
                               << ": the file is empty; it defines no bind";
    QTest::newRow("10 MB") << "config.py"
                           << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite://'\n# ") +
                                  QByteArray(10 * 1024 * 1024, 'x')
                           << true << ": the file is larger than 1024 KiB";
    QTest::newRow("100000 [") << "config.py"
                              << QByteArray("SQLALCHEMY_BINDS = ") + QByteArray(100000, '[') << true
                              << ":1:220: syntax error: too many nested brackets (more than 200)";
    QTest::newRow("deep but allowed")
        << "config.py"
        << QByteArray("SQLALCHEMY_BINDS = ") + QByteArray(199, '[') + QByteArray(199, ']') << false
        << ":1: SQLALCHEMY_BINDS must be a dict of bind names to URLs, not list; skipped";
    QTest::newRow("json garbage") << "binds.json"
                                  << QByteArray("{\"default\": \n  \"sqlite://\",,}") << true
                                  << ":2:16: JSON syntax error:";
    QTest::newRow("json array") << "binds.json" << QByteArray("[\"sqlite://\"]") << true
                                << ":1:1: a bind file holds a JSON object";
}

void TestBindConfig::brokenFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(bool, isError);
    QFETCH(QString, message);
    const QString path = write(name, content);
    QElapsedTimer timer;
    timer.start();
    const BindConfig config = BindConfig::readFile(path);
    QVERIFY2(timer.elapsed() < 20000, "reading a broken file must not take long");
    QCOMPARE(config.hasError(), isError);
    const QString all = config.error() + '\n' + config.warnings().join('\n');
    QVERIFY2(all.contains(path + message), qPrintable(all));
    if (isError)
        QVERIFY(config.binds().isEmpty());
}

void TestBindConfig::sqlitePaths_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("database"); // "<dir>/" is the temporary folder

    QTest::newRow("config.py: instance folder")
        << "proj/config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite:///app.db'")
        << "<dir>/proj/instance/app.db";
    QTest::newRow("config.py: subfolder and ..")
        << "proj/config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite:///../data/app.db'")
        << "<dir>/proj/data/app.db";
    QTest::newRow("config.py: absolute")
        << "proj/config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite:////srv/app.db'")
        << "/srv/app.db";
    QTest::newRow("config.py: memory")
        << "proj/config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite://'") << "";
    QTest::newRow("config.py: :memory:")
        << "proj/config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite:///:memory:'")
        << ":memory:";
    QTest::newRow("config.py: file URI")
        << "proj/config.py"
        << QByteArray("SQLALCHEMY_DATABASE_URI = 'sqlite:///file:app.db?mode=ro&uri=true'")
        << "file:<dir>/proj/instance/app.db";
    QTest::newRow(".env: file folder")
        << "proj/.env" << QByteArray("SQLALCHEMY_DATABASE_URI=sqlite:///app.db")
        << "<dir>/proj/app.db";
    QTest::newRow("json: file folder")
        << "proj/binds.json" << QByteArray("{\"default\": \"sqlite:///db/app.db\"}")
        << "<dir>/proj/db/app.db";
    // Found by fuzzing: cleaning "db /" to "db " would end the URL in a blank,
    // which does not survive being written and read again.
    QTest::newRow("json: blank before a trailing /")
        << "proj/binds.json" << QByteArray("{\"default\": \"sqlite:///db /\"}")
        << "<dir>/proj/db /";
    QTest::newRow("postgresql untouched")
        << "proj/config.py" << QByteArray("SQLALCHEMY_DATABASE_URI = 'postgresql://h/app.db'")
        << "app.db";
}

void TestBindConfig::sqlitePaths()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, database);
    const BindConfig config = BindConfig::readFile(write(file, content));
    QVERIFY2(!config.hasError(), qPrintable(config.error()));
    QVERIFY2(config.find("default"), qPrintable(config.warnings().join('\n')));
    const QString expected = database.replace("<dir>", m_dir->path());
    QCOMPARE(config.find("default")->url.database(), expected);
    const Url &url = config.find("default")->url;
    QCOMPARE(Url::parse(url.render(false))->render(false), url.render(false));
    // The absolute path is what the URL shows.
    if (expected.startsWith('/'))
        QVERIFY(config.find("default")->url.toDisplayString().contains(expected));
}

void TestBindConfig::engineOptionWarnings()
{
    const QString path = write("config.py", R"(SQLALCHEMY_DATABASE_URI = "sqlite://"
SQLALCHEMY_ENGINE_OPTIONS = {
    "pool_size": -3,
    "max_overflow": True,
    "pool_timeout": "30",
    "echo": True,
    "pool_reset_on_return": "sometimes",
    "connect_args": {"check_same_thread": False, "connect_timeout": 0},
    "pool_recycle": -5,
    "leak_threshold": 99999999999999999999999,
    "pool_size": 8,
    3: "x",
}
)");
    const BindConfig config = BindConfig::readFile(path);
    const PoolOptions &o = config.find("default")->options;
    QCOMPARE(o.poolSize, 8);
    QCOMPARE(o.maxOverflow, 10);
    QCOMPARE(o.timeout, 30.0);
    QCOMPARE(o.recycle, -1.0);
    QCOMPARE(o.connectTimeout, 10);
    QCOMPARE(o.leakThreshold, 9223372036854775807.0);
    const QString warnings = config.warnings().join('\n');
    const QStringList expected = {
        path + ":3: SQLALCHEMY_ENGINE_OPTIONS['pool_size']: pool_size must be 0 or more, not -3; "
               "ignored",
        path + ":4: SQLALCHEMY_ENGINE_OPTIONS['max_overflow'] must be an integer, not bool",
        path + ":5: SQLALCHEMY_ENGINE_OPTIONS['pool_timeout'] must be a number of seconds, not str",
        path + ":6: SQLALCHEMY_ENGINE_OPTIONS['echo'] is a create_engine() option poolscope does "
               "not use",
        path + ":7: SQLALCHEMY_ENGINE_OPTIONS['pool_reset_on_return'] must be 'rollback', "
               "'commit' or None",
        path + ":8: SQLALCHEMY_ENGINE_OPTIONS['connect_args']['check_same_thread'] is not used",
        path + ":8: SQLALCHEMY_ENGINE_OPTIONS['connect_args']['connect_timeout']: connect_timeout "
               "must be at least 1 second",
        path + ":12: SQLALCHEMY_ENGINE_OPTIONS has a int key",
    };
    for (const QString &line : expected)
        QVERIFY2(warnings.contains(line), qPrintable("missing: " + line + "\nin:\n" + warnings));
}

QTEST_GUILESS_MAIN(TestBindConfig)
#include "tst_bindconfig.moc"

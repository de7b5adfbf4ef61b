// The window's decisions that live below the GUI (core/workbench/,
// core/settings/, ConnectionTest), on real SQLite files: Commit All at quit,
// remembered binds and their passwords, tabs kept for the next start,
// completion words, and the bind dialog's connection test.
#include "core/config/url.h"
#include "core/connection/threadreaper.h"
#include "core/keychain/passwordstore.h"
#include "core/pool/connectiontest.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "core/schema/schema.h"
#include "core/settings/bindstore.h"
#include "core/settings/queryhistories.h"
#include "core/settings/queryhistory.h"
#include "core/settings/settingswriter.h"
#include "core/settings/tabstore.h"
#include "core/workbench/commitall.h"
#include "core/workbench/completionwords.h"
#include "core/workbench/rememberedbinds.h"
#include "tests/support/testsupport.h"

#include <QRegularExpression>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace testsupport;

class TestWorkbench final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commitAllReportsEveryTab();
    void commitAllWithNothingToCommit();
    void rememberedBindsKeepNoPassword();
    void tabsAndHistoriesComeBack();
    void settingsWriterWritesOnItsThreadNewestFirst();
    void completionWordsFromSchema();
    void connectionTestSaysVersionOrError();

private:
    Bind sqliteBind(const QString &stem);
    QTemporaryDir m_dir;
};

Bind TestWorkbench::sqliteBind(const QString &stem)
{
    QString why;
    const std::optional<Url> url = databaseUrl(Dialect::SQLite, &why);
    return makeBind(*url, stem);
}

void TestWorkbench::commitAllReportsEveryTab()
{
    Engine engine(sqliteBind(QStringLiteral("commitall")));
    auto *writer = new Session(&engine, QStringLiteral("writer"));
    auto *idle = new Session(&engine, QStringLiteral("idle"));
    auto *doomed = new Session(&engine, QStringLiteral("doomed"));
    QVERIFY(run(writer, QStringLiteral("CREATE TABLE t (x INTEGER)")).ok);
    writer->setMode(Session::Mode::Transaction);
    QVERIFY(run(writer, QStringLiteral("INSERT INTO t VALUES (1)")).ok);
    QVERIFY(writer->inTransaction());
    doomed->setMode(Session::Mode::Transaction);
    QVERIFY(run(doomed, QStringLiteral("SELECT 1")).ok);

    CommitAll commitAll;
    QSignalSpy finished(&commitAll, &CommitAll::finished);
    QVERIFY(
        commitAll.start({writer, idle, doomed}, {QStringLiteral("tab 1"), QStringLiteral("tab 2"),
                                                 QStringLiteral("tab 3")}));
    QVERIFY(commitAll.isRunning());
    QVERIFY(!commitAll.start({writer}, {QStringLiteral("again")})); // one at a time
    delete doomed;                                                  // closed while committing
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!commitAll.isRunning());

    const auto failures = finished.at(0).at(0).value<QList<CommitAll::Failure>>();
    QCOMPARE(failures.size(), 2);
    QCOMPARE(failures.at(0).name, QStringLiteral("tab 2"));
    QVERIFY(failures.at(0).error.isEmpty()); // nothing to commit: could not start
    QCOMPARE(failures.at(1).name, QStringLiteral("tab 3"));
    QVERIFY(!failures.at(1).error.isEmpty());
    QVERIFY(!writer->inTransaction());

    // Asked of a connection of its own, not of our bookkeeping.
    Session reader(&engine, QStringLiteral("reader"));
    QList<QStringList> rows;
    QVERIFY(run(&reader, QStringLiteral("SELECT count(*) FROM t"), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("1"));
    delete writer;
    delete idle;
}

void TestWorkbench::commitAllWithNothingToCommit()
{
    CommitAll commitAll;
    QSignalSpy finished(&commitAll, &CommitAll::finished);
    QVERIFY(commitAll.start({}, {}));
    QCOMPARE(finished.size(), 0); // never from inside start()
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.at(0).at(0).value<QList<CommitAll::Failure>>().isEmpty());
}

void TestWorkbench::rememberedBindsKeepNoPassword()
{
    const QString file = m_dir.filePath(QStringLiteral("remembered.ini"));
    const QString secret = QStringLiteral("Remembered-Secret-77");
    // Never connected: adding a bind opens nothing.
    Bind withPassword =
        makeBind(*Url::parse(QStringLiteral("postgresql://someone@127.0.0.1:9/shop")),
                 QStringLiteral("kept"));
    withPassword.url.setPassword(secret);
    {
        QSettings settings(file, QSettings::IniFormat);
        Workspace workspace;
        PasswordStore passwords(
            QStringLiteral("poolscope-test-%1").arg(uniqueIdentifier(QStringLiteral("kc"))));
        RememberedBinds remembered(&workspace, &settings, &passwords);
        QString error;
        QVERIFY2(remembered.add(withPassword, false, &error), qPrintable(error));
        QVERIFY(!remembered.add(withPassword, false, &error)); // the name is taken
        QVERIFY(!error.isEmpty());
        Bind other = sqliteBind(QStringLiteral("gone"));
        QVERIFY(remembered.add(other, false, &error));
        remembered.forget(other.name);
        QVERIFY(!workspace.engine(other.name));
        settings.sync();
    }
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    QVERIFY(!text.contains(secret.toUtf8()));

    QSettings settings(file, QSettings::IniFormat);
    const QList<BindStore::Entry> entries = BindStore(&settings).load();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).bind.name, withPassword.name);
    QVERIFY(entries.at(0).needsPassword);

    // The next start: no password was kept anywhere, so the person is asked.
    Workspace workspace;
    PasswordStore passwords(
        QStringLiteral("poolscope-test-%1").arg(uniqueIdentifier(QStringLiteral("kc"))));
    RememberedBinds remembered(&workspace, &settings, &passwords);
    QSignalSpy restored(&remembered, &RememberedBinds::restored);
    QStringList asked;
    remembered.restore([&](const Bind &bind) {
        asked << bind.name;
        return QStringLiteral("typed");
    });
    QVERIFY(restored.size() == 1 || restored.wait(15000));
    QCOMPARE(asked, QStringList{withPassword.name});
    Engine *engine = workspace.engine(withPassword.name);
    QVERIFY(engine);
    QCOMPARE(engine->url().password(), QStringLiteral("typed"));
}

void TestWorkbench::tabsAndHistoriesComeBack()
{
    const QString file = m_dir.filePath(QStringLiteral("tabs.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        TabStore(&settings).save({{QStringLiteral("a"), QStringLiteral("SELECT 1;\nSELECT 'ü'")},
                                  {QStringLiteral("b"), QString()}});
        QueryHistories histories(&settings);
        QCOMPARE(histories.of(QStringLiteral("a")), histories.of(QStringLiteral("a")));
        QVERIFY(histories.of(QStringLiteral("a")) != histories.of(QStringLiteral("b")));
        histories.of(QStringLiteral("a"))->add(QStringLiteral("SELECT 2"), true, 3);
    }
    QSettings settings(file, QSettings::IniFormat);
    const QList<TabStore::Entry> tabs = TabStore(&settings).load();
    QCOMPARE(tabs.size(), 2);
    QCOMPARE(tabs.at(0).bind, QStringLiteral("a"));
    QCOMPARE(tabs.at(0).text, QStringLiteral("SELECT 1;\nSELECT 'ü'"));
    QCOMPARE(tabs.at(1).bind, QStringLiteral("b"));
    TabStore(&settings).save({});
    QVERIFY(TabStore(&settings).load().isEmpty());
    QueryHistories histories(&settings);
    QCOMPARE(histories.of(QStringLiteral("a"))->entries().value(0).sql, QStringLiteral("SELECT 2"));
}

void TestWorkbench::settingsWriterWritesOnItsThreadNewestFirst()
{
    const QString file = m_dir.filePath(QStringLiteral("writer.ini"));
    QSettings settings(file, QSettings::IniFormat);
    SettingsWriter writer(settings);
    QSemaphore gate;
    QSemaphore started;
    QThread *writingThread = nullptr;
    bool opened = false;
    QStringList ran;
    // The first write holds the writer's thread until the gate opens, so the
    // two writes of "b" wait together and only the newer one runs.
    writer.put(QStringLiteral("a"), [&](QSettings &s) {
        writingThread = QThread::currentThread();
        started.release();
        opened = gate.tryAcquire(1, 10000);
        s.setValue(QStringLiteral("a"), 1);
        ran << QStringLiteral("a");
    });
    QVERIFY(started.tryAcquire(1, 10000)); // not run here: put() returned
    for (int value : {2, 3}) {
        writer.put(QStringLiteral("b"), [&ran, value](QSettings &s) {
            s.setValue(QStringLiteral("b"), value);
            ran << QStringLiteral("b%1").arg(value);
        });
    }
    gate.release();
    writer.flush();
    QVERIFY(opened);
    QVERIFY(writingThread && writingThread != QThread::currentThread());
    QCOMPARE(ran, (QStringList{QStringLiteral("a"), QStringLiteral("b3")}));
    // On disk, and seen through the caller's own QSettings too.
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("b")).toInt(), 3);
    QCOMPARE(settings.value(QStringLiteral("a")).toInt(), 1);
}

void TestWorkbench::completionWordsFromSchema()
{
    Schema schema;
    SchemaTable orders;
    orders.name = QStringLiteral("orders");
    SchemaColumn id;
    id.name = QStringLiteral("id");
    SchemaColumn total;
    total.name = QStringLiteral("total");
    orders.columns = {id, total};
    SchemaTable users;
    users.name = QStringLiteral("users");
    users.columns = {id};
    schema.tables = {orders, users};

    CompletionWords words;
    QSignalSpy changed(&words, &CompletionWords::changed);
    words.update(QStringLiteral("shop"), schema);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(words.of(QStringLiteral("shop")),
             (QStringList{QStringLiteral("orders"), QStringLiteral("id"), QStringLiteral("total"),
                          QStringLiteral("users")}));
    QVERIFY(words.of(QStringLiteral("other")).isEmpty());

    // A schema read from a catalog has its names made on the reading worker
    // (Schema::shareTexts): the same words, and the ones the update takes.
    Schema shared = schema;
    // Two reads of one text, as a catalog's rows give them.
    shared.tables[0].columns[0].name = QString::fromUtf8("id");
    shared.tables[1].columns[0].name = QString::fromUtf8("id");
    QVERIFY(!shared.tables.at(0).columns.at(0).name.isSharedWith(
        shared.tables.at(1).columns.at(0).name));
    shared.shareTexts();
    QCOMPARE(shared.names, words.of(QStringLiteral("shop")));
    QVERIFY(shared.tables.at(0).columns.at(0).name.isSharedWith(
        shared.tables.at(1).columns.at(0).name));
    shared.names = QStringList{QStringLiteral("made_on_the_worker")};
    words.update(QStringLiteral("read"), shared);
    QCOMPARE(words.of(QStringLiteral("read")), shared.names);
}

void TestWorkbench::connectionTestSaysVersionOrError()
{
    ThreadReaper reaper;
    ConnectionTest test(&reaper);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    Bind good = sqliteBind(QStringLiteral("test"));
    test.start(good);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    // SQLite's library version, as "Connected: 3.40.1" shows it.
    QVERIFY2(finished.at(0).at(1).toString().contains(
                 QRegularExpression(QStringLiteral("^\\d+\\.\\d+"))),
             qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(waitUntil([&] { return openFileHandles(good.url.database()) == 0; }));

    Bind bad = good;
    bad.url = *Url::parse(QStringLiteral("sqlite:///") +
                          m_dir.filePath(QStringLiteral("no/such/dir/x.db")));
    test.start(bad);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(1).at(0).toBool(), false);
    QVERIFY(!finished.at(1).at(1).toString().isEmpty());

    // Dropped while connecting: nothing waits, nothing stays open.
    test.start(good);
    test.start(good);
    QVERIFY(finished.wait(10000));
    QVERIFY(waitUntil([&] { return openFileHandles(good.url.database()) == 0; }));
}

QTEST_GUILESS_MAIN(TestWorkbench)
#include "tst_workbench.moc"

// Read-only binds are enforced by the server or the driver, never by looking
// at the SQL: QSQLITE_OPEN_READONLY, PostgreSQL's default_transaction_read_only,
// MySQL's SET SESSION TRANSACTION READ ONLY. Writes fail with a clear message
// through a Session and through `poolscope query --read-only`, reads work,
// and a session that switches read-only off never hands a writable
// connection back to the pool.
#include "core/connection/connection.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "tests/support/testsupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using testsupport::run;

class TestReadOnly final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesFailReadsWork_data() { testsupport::addDialectRows(); }
    void writesFailReadsWork();
    void switchingReadOnlyOffDoesNotLast_data() { testsupport::addDialectRows(); }
    void switchingReadOnlyOffDoesNotLast();
    void commandLineReadOnly_data() { testsupport::addDialectRows(); }
    void commandLineReadOnly();
};

namespace {

// "cannot execute INSERT in a read-only transaction", "Cannot execute
// statement in a READ ONLY transaction", "attempt to write a readonly database".
bool saysReadOnly(const QString &message)
{
    static const QRegularExpression words(QStringLiteral("read[- ]?only"),
                                          QRegularExpression::CaseInsensitiveOption);
    return message.contains(words);
}

struct Fixture
{
    explicit Fixture(const Url &url)
        : probe(url)
        , table(testsupport::uniqueIdentifier(QStringLiteral("ro")))
    {
        ok = probe.exec(
                 QStringLiteral("CREATE TABLE %1 (id INTEGER, name VARCHAR(20))").arg(table)) &&
             probe.exec(QStringLiteral("INSERT INTO %1 VALUES (1, 'one')").arg(table));
    }
    ~Fixture() { probe.exec(QStringLiteral("DROP TABLE %1").arg(table)); }
    QString rows() { return probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)); }

    testsupport::ServerProbe probe;
    QString table;
    bool ok = false;
};

} // namespace

void TestReadOnly::writesFailReadsWork()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Fixture fixture(url);
    QVERIFY2(fixture.ok, qPrintable(fixture.probe.error()));
    const QString table = fixture.table;
    PoolOptions options;
    options.readOnly = true;
    Engine engine(testsupport::makeBind(url, QStringLiteral("ro"), options));
    Session session(&engine, QStringLiteral("tab"));

    QList<QStringList> rows;
    const StatementResult read =
        run(&session, QStringLiteral("SELECT id, name FROM %1").arg(table), &rows);
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(rows, (QList<QStringList>{{QStringLiteral("1"), QStringLiteral("one")}}));

    const QStringList writes = {
        QStringLiteral("INSERT INTO %1 VALUES (2, 'two')").arg(table),
        QStringLiteral("UPDATE %1 SET name = 'changed'").arg(table),
        QStringLiteral("DELETE FROM %1").arg(table),
        QStringLiteral("CREATE TABLE %1_new (id INTEGER)").arg(table),
        QStringLiteral("DROP TABLE %1").arg(table),
    };
    for (const Session::Mode mode : {Session::Mode::Autocommit, Session::Mode::Transaction}) {
        session.setMode(mode);
        for (const QString &sql : writes) {
            const StatementResult result = run(&session, sql);
            QVERIFY2(!result.ok, qPrintable(sql));
            QVERIFY2(saysReadOnly(result.error),
                     qPrintable(sql + QStringLiteral(": ") + result.error));
            QVERIFY(!result.connectionLost);
            if (session.inTransaction())
                QVERIFY(run(&session, QStringLiteral("ROLLBACK")).ok);
        }
    }
    session.setMode(Session::Mode::Autocommit);
    // Nothing changed, and reading still works on the same bind.
    QCOMPARE(fixture.rows(), QStringLiteral("1"));
    QCOMPARE(fixture.probe.scalar(QStringLiteral("SELECT name FROM %1").arg(table)),
             QStringLiteral("one"));
    rows.clear();
    QVERIFY(run(&session, QStringLiteral("SELECT count(*) FROM %1").arg(table), &rows).ok);
    QCOMPARE(rows.value(0).value(0), QStringLiteral("1"));
}

void TestReadOnly::switchingReadOnlyOffDoesNotLast()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Fixture fixture(url);
    QVERIFY2(fixture.ok, qPrintable(fixture.probe.error()));
    const QString insert = QStringLiteral("INSERT INTO %1 VALUES (2, 'two')").arg(fixture.table);
    PoolOptions options;
    options.readOnly = true;
    options.poolSize = 1; // one connection: whatever the escape did, the next statement gets it
    options.maxOverflow = 0;
    EventLog log;
    Engine engine(testsupport::makeBind(url, QStringLiteral("escape"), options), &log);
    Session session(&engine, QStringLiteral("tab"));
    QVERIFY(run(&session, QStringLiteral("SELECT 1")).ok);

    if (dialect == Dialect::SQLite) {
        // The file is open read-only: the same file attached again under
        // another name is read-only too, and no pragma turns it writable.
        const QString attach = QStringLiteral("ATTACH DATABASE '%1' AS again").arg(url.database());
        QVERIFY(run(&session, attach).ok);
        const StatementResult write = run(
            &session, QStringLiteral("INSERT INTO again.%1 VALUES (2, 'two')").arg(fixture.table));
        QVERIFY(!write.ok);
        QVERIFY2(saysReadOnly(write.error), qPrintable(write.error));
        QVERIFY(run(&session, QStringLiteral("DETACH DATABASE again")).ok);
        QVERIFY(run(&session, QStringLiteral("PRAGMA query_only = 0")).ok);
        QVERIFY(!run(&session, insert).ok);
        QCOMPARE(fixture.rows(), QStringLiteral("1"));
        return;
    }

    // The session turns read-only off for itself, as any SQL client can.
    const QString escape = dialect == Dialect::PostgreSQL
                               ? QStringLiteral("SET default_transaction_read_only = off")
                               : QStringLiteral("SET SESSION TRANSACTION READ WRITE");
    const qint64 before = engine.pool()->connections().constFirst()->serverId();
    const StatementResult switched = run(&session, escape);
    QVERIFY2(switched.ok, qPrintable(switched.error));
    // The person is told, and the connection does not go back to the pool.
    QVERIFY2(switched.notices.join(QLatin1Char('\n')).contains(QLatin1String("read-only")),
             qPrintable(switched.notices.join(QLatin1Char('\n'))));
    QTRY_VERIFY(engine.pool()->connections().isEmpty());
    bool invalidated = false;
    for (const PoolEvent &event : log.events())
        invalidated |= event.type == PoolEvent::Type::Invalidate && event.serverId == before;
    QVERIFY(invalidated);
    // The next statement gets a fresh connection, read-only again.
    const StatementResult write = run(&session, insert);
    QVERIFY2(!write.ok, "the bind became writable");
    QVERIFY2(saysReadOnly(write.error), qPrintable(write.error));
    QVERIFY(engine.pool()->connections().constFirst()->serverId() != before);
    QCOMPARE(fixture.rows(), QStringLiteral("1"));

    // The same inside a transaction that this tab holds: the connection is
    // dropped (the read-only transaction had nothing to lose) and the tab told.
    QSignalSpy lost(&session, &Session::connectionLost);
    session.setMode(Session::Mode::Transaction);
    QVERIFY(run(&session, QStringLiteral("SELECT 1")).ok);
    QVERIFY(session.inTransaction());
    const QString inTransaction = dialect == Dialect::PostgreSQL
                                      ? escape
                                      : QStringLiteral("SET SESSION TRANSACTION READ WRITE");
    QVERIFY(run(&session, inTransaction).ok);
    QTRY_COMPARE(lost.size(), 1);
    QVERIFY(!session.connection());
    session.setMode(Session::Mode::Autocommit);
    QVERIFY(!run(&session, insert).ok);
    QCOMPARE(fixture.rows(), QStringLiteral("1"));
}

void TestReadOnly::commandLineReadOnly()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Fixture fixture(url);
    QVERIFY2(fixture.ok, qPrintable(fixture.probe.error()));
    auto poolscope = [](const QStringList &arguments, QString *out, QString *err) {
        QProcess process;
        process.start(QStringLiteral(POOLSCOPE_BINARY), arguments);
        if (!process.waitForFinished(60000))
            return -1;
        *out = QString::fromUtf8(process.readAllStandardOutput());
        *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    const QString target = url.render(false);
    QString out, err;
    QCOMPARE(poolscope({QStringLiteral("query"), target,
                        QStringLiteral("SELECT name FROM %1").arg(fixture.table),
                        QStringLiteral("--read-only")},
                       &out, &err),
             0);
    QCOMPARE(out, QStringLiteral("name\none\n"));
    const QStringList writes = {
        QStringLiteral("INSERT INTO %1 VALUES (2, 'two')").arg(fixture.table),
        QStringLiteral("UPDATE %1 SET name = 'changed'").arg(fixture.table),
        QStringLiteral("CREATE TABLE %1_new (id INTEGER)").arg(fixture.table),
    };
    for (const QString &sql : writes) {
        QCOMPARE(poolscope({QStringLiteral("query"), target, sql, QStringLiteral("--read-only")},
                           &out, &err),
                 2);
        QVERIFY2(saysReadOnly(err), qPrintable(sql + QStringLiteral(": ") + err));
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY(err.startsWith(QLatin1String("poolscope query: ")));
    }
    QCOMPARE(fixture.rows(), QStringLiteral("1"));
    // Without --read-only the same write goes through: the refusal above
    // came from read-only mode, not from the statement.
    QCOMPARE(poolscope({QStringLiteral("query"), target, writes.first()}, &out, &err), 0);
    QCOMPARE(fixture.rows(), QStringLiteral("2"));
}

QTEST_GUILESS_MAIN(TestReadOnly)
#include "tst_readonly.moc"

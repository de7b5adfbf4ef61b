// PostgreSQL exports CSV through COPY (query) TO STDOUT (NativeConnection::copyCsv):
// the same bytes as the row-by-row path for every kind of value, the queries
// COPY does not take left to run on their own with nothing done, error
// positions in the user's text, a stop that leaves the session usable, and the
// export task choosing the path only for a single query that reads.
#include "core/connection/workercontext.h"
#include "core/driver/nativeconnection.h"
#include "core/export/exporttask.h"
#include "core/export/exportwriter.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/exportfixture.h"
#include "tests/support/testsupport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace exportfixture;
using testsupport::run;

namespace {

// What one export on the worker gave: its bytes, and the statement's end.
struct Written
{
    bool serverCsv = false; // copyCsv took the query
    QByteArray bytes;
    StatementResult statement;
    qint64 rows = 0;
};

} // namespace

Q_DECLARE_METATYPE(Written)

namespace {

enum class Path { ServerCsv, RowByRow };

// Runs sql on the session's worker into a CSV writer, through copyCsv or
// through execute (the row-by-row path); stopAfter > 0 stops the writer there.
std::optional<Written> writeCsv(Session *session, const QString &sql, Path path, bool header = true,
                                qint64 stopAfter = 0)
{
    std::optional<Written> outcome;
    QObject context;
    QObject::connect(
        session, &Session::taskFinished, &context,
        [&](const QVariant &value, const QString &) { outcome = value.value<Written>(); });
    session->runTask([sql, path, header, stopAfter](WorkerContext &worker) -> QVariant {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ExportOptions options;
        options.header = header;
        const auto writer = ExportWriter::create(options, &buffer);
        if (stopAfter > 0)
            writer->setRowCallback(stopAfter, [](qint64) { return false; });
        Written written;
        if (path == Path::ServerCsv)
            written.serverCsv = worker.native().copyCsv(sql.toUtf8(), header, *writer->csvLines(),
                                                        written.statement);
        else
            worker.native().execute(sql.toUtf8(), *writer, written.statement);
        writer->finish();
        written.bytes = buffer.data();
        written.rows = writer->rows();
        return QVariant::fromValue(written);
    });
    testsupport::waitUntil([&] { return outcome.has_value(); }, 60000);
    return outcome;
}

} // namespace

class TestPostgresCsvCopy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sameBytesAsRowByRow();
    void queriesCopyDoesNotTake();
    void errorsPointIntoTheQuery();
    void stopLeavesSessionUsable();
    void exportTaskUsesCopyForOneRead();

private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Session> m_session;
    QString m_table;
};

void TestPostgresCsvCopy::initTestCase()
{
    qRegisterMetaType<ExportResult>();
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    m_engine = std::make_unique<Engine>(testsupport::makeBind(url, QStringLiteral("csv-copy")));
    m_session = std::make_unique<Session>(m_engine.get(), QStringLiteral("csv-copy"));
    m_table = testsupport::uniqueIdentifier(QStringLiteral("copy"));
    QString error;
    QVERIFY2(createValuesTable(m_session.get(), Dialect::PostgreSQL, m_table,
                               trickyValues(1024 * 1024), &error),
             qPrintable(error));
}

void TestPostgresCsvCopy::cleanupTestCase()
{
    if (m_session)
        run(m_session.get(), QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_table));
}

void TestPostgresCsvCopy::sameBytesAsRowByRow()
{
    // Every kind of value an export treats differently, bytea and NULLs included.
    const QString sql =
        QStringLiteral("SELECT id, v, id * 0.125 AS n, id / 3.0::float8 AS r, id % 2 = 0 AS b, "
                       "convert_to(coalesce(v, ''), 'UTF8') AS bin, ''::bytea AS empty, "
                       "date '2024-02-29' + id AS d, timestamptz '2024-02-29 13:45:06+01' AS ts, "
                       "NULL::text AS nothing, '' AS blank, '\\.' AS eod, ARRAY[id, NULL] AS a, "
                       "jsonb_build_object('v', v) AS j "
                       "FROM %1 ORDER BY id")
            .arg(m_table);
    for (const bool header : {true, false}) {
        const auto copied = writeCsv(m_session.get(), sql, Path::ServerCsv, header);
        const auto rowByRow = writeCsv(m_session.get(), sql, Path::RowByRow, header);
        QVERIFY(copied && rowByRow);
        QVERIFY(copied->serverCsv);
        QVERIFY2(copied->statement.ok, qPrintable(copied->statement.error));
        QVERIFY(rowByRow->statement.ok);
        QCOMPARE(copied->rows, rowByRow->rows);
        QCOMPARE(copied->statement.rowCount, rowByRow->rows);
        QVERIFY(copied->bytes.size() > 1024 * 1024);
        QVERIFY(copied->bytes.contains(",\\x,")); // the empty bytea, in hex like every export
        if (copied->bytes != rowByRow->bytes) {
            qsizetype at = 0;
            while (copied->bytes.at(at) == rowByRow->bytes.at(at))
                ++at;
            QFAIL(qPrintable(QStringLiteral("differ at byte %1: COPY %2 / rows %3")
                                 .arg(at)
                                 .arg(QString::fromUtf8(copied->bytes.mid(at, 40)),
                                      QString::fromUtf8(rowByRow->bytes.mid(at, 40)))));
        }
    }
}

void TestPostgresCsvCopy::queriesCopyDoesNotTake()
{
    // SELECT … INTO makes a table; COPY refuses it before anything runs.
    const QString made = testsupport::uniqueIdentifier(QStringLiteral("into"));
    const auto into =
        writeCsv(m_session.get(), QStringLiteral("SELECT 1 AS x INTO TEMP TABLE %1").arg(made),
                 Path::ServerCsv);
    QVERIFY(into);
    QVERIFY(!into->serverCsv);
    QVERIFY(into->bytes.isEmpty());
    QList<QStringList> rows;
    QVERIFY(run(m_session.get(),
                QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = '%1'").arg(made),
                &rows)
                .ok);
    QCOMPARE(rows, (QList<QStringList>{{QStringLiteral("0")}}));

    // Inside a transaction a refusal would abort it: the row-by-row path runs.
    m_session->setMode(Session::Mode::Transaction);
    QVERIFY(run(m_session.get(), QStringLiteral("SELECT 1")).ok);
    const auto inTransaction =
        writeCsv(m_session.get(), QStringLiteral("SELECT 1"), Path::ServerCsv);
    QVERIFY(inTransaction);
    QVERIFY(!inTransaction->serverCsv);
    QVERIFY(m_session->rollback());
    QVERIFY(testsupport::waitUntil([&] { return !m_session->inTransaction(); }));
    m_session->setMode(Session::Mode::Autocommit);
}

void TestPostgresCsvCopy::errorsPointIntoTheQuery()
{
    const QString sql = QStringLiteral("SELECT id,\n  nope FROM %1").arg(m_table);
    const auto failed = writeCsv(m_session.get(), sql, Path::ServerCsv);
    QVERIFY(failed);
    QVERIFY(failed->serverCsv);
    QVERIFY(!failed->statement.ok);
    QCOMPARE(failed->statement.errorCode, QStringLiteral("42703"));
    QVERIFY2(failed->statement.error.contains(QLatin1String("nope")),
             qPrintable(failed->statement.error));
    QCOMPARE(failed->statement.errorPosition, int(sql.indexOf(QLatin1String("nope"))));
    QVERIFY(run(m_session.get(), QStringLiteral("SELECT 1")).ok);
}

void TestPostgresCsvCopy::stopLeavesSessionUsable()
{
    const QString sql =
        QStringLiteral("SELECT i, repeat('x', 200) FROM generate_series(1, 5000000) i");
    const auto stopped = writeCsv(m_session.get(), sql, Path::ServerCsv, true, 1000);
    QVERIFY(stopped);
    QVERIFY(stopped->serverCsv);
    QVERIFY(!stopped->statement.ok);
    QVERIFY(stopped->statement.cancelled);
    QCOMPARE(stopped->rows, qint64(1000));
    QList<QStringList> rows;
    QVERIFY(run(m_session.get(), QStringLiteral("SELECT 2"), &rows).ok);
    QCOMPARE(rows, (QList<QStringList>{{QStringLiteral("2")}}));
}

void TestPostgresCsvCopy::exportTaskUsesCopyForOneRead()
{
    // COPY shows in the server's view of the session while it runs; a query
    // that takes a moment is caught there.
    QTemporaryDir dir;
    const QString leading =
        QStringLiteral("-- the report\nSELECT id FROM %1, pg_sleep(0.5);").arg(m_table);
    const QString twoStatements =
        QStringLiteral("SELECT pg_sleep(0.5); SELECT id FROM %1").arg(m_table);
    for (const auto &[sql, viaCopy] : {std::pair{leading, true}, std::pair{twoStatements, false}}) {
        Session watcher(m_engine.get(), QStringLiteral("watcher"));
        QList<QStringList> pids;
        QVERIFY(run(m_session.get(), QStringLiteral("SELECT pg_backend_pid()"), &pids).ok);
        QString seen;
        QString taskError;
        bool finished = false;
        QObject context;
        connect(m_session.get(), &Session::taskFinished, &context,
                [&](const QVariant &, const QString &) { finished = true; });
        m_session->runTask(
            ExportTask::make(sql, ExportOptions(), dir.filePath(QStringLiteral("x.csv"))));
        QVERIFY(testsupport::waitUntil([&] {
            QList<QStringList> rows;
            if (run(&watcher,
                    QStringLiteral("SELECT query FROM pg_stat_activity WHERE pid = %1 "
                                   "AND state = 'active'")
                        .arg(pids.at(0).at(0)),
                    &rows)
                    .ok &&
                !rows.isEmpty())
                seen = rows.at(0).at(0);
            return !seen.isEmpty() || finished;
        }));
        QVERIFY(testsupport::waitUntil([&] { return finished; }, 30000));
        QVERIFY2(!seen.isEmpty(), qPrintable(sql));
        QCOMPARE(seen.startsWith(QLatin1String("COPY (")), viaCopy);
    }
}

QTEST_GUILESS_MAIN(TestPostgresCsvCopy)
#include "tst_postgrescsvcopy.moc"

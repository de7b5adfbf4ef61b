// PostgreSQL exports CSV through COPY (query) TO STDOUT (NativeConnection::copyCsv):
// the same bytes as the row-by-row path for every kind of value, whether the
// server sends CSV or binary that poolscope formats (PostgresBinaryCsv), the queries
// COPY does not take left to run on their own with nothing done, error
// positions in the user's text, a stop that leaves the session usable, and the
// export task choosing the path only for a single query that reads.
#include "core/config/url.h"
#include "core/connection/workercontext.h"
#include "core/driver/nativeconnection.h"
#include "core/driver/textrowsink.h"
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
    qint64 serverId = 0; // the server process that ran it
};

} // namespace

Q_DECLARE_METATYPE(Written)

namespace {

enum class Path { ServerCsv, RowByRow };

// A session setting (name, value) for the time of one export.
using Setting = std::pair<QString, QString>;

// Runs sql on the session's worker into a CSV writer, through copyCsv or
// through execute (the row-by-row path); stopAfter > 0 stops the writer there.
// setting, when named, holds on the worker's connection for the export only.
std::optional<Written> writeCsv(Session *session, const QString &sql, Path path, bool header = true,
                                qint64 stopAfter = 0, const Setting &setting = Setting())
{
    std::optional<Written> outcome;
    QObject context;
    QObject::connect(
        session, &Session::taskFinished, &context,
        [&](const QVariant &value, const QString &) { outcome = value.value<Written>(); });
    session->runTask([sql, path, header, stopAfter, setting](WorkerContext &worker) -> QVariant {
        const auto set = [&](const QString &value) {
            TextRowSink was;
            StatementResult statement;
            worker.native().execute(QStringLiteral("SELECT current_setting('%1'), "
                                                   "set_config('%1', '%2', false)")
                                        .arg(setting.first, value)
                                        .toUtf8(),
                                    was, statement);
            return was.rowCount() == 1 ? was.text(0, 0) : QString();
        };
        const QString previous = setting.first.isEmpty() ? QString() : set(setting.second);
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
        written.serverId = worker.native().serverId();
        if (!previous.isEmpty())
            set(previous);
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
    void binaryCopySameBytesAsRowByRow();
    void sessionSettingsTheBinaryTextCannotFollow();
    void queriesCopyDoesNotTake();
    void errorsPointIntoTheQuery();
    void stopLeavesSessionUsable();
    void exportTaskUsesCopyForOneRead();

private:
    QString lastQuery(qint64 serverId);
    void compareWithRowByRow(const QString &sql);

    Url m_url;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Session> m_session;
    QString m_table;
};

void TestPostgresCsvCopy::initTestCase()
{
    qRegisterMetaType<ExportResult>();
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    m_url = url;
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

// The end of a session's last statement, as the server shows it once the
// session is idle; asked on a pool of its own, which never lends that session.
QString TestPostgresCsvCopy::lastQuery(qint64 serverId)
{
    Engine engine(testsupport::makeBind(m_url, QStringLiteral("watcher")));
    Session watcher(&engine, QStringLiteral("watcher"));
    QList<QStringList> rows;
    if (!run(&watcher,
             QStringLiteral("SELECT right(query, 60) FROM pg_stat_activity WHERE pid = %1")
                 .arg(serverId),
             &rows)
             .ok ||
        rows.size() != 1)
        return QString();
    return rows.at(0).at(0);
}

void TestPostgresCsvCopy::compareWithRowByRow(const QString &sql)
{
    for (const bool header : {true, false}) {
        const auto copied = writeCsv(m_session.get(), sql, Path::ServerCsv, header);
        QVERIFY(copied);
        const QString last = lastQuery(copied->serverId);
        const auto rowByRow = writeCsv(m_session.get(), sql, Path::RowByRow, header);
        QVERIFY(copied && rowByRow);
        QVERIFY(copied->serverCsv);
        QVERIFY2(copied->statement.ok, qPrintable(copied->statement.error));
        QVERIFY2(rowByRow->statement.ok, qPrintable(rowByRow->statement.error));
        QVERIFY2(last.endsWith(QLatin1String("(FORMAT binary)")), qPrintable(last));
        QCOMPARE(copied->rows, rowByRow->rows);
        QCOMPARE(copied->statement.rowCount, rowByRow->rows);
        if (copied->bytes != rowByRow->bytes) {
            qsizetype at = 0;
            while (at < copied->bytes.size() && copied->bytes.at(at) == rowByRow->bytes.at(at))
                ++at;
            QFAIL(qPrintable(QStringLiteral("differ at byte %1: binary %2 / rows %3")
                                 .arg(at)
                                 .arg(QString::fromUtf8(copied->bytes.mid(at - 20, 60)),
                                      QString::fromUtf8(rowByRow->bytes.mid(at - 20, 60)))));
        }
    }
}

void TestPostgresCsvCopy::binaryCopySameBytesAsRowByRow()
{
    // Every type the binary path writes, at the edges of its range and drawn
    // at random across it; the row-by-row path has the server's own text.
    const QString values = testsupport::uniqueIdentifier(QStringLiteral("binary"));
    QVERIFY(run(m_session.get(),
                QStringLiteral(
                    "CREATE TABLE %1 AS SELECT i, "
                    "(exp((random() - 0.5) * 1400) * sign(random() - 0.5))::float8 AS f, "
                    "round(((random() - 0.5) * 10 ^ (random() * 40 - 20))::numeric, "
                    "  (random() * 30)::int) AS n, "
                    "date '2000-01-01' + (random() * 3000000 - 1500000)::int AS d, "
                    "timestamp '2000-01-01' + (random() - 0.6) * interval '2500000 days' AS ts, "
                    "(random() * 4e-308)::float8 AS tiny, (random() * 9e18 - 4.5e18)::int8 AS i8, "
                    "(random() * 65535 - 32768)::int2 "
                    "AS i2, gen_random_uuid() AS u FROM generate_series(1, 20000) i")
                    .arg(values))
                .ok);
    const QString edges = testsupport::uniqueIdentifier(QStringLiteral("edges"));
    QVERIFY(run(m_session.get(),
                QStringLiteral(
                    "CREATE TABLE %1 AS SELECT * FROM (VALUES "
                    "(0::float8, 0::numeric, date '2000-01-01', timestamp '2000-01-01'), "
                    "('-0', '0.0000', '0001-01-01', '0001-01-01 00:00:00'), "
                    "('NaN', 'NaN', 'infinity', 'infinity'), "
                    "('Infinity', 'Infinity', '-infinity', '-infinity'), "
                    "('-Infinity', '-Infinity', '4713-01-01 BC', '4713-01-01 00:00:00 BC'), "
                    "(1e15, 1e15, '5874897-12-31', '294276-12-31 23:59:59.999999'), "
                    "(1e14, 99999999.00000001, '0001-12-31 BC', '0001-12-31 23:59:59.5 BC'), "
                    "(123456789012345.6, -0.00012, '1999-12-31', '1999-12-31 23:59:59.000001'), "
                    "(0.0001, 1e-20, '2000-02-29', '1970-01-01 00:00:00.12'), "
                    "(0.00001, 10000, '1900-03-01', '9999-12-31 12:00:00'), "
                    "(5e-324, 9999.9999, '10000-01-01', '10000-01-01 00:00:00'), "
                    "(1.7976931348623157e308, -123456789.123456789, '2400-02-29', "
                    "  '2100-02-28 01:02:03.4'), "
                    "(0.1, 0.5, '1582-10-10', '1582-10-10 10:10:10'), "
                    "(1.0 / 3, 1.0 / 3, '2024-02-29', '2024-02-29 13:45:06'), "
                    "(-2.5e-5, -1e30, '0044-03-15 BC', '0044-03-15 12:00:00 BC'), "
                    "(9007199254740993, 1e-7, '2000-01-02', '2000-01-01 00:00:00.000001')"
                    ") AS e(f, n, d, ts)")
                    .arg(edges))
                .ok);
    compareWithRowByRow(
        QStringLiteral("SELECT i, f, n, d, ts, i8, i2, u, -f AS negated, tiny, "
                       "i % 2 = 0 AS b, NULLIF(i % 5, 0)::oid AS o FROM %1 ORDER BY i")
            .arg(values));
    compareWithRowByRow(QStringLiteral("SELECT * FROM %1").arg(edges));
    compareWithRowByRow(
        QStringLiteral(
            "SELECT id, v, v::varchar(100000) AS vc, left(v, 3)::char(5) AS ch, left(v, 60)::name "
            "AS nm, convert_to(coalesce(v, ''), 'UTF8') AS bin, ''::bytea AS empty, "
            "json_build_object('v', v) AS js, jsonb_build_object('v', v, 'n', 2.50) AS jb, "
            "(-32768)::int2 AS lo2, 32767::int2 AS hi2, '-9223372036854775808'::int8 AS lo8, "
            "9223372036854775807::int8 AS hi8, 4294967295::oid AS hioid, '' AS blank, "
            "'\\.' AS eod, NULL::text AS nothing FROM %1 ORDER BY id")
            .arg(m_table));
    // In a row of one column, a lone \. is quoted like COPY's own CSV.
    const auto lone =
        writeCsv(m_session.get(), QStringLiteral("SELECT '\\.'::text AS \"\\.\""), Path::ServerCsv);
    QVERIFY(lone && lone->statement.ok);
    QCOMPARE(lone->bytes, QByteArray("\"\\.\"\n\"\\.\"\n"));
    QVERIFY(run(m_session.get(), QStringLiteral("DROP TABLE %1, %2").arg(values, edges)).ok);
}

void TestPostgresCsvCopy::sessionSettingsTheBinaryTextCannotFollow()
{
    // Other DateStyles, fewer float digits or bytea as escapes: the server
    // writes the CSV, with the session's own settings.
    const QList<Setting> settings = {{QStringLiteral("DateStyle"), QStringLiteral("German")},
                                     {QStringLiteral("extra_float_digits"), QStringLiteral("0")},
                                     {QStringLiteral("bytea_output"), QStringLiteral("escape")}};
    const QString sql = QStringLiteral(
        "SELECT date '2024-02-29' AS d, 1.0::float8 / 3 AS f, '\\x00ff'::bytea AS b");
    const QByteArrayList expected = {"29.02.2024,", ",0.333333333333333,", ",\\000\\377\n"};
    for (qsizetype i = 0; i < settings.size(); ++i) {
        const auto copied =
            writeCsv(m_session.get(), sql, Path::ServerCsv, true, 0, settings.at(i));
        QVERIFY(copied && copied->serverCsv);
        QVERIFY2(copied->statement.ok, qPrintable(copied->statement.error));
        // The session's own setting shows in the server's CSV.
        QVERIFY2(copied->bytes.contains(expected.at(i)), copied->bytes.constData());
    }
    // Each setting was the export's own: the next export is binary again.
    const auto after = writeCsv(m_session.get(), sql, Path::ServerCsv);
    QVERIFY(after && after->statement.ok);
    QCOMPARE(after->bytes, QByteArray("d,f,b\n2024-02-29,0.3333333333333333,\\x00ff\n"));
    QVERIFY(lastQuery(after->serverId).endsWith(QLatin1String("(FORMAT binary)")));
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

// Exports on SQLite: every format on tricky values, result-set shapes, failing
// devices and disks, atomic replacement, cancel, standard output, and
// constant memory over two million rows (in a child process). The model
// exporter has tst_modelexporter.
#include "core/export/exportfile.h"
#include "core/export/exportformat.h"
#include "core/export/exporttask.h"
#include "core/export/exportwriter.h"
#include "core/pool/engine.h"
#include "core/pool/session.h"
#include "tests/core/exportfixture.h"
#include "tests/core/failingdevice.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

using namespace exportfixture;

namespace {

const QString kValuesQuery = QStringLiteral("SELECT id, v FROM t ORDER BY id");

QString selfPath()
{
    return QCoreApplication::applicationFilePath();
}

} // namespace

class TestExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void formatNames();
    void csvRoundTrip();
    void tsvRoundTrip();
    void jsonAndJsonLines();
    void markdownColumns();
    void resultSetShapes();
    void failingDeviceStopsWriter();
    void devFullIsAClearError();
    void fullDiskLeavesNoFile();
    void cancelKeepsExistingFile();
    void cancelWhileSyncingKeepsExistingFile();
    void successReplacesExistingFile();
    void missingFolderIsAClearError();
    void standardOutput();
    void constantMemory();

private:
    QString m_path; // SQLite file holding table t with the tricky values
    QList<Value> m_values;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Session> m_session;
};

void TestExport::initTestCase()
{
    qRegisterMetaType<ExportResult>();
    QString why;
    const std::optional<Url> url = testsupport::databaseUrl(Dialect::SQLite, &why);
    QVERIFY2(url, qPrintable(why));
    m_path = url->database();
    m_engine = std::make_unique<Engine>(testsupport::makeBind(*url, QStringLiteral("export")));
    m_session = std::make_unique<Session>(m_engine.get(), QStringLiteral("export test"));
    m_values = trickyValues(300 * 1024);
    QString error;
    QVERIFY2(
        createValuesTable(m_session.get(), Dialect::SQLite, QStringLiteral("t"), m_values, &error),
        qPrintable(error));
}

void TestExport::formatNames()
{
    for (ExportFormat format : exportformats::all()) {
        QVERIFY(exportformats::fromName(exportformats::name(format)) == format);
        QVERIFY(exportformats::fromName(exportformats::fileExtension(format)) == format);
        QVERIFY(!exportformats::displayName(format).isEmpty());
    }
    QVERIFY(exportformats::fromName(QStringLiteral("md")) == ExportFormat::Markdown);
    QVERIFY(exportformats::fromName(QStringLiteral(" JSONL ")) == ExportFormat::JsonLines);
    QVERIFY(exportformats::fromName(QStringLiteral("sql")) == ExportFormat::SqlInsert);
    QVERIFY(!exportformats::fromName(QStringLiteral("xlsx")));
    QVERIFY(exportformats::fromFileName(QStringLiteral("/tmp/a.b/out.TSV")) == ExportFormat::Tsv);
    QVERIFY(!exportformats::fromFileName(QStringLiteral("/tmp/a.csv/out")));
}

void TestExport::csvRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    const ExportResult result = runExport(m_session.get(), kValuesQuery, ExportOptions(), path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.rows, qint64(m_values.size()));
    const QByteArray csv = readFile(path);
    QCOMPARE(result.bytes, qint64(csv.size()));

    QString error;
    const auto rows = readCsvWithPython(path, &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->size(), m_values.size() + 1);
    QCOMPARE(rows->at(0), (QStringList{QStringLiteral("id"), QStringLiteral("v")}));
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        const QString expected = m_values.at(i) ? QString::fromUtf8(*m_values.at(i)) : QString();
        QCOMPARE(rows->at(i + 1).size(), 2);
        QCOMPARE(rows->at(i + 1).at(0), QString::number(i + 1));
        QVERIFY2(rows->at(i + 1).at(1) == expected,
                 qPrintable(QStringLiteral("row %1").arg(i + 1)));
    }
    // Python reads NULL and "" alike; the bytes tell them apart.
    const qsizetype nullId = m_values.indexOf(std::nullopt) + 1;
    const qsizetype emptyId = m_values.indexOf(QByteArray("")) + 1;
    QVERIFY(csv.contains("\n" + QByteArray::number(nullId) + ",\n"));
    QVERIFY(csv.contains("\n" + QByteArray::number(emptyId) + ",\"\"\n"));
    // Quotes only where needed.
    QVERIFY(csv.contains(",  leading and trailing  \n"));
    QVERIFY(csv.contains(",\"say \"\"hi\"\"\"\n"));
    QVERIFY(csv.startsWith("id,v\n1,"));

    ExportOptions noHeader;
    noHeader.header = false;
    QVERIFY(runExport(m_session.get(), kValuesQuery, noHeader, path).ok);
    QVERIFY(readFile(path).startsWith("1,"));
}

void TestExport::tsvRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.tsv"));
    ExportOptions options;
    options.format = ExportFormat::Tsv;
    const ExportResult result = runExport(m_session.get(), kValuesQuery, options, path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QList<QByteArray> lines = readFile(path).split('\n');
    QCOMPARE(lines.takeLast(), QByteArray()); // the file ends with a line end
    QCOMPARE(lines.size(), m_values.size() + 1);
    QCOMPARE(lines.at(0), QByteArray("id\tv"));
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i + 1).split('\t');
        QCOMPARE(fields.size(), 2);
        QCOMPARE(fields.at(0), QByteArray::number(i + 1));
        // Unescape as PostgreSQL's COPY FROM does.
        Value value;
        if (fields.at(1) != "\\N") {
            QByteArray text;
            const QByteArray &raw = fields.at(1);
            for (qsizetype p = 0; p < raw.size(); ++p) {
                if (raw.at(p) != '\\') {
                    text += raw.at(p);
                    continue;
                }
                QVERIFY(p + 1 < raw.size());
                const char next = raw.at(++p);
                text += next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
            }
            value = text;
        }
        QVERIFY2(value == m_values.at(i), qPrintable(QStringLiteral("row %1").arg(i + 1)));
    }
}

void TestExport::jsonAndJsonLines()
{
    QTemporaryDir dir;
    for (ExportFormat format : {ExportFormat::Json, ExportFormat::JsonLines}) {
        const QString path = dir.filePath(QStringLiteral("out.json"));
        ExportOptions options;
        options.format = format;
        const ExportResult result = runExport(m_session.get(), kValuesQuery, options, path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QJsonArray objects;
        const QByteArray bytes = readFile(path);
        if (format == ExportFormat::Json) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
            QVERIFY2(document.isArray(), qPrintable(error.errorString()));
            objects = document.array();
        } else {
            QList<QByteArray> lines = bytes.split('\n');
            QCOMPARE(lines.takeLast(), QByteArray());
            for (const QByteArray &line : lines) {
                QJsonParseError error;
                const QJsonDocument document = QJsonDocument::fromJson(line, &error);
                QVERIFY2(document.isObject(), qPrintable(error.errorString()));
                objects.append(document.object());
            }
        }
        QCOMPARE(objects.size(), m_values.size());
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            const QJsonObject object = objects.at(i).toObject();
            QCOMPARE(object.keys(), (QStringList{QStringLiteral("id"), QStringLiteral("v")}));
            QVERIFY(object.value(QStringLiteral("id")).isDouble()); // a number, not "1"
            QCOMPARE(object.value(QStringLiteral("id")).toInteger(), i + 1);
            const QJsonValue v = object.value(QStringLiteral("v"));
            if (!m_values.at(i)) {
                QVERIFY(v.isNull());
            } else {
                QVERIFY(v.isString());
                QVERIFY2(v.toString() == QString::fromUtf8(*m_values.at(i)),
                         qPrintable(QStringLiteral("row %1").arg(i + 1)));
            }
        }
    }
}

void TestExport::markdownColumns()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.md"));
    ExportOptions options;
    options.format = ExportFormat::Markdown;
    const ExportResult result =
        runExport(m_session.get(), QStringLiteral("SELECT id, v, x'00ff' AS b FROM t ORDER BY id"),
                  options, path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QList<QByteArray> lines = readFile(path).split('\n');
    QCOMPARE(lines.takeLast(), QByteArray());
    QCOMPARE(lines.size(), m_values.size() + 2);
    QCOMPARE(lines.at(0), QByteArray("| id | v | b |"));
    QCOMPARE(lines.at(1), QByteArray("| ---: | --- | --- |"));
    for (const QByteArray &line : std::as_const(lines)) {
        // Cell borders are the pipes no backslash escapes.
        int pipes = 0;
        for (qsizetype p = 0; p < line.size(); ++p) {
            if (line.at(p) == '\\')
                ++p;
            else if (line.at(p) == '|')
                ++pipes;
        }
        QVERIFY2(pipes == 4, line.left(200).constData());
        QVERIFY(line.startsWith("| ") && line.endsWith(" |"));
    }
    const qsizetype nullId = m_values.indexOf(std::nullopt) + 1;
    QCOMPARE(lines.at(nullId + 1), "| " + QByteArray::number(nullId) + " | NULL | \\\\x00ff |");
    QVERIFY(lines.contains("| 5 | crlf<br>here | \\\\x00ff |"));
}

void TestExport::resultSetShapes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out"));
    auto exportAs = [&](ExportFormat format, const QString &sql) {
        ExportOptions options;
        options.format = format;
        const ExportResult result = runExport(m_session.get(), sql, options, path);
        return std::make_pair(result, readFile(path));
    };
    const QString none = QStringLiteral("SELECT id, v FROM t WHERE id < 0");
    QCOMPARE(exportAs(ExportFormat::Csv, none).second, QByteArray("id,v\n"));
    QCOMPARE(exportAs(ExportFormat::Json, none).second, QByteArray("[]\n"));
    QCOMPARE(exportAs(ExportFormat::JsonLines, none).second, QByteArray());
    QCOMPARE(exportAs(ExportFormat::Markdown, none).second,
             QByteArray("| id | v |\n| ---: | --- |\n"));

    // A statement without rows still gives a valid (empty) document.
    const QString update = QStringLiteral("UPDATE t SET id = id WHERE id < 0");
    const auto [updated, json] = exportAs(ExportFormat::Json, update);
    QVERIFY2(updated.ok, qPrintable(updated.error));
    QCOMPARE(json, QByteArray("[]\n"));
    QCOMPARE(exportAs(ExportFormat::Csv, update).second, QByteArray());

    // Only the first result set is written; the rest are counted.
    const QString two = QStringLiteral("SELECT 1 AS a; SELECT 2 AS b; SELECT 3 AS c");
    const auto [both, csv] = exportAs(ExportFormat::Csv, two);
    QVERIFY2(both.ok, qPrintable(both.error));
    QCOMPARE(csv, QByteArray("a\n1\n"));
    QCOMPARE(both.skippedResultSets, 2);
    QCOMPARE(both.rows, qint64(1));
    QCOMPARE(exportAs(ExportFormat::Json, two).second, QByteArray("[\n{\"a\":1}\n]\n"));

    // Duplicate names stay apart as JSON keys.
    QCOMPARE(exportAs(ExportFormat::JsonLines, QStringLiteral("SELECT 1 AS a, 2 AS a")).second,
             QByteArray("{\"a\":1,\"a_2\":2}\n"));

    // An SQL error fails the export and leaves no file.
    QFile::remove(path);
    const auto [failed, nothing] = exportAs(ExportFormat::Csv, QStringLiteral("SELECT nope"));
    QVERIFY(!failed.ok);
    QVERIFY(!failed.cancelled);
    QVERIFY2(failed.error.contains(QLatin1String("nope")), qPrintable(failed.error));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(entries(dir), QStringList());
}

void TestExport::failingDeviceStopsWriter()
{
    FailingDevice device(10000);
    QVERIFY(device.open(QIODevice::WriteOnly));
    ExportOptions options;
    options.bufferSize = 4096;
    const auto writer = ExportWriter::create(options, &device);
    const qint64 fed = feedUntilRefused(*writer, 1000000);
    QVERIFY(fed < 1000); // stopped right after the failing write, not at the end
    QVERIFY(writer->hasError());
    QVERIFY2(writer->error().contains(QLatin1String("simulated device full")),
             qPrintable(writer->error()));
    QVERIFY(!writer->finish());
    QVERIFY(writer->bytesWritten() <= 10000);
}

void TestExport::devFullIsAClearError()
{
    QFile full(QStringLiteral("/dev/full"));
    if (!full.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        QSKIP("this system has no /dev/full");
    const auto writer = ExportWriter::create(ExportOptions(), &full);
    feedUntilRefused(*writer, 1000000);
    QVERIFY(!writer->finish());
    QVERIFY2(writer->error().contains(QLatin1String("No space left on device")),
             qPrintable(writer->error()));
    QCOMPARE(writer->bytesWritten(), qint64(0));
}

void TestExport::fullDiskLeavesNoFile()
{
    // A real failing disk for this process: writes past 1 MiB fail with EFBIG.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeFile(path, "old content\n"));
    rlimit saved{};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto savedSignal = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 1024 * 1024;
    QVERIFY(setrlimit(RLIMIT_FSIZE, &limited) == 0);
    const ExportResult result =
        runExport(m_session.get(), generatedRows(100000), ExportOptions(), path);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, savedSignal);

    QVERIFY(!result.ok);
    QVERIFY(!result.cancelled);
    QVERIFY2(result.error.contains(QLatin1String("File too large")), qPrintable(result.error));
    QVERIFY(result.rows < 100000);
    QCOMPARE(readFile(path), QByteArray("old content\n"));
    QCOMPARE(entries(dir), QStringList{QStringLiteral("report.csv")});
    // The session is usable again right away.
    QVERIFY(testsupport::run(m_session.get(), QStringLiteral("SELECT 1")).ok);
}

void TestExport::cancelKeepsExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeFile(path, "old content\n"));
    QString taskError;
    qint64 progressRows = 0;
    const ExportResult result = runExport(m_session.get(), generatedRows(100000000),
                                          ExportOptions(), path, &taskError, [&](qint64 rows) {
                                              if (progressRows == 0)
                                                  m_session->cancel();
                                              progressRows = rows;
                                          });
    QVERIFY(progressRows > 0);
    QCOMPARE(taskError, QStringLiteral("Cancelled"));
    QVERIFY(!result.ok);
    QVERIFY(result.cancelled);
    QVERIFY(result.rows < 100000000);
    QCOMPARE(readFile(path), QByteArray("old content\n"));
    QCOMPARE(entries(dir), QStringList{QStringLiteral("report.csv")});
}

void TestExport::cancelWhileSyncingKeepsExistingFile()
{
    // Tens of megabytes in: the file's own thread has synced it several times
    // when the cancel comes, and must be done before the file goes.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeFile(path, "old content\n"));
    bool cancelled = false;
    const ExportResult result = runExport(m_session.get(), generatedRows(100000000),
                                          ExportOptions(), path, nullptr, [&](qint64 rows) {
                                              if (rows > 400000 && !cancelled) {
                                                  cancelled = true;
                                                  m_session->cancel();
                                              }
                                          });
    QVERIFY(cancelled);
    QVERIFY(result.cancelled);
    QVERIFY(result.bytes > 40 * 1000 * 1000);
    QCOMPARE(readFile(path), QByteArray("old content\n"));
    QCOMPARE(entries(dir), QStringList{QStringLiteral("report.csv")});
}

void TestExport::successReplacesExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeFile(path, QByteArray(100000, 'o')));
    const ExportResult result = runExport(
        m_session.get(), QStringLiteral("SELECT 1 AS a, 'x' AS b"), ExportOptions(), path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(readFile(path), QByteArray("a,b\n1,x\n"));
    QCOMPARE(entries(dir), QStringList{QStringLiteral("report.csv")});
}

void TestExport::missingFolderIsAClearError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/out.csv"));
    const ExportResult result =
        runExport(m_session.get(), QStringLiteral("SELECT 1"), ExportOptions(), path);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(QStringLiteral("Cannot write ") + path),
             qPrintable(result.error));
}

void TestExport::standardOutput()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.jsonl"));
    const QString sql = QStringLiteral("SELECT id, v FROM t WHERE id < 10 ORDER BY id");
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    QVERIFY(runExport(m_session.get(), sql, options, path).ok);

    QProcess child;
    child.start(selfPath(), {QStringLiteral("--export-child"), m_path, QStringLiteral("jsonl"),
                             QStringLiteral("-"), sql});
    QVERIFY(child.waitForFinished(60000));
    QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
    QCOMPARE(child.readAllStandardOutput(), readFile(path));
}

void TestExport::constantMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.csv"));
    QProcess child;
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed blocks in quarantine (256 MB by default):
    // without it the peak is the export's again (make asan).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("ASAN_OPTIONS", environment.value("ASAN_OPTIONS") + ":quarantine_size_mb=0");
    child.setProcessEnvironment(environment);
#endif
    child.start(selfPath(), {QStringLiteral("--export-child"), m_path, QStringLiteral("csv"), path,
                             generatedRows(2000000)});
    QVERIFY(child.waitForFinished(240000));
    const QByteArray report = child.readAllStandardError().trimmed();
    QVERIFY2(child.exitCode() == 0, report.constData());
    qInfo("child: %s", report.constData());
    // "rows=N bytes=N peak_kib=N"
    QMap<QByteArray, qint64> values;
    for (const QByteArray &pair : report.split(' ')) {
        const QList<QByteArray> parts = pair.split('=');
        if (parts.size() == 2)
            values.insert(parts.at(0), parts.at(1).toLongLong());
    }
    QCOMPARE(values.value("rows"), qint64(2000000));
    const qint64 size = QFileInfo(path).size();
    QCOMPARE(values.value("bytes"), size);
    QVERIFY2(size > 200 * 1000 * 1000, qPrintable(QString::number(size)));
    QVERIFY(values.value("peak_kib") > 0);
    QVERIFY2(values.value("peak_kib") < 100 * 1024,
             qPrintable(QString::number(values.value("peak_kib"))));
}

namespace {

// --export-child SQLITE_FILE FORMAT OUT SQL: exports through a session as the
// application would, then reports rows, bytes and its own peak memory on stderr.
int exportChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6)
        return 2;
    QString why;
    const std::optional<Url> url = Url::parse(QStringLiteral("sqlite:///") + args.at(2), &why);
    if (!url)
        return 2;
    Engine engine(Bind{QStringLiteral("child"), *url, PoolOptions()});
    Session session(&engine, QStringLiteral("export child"));
    ExportOptions options;
    options.format = exportformats::fromName(args.at(3)).value_or(ExportFormat::Csv);
    const ExportResult result =
        runExport(&session, args.at(5), options, args.at(4), nullptr, {}, 600000);
    // VmHWM is the peak of this program alone; getrusage's ru_maxrss would
    // include what the parent had resident when it forked.
    qint64 peakKib = -1;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                peakKib = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    std::fprintf(stderr, "rows=%lld bytes=%lld peak_kib=%lld %s\n",
                 static_cast<long long>(result.rows), static_cast<long long>(result.bytes),
                 static_cast<long long>(peakKib), qPrintable(result.error));
    return result.ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--export-child") == 0)
        return exportChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_export.moc"

// Exporting the rows a ResultModel already holds (ModelExporter): on its own
// thread, cancellable, never from a value the grid cut short, and when its
// owner goes while it writes, it stops and leaves nothing behind.
#include "core/connection/threadreaper.h"
#include "core/export/exportoptions.h"
#include "core/export/modelexporter.h"
#include "core/models/resultmodel.h"
#include "tests/core/exportfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace exportfixture;

class TestModelExporter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cutValueIsAnError();
    void modelExporterRunsAndCancels();
};

void TestModelExporter::cutValueIsAnError()
{
    const Columns columns{Column{QStringLiteral("big"), QStringLiteral("text"), ColumnKind::Text}};
    RowBatch batch(1);
    batch.beginRow();
    batch.appendText("whole", 5);
    batch.beginRow();
    batch.appendTruncated(CellKind::Text, "cut", 3, 5000000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    const ExportResult result = ModelExporter::write(columns, {batch}, ExportOptions(), path);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QLatin1String("Row 2, column \"big\"")) &&
                 result.error.contains(QLatin1String("cut to 3 of its 5000000 bytes")),
             qPrintable(result.error));
    QCOMPARE(entries(dir), QStringList());
}

void TestModelExporter::modelExporterRunsAndCancels()
{
    ResultModel model;
    model.setColumns({Column{QStringLiteral("n"), QStringLiteral("integer"), ColumnKind::Integer},
                      Column{QStringLiteral("s"), QStringLiteral("text"), ColumnKind::Text}});
    const QByteArray text("some, text");
    for (int b = 0; b < 100; ++b) {
        RowBatch batch(2);
        for (int r = 0; r < 5000; ++r) {
            const QByteArray number = QByteArray::number(b * 5000 + r);
            batch.beginRow();
            batch.appendText(number.constData(), number.size());
            batch.appendText(text.constData(), text.size());
        }
        model.appendRows(batch);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    ModelExporter exporter;
    QSignalSpy progress(&exporter, &ModelExporter::progress);
    QSignalSpy finished(&exporter, &ModelExporter::finished);

    QVERIFY(exporter.start(model.columns(), model.batches(), ExportOptions(), path));
    QVERIFY(
        !exporter.start(model.columns(), model.batches(), ExportOptions(), path)); // one at a time
    model.clear(); // the exporter has its own snapshot
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(exporter.result().rows, qint64(500000));
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(500000));
    const QByteArray csv = readFile(path);
    QVERIFY(csv.startsWith("n,s\n0,\"some, text\"\n1,"));
    QVERIFY(csv.endsWith("\n499999,\"some, text\"\n"));

    // Cancelled at once: the old file stays, nothing else appears.
    model.setColumns({Column{QStringLiteral("n"), QStringLiteral("integer"), ColumnKind::Integer}});
    RowBatch many(1);
    for (int r = 0; r < 2000000; ++r) {
        many.beginRow();
        many.appendText("12345", 5);
    }
    model.appendRows(many);
    finished.clear();
    QVERIFY(exporter.start(model.columns(), model.batches(), ExportOptions(), path));
    exporter.cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(exporter.result().cancelled);
    QCOMPARE(readFile(path), csv);
    QCOMPARE(entries(dir), QStringList{QStringLiteral("out.csv")});

    // Destroyed while it runs: it stops and waits, and leaves nothing.
    const QString other = dir.filePath(QStringLiteral("other.csv"));
    {
        ModelExporter doomed;
        QVERIFY(doomed.start(model.columns(), model.batches(), ExportOptions(), other));
    }
    QVERIFY(!QFile::exists(other));
    // With a reaper (the window's case) it does not even wait: the thread
    // stops on its own, and still leaves nothing.
    {
        ThreadReaper reaper;
        {
            ModelExporter doomed(&reaper);
            QVERIFY(doomed.start(model.columns(), model.batches(), ExportOptions(), other));
        }
        QCOMPARE(reaper.count(), 1);
        QCOMPARE(reaper.finishAll(QDeadlineTimer(30000)), 0);
    }
    QVERIFY(!QFile::exists(other));
    QCOMPARE(entries(dir), QStringList{QStringLiteral("out.csv")});
}

QTEST_GUILESS_MAIN(TestModelExporter)
#include "tst_modelexporter.moc"

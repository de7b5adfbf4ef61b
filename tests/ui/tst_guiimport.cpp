// File › Import CSV driven as a person would: a file into a new table with a
// type and a name changed in the preview, into an existing table (and refused
// when a column has no place), and a cancelled import of a big file; the
// server is asked what arrived, and the GUI thread never waits.
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/workspace.h"
#include "tests/support/heartbeat.h"
#include "tests/support/testsupport.h"
#include "ui/importdialog.h"

#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Sets the fields and waits for the preview of what they say.
bool choose(ImportDialog &dialog, const QString &path, const QString &table, bool create)
{
    bool shown = false;
    QObject context;
    QObject::connect(&dialog, &ImportDialog::previewShown, &context, [&] { shown = true; });
    (create ? dialog.createButton() : dialog.existingButton())->setChecked(true);
    dialog.pathEdit()->setText(path);
    dialog.tableEdit()->setText(table);
    dialog.preview();
    return testsupport::waitUntil([&] { return shown && !dialog.isBusy(); }, 20000);
}

bool runImport(ImportDialog &dialog, bool *ok)
{
    bool done = false;
    QObject context;
    QObject::connect(&dialog, &ImportDialog::importFinished, &context, [&](bool success) {
        *ok = success;
        done = true;
    });
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    return testsupport::waitUntil([&] { return done; }, 120000);
}

} // namespace

class TestGuiImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importFromTheDialog_data() { testsupport::addDialectRows(); }
    void importFromTheDialog();
};

void TestGuiImport::importFromTheDialog()
{
    QFETCH(Dialect, dialect);
    POOLSCOPE_REQUIRE_DATABASE(dialect, url);
    Workspace workspace;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("import")));
    QVERIFY(engine);
    testsupport::ServerProbe probe(url);
    QTemporaryDir dir;
    const QString people = dir.filePath(QStringLiteral("people.csv"));
    QVERIFY(writeFile(people, "id,name,score\n1,Ada,1.5\n2,\"Grace, H.\",2.25\n3,,\n"));
    const QString table = testsupport::uniqueIdentifier(QStringLiteral("people"));

    {
        // A new table: the guessed types are shown; one name and one type changed.
        ImportDialog dialog(engine);
        dialog.show();
        QVERIFY(choose(dialog, people, table, true));
        QTableWidget *columns = dialog.columnsTable();
        QCOMPARE(columns->rowCount(), 3);
        QCOMPARE(columns->item(0, 0)->text(), QStringLiteral("id"));
        QVERIFY(columns->item(0, 2)->text().contains(QLatin1String("INT")));
        QVERIFY(columns->item(1, 3)->text().contains(QLatin1String("Grace, H.")));
        QVERIFY(dialog.importButton()->isEnabled());
        columns->item(2, 1)->setText(QStringLiteral("points"));
        columns->item(2, 2)->setText(dialect == Dialect::MySQL ? QStringLiteral("VARCHAR(20)")
                                                               : QStringLiteral("TEXT"));
        Heartbeat heartbeat;
        bool ok = false;
        QVERIFY(runImport(dialog, &ok));
        heartbeat.stop();
        QVERIFY2(ok, qPrintable(dialog.outcome()));
        QVERIFY(dialog.outcome().startsWith(QLatin1String("Imported 3 row(s)")));
        QVERIFY2(heartbeat.longestOwnStallMs() < Heartbeat::budgetMs(100),
                 qPrintable(QString::number(heartbeat.longestOwnStallMs())));
        QVERIFY(!dialog.importButton()->isEnabled()); // not the same file twice by accident
    }
    QCOMPARE(probe.scalar(QStringLiteral("SELECT points FROM %1 WHERE id = 2").arg(table)),
             QStringLiteral("2.25"));
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE name IS NULL").arg(table)),
             QStringLiteral("1"));

    {
        // Into the existing table: where each column goes is shown; a column
        // with no place refuses the import.
        const QString more = dir.filePath(QStringLiteral("more.csv"));
        QVERIFY(writeFile(more, "points,id\n9,4\n"));
        ImportDialog dialog(engine);
        dialog.show();
        QVERIFY(choose(dialog, more, table, false));
        QCOMPARE(dialog.columnsTable()->item(0, 1)->text(), QStringLiteral("points"));
        QCOMPARE(dialog.columnsTable()->item(1, 1)->text(), QStringLiteral("id"));
        bool ok = false;
        QVERIFY(runImport(dialog, &ok));
        QVERIFY2(ok, qPrintable(dialog.outcome()));
        const QString wrong = dir.filePath(QStringLiteral("wrong.csv"));
        QVERIFY(writeFile(wrong, "id,nickname\n5,x\n"));
        QVERIFY(choose(dialog, wrong, table, false));
        QVERIFY(!dialog.importButton()->isEnabled());
        QVERIFY2(dialog.outcome().contains(QLatin1String("\"nickname\" is not a column")),
                 qPrintable(dialog.outcome()));
        QCOMPARE(dialog.columnsTable()->item(1, 1)->text(), QStringLiteral("not in the table"));
    }
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("4"));

    {
        // A big file, cancelled: the table stays as it was, and closing is
        // refused while the import runs.
        const QString big = dir.filePath(QStringLiteral("big.csv"));
        QByteArray csv = "id,name,points\n";
        for (int i = 0; i < 300000; ++i)
            csv += QByteArray::number(100 + i) + ",name of row " + QByteArray::number(i) + ",1\n";
        QVERIFY(writeFile(big, csv));
        ImportDialog dialog(engine);
        dialog.show();
        QVERIFY(choose(dialog, big, table, false));
        bool done = false;
        bool ok = true;
        connect(&dialog, &ImportDialog::importFinished, this, [&](bool success) {
            ok = success;
            done = true;
        });
        QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.outcome().contains(QLatin1String("rows sent")), 30000);
        dialog.reject();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.outcome().contains(QLatin1String("Cancel it first")));
        dialog.cancelImport();
        QVERIFY(testsupport::waitUntil([&] { return done; }, 30000));
        QVERIFY(!ok);
        QCOMPARE(dialog.outcome(), QStringLiteral("Cancelled: nothing was imported."));
        // The outcome stays: no preview scheduled before the import replaces it.
        QTest::qWait(400);
        QCOMPARE(dialog.outcome(), QStringLiteral("Cancelled: nothing was imported."));
    }
    QCOMPARE(probe.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)),
             QStringLiteral("4"));
    // The dialogs' connections went with them.
    QTRY_COMPARE_WITH_TIMEOUT(engine->pool()->connections().size(), 0, 5000);
    QVERIFY(probe.exec(QStringLiteral("DROP TABLE %1").arg(table)));
}

QTEST_MAIN(TestGuiImport)
#include "tst_guiimport.moc"

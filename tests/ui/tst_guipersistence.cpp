// Adding a bind in the dialog, testing it, and getting binds, layout and tab
// texts back at the next start, with the password in the keychain or nowhere.
#include "core/connection/threadreaper.h"
#include "core/pool/engine.h"
#include "core/pool/pool.h"
#include "core/pool/session.h"
#include "core/pool/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/connectiondialog.h"
#include "ui/mainwindow.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class TestGuiPersistence final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dialogBuildsAndTestsBinds();
    void bindsTabsAndLayoutComeBack();
};

void TestGuiPersistence::dialogBuildsAndTestsBinds()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    ThreadReaper reaper;
    ConnectionDialog dialog({QStringLiteral("taken")}, &reaper);
    dialog.show();
    QString message;
    dialog.nameEdit()->setText(QStringLiteral("taken"));
    dialog.urlEdit()->setText(url.render(false));
    QVERIFY(!dialog.validate(&message));
    QVERIFY2(message.contains(QLatin1String("already a bind named taken")), qPrintable(message));
    dialog.nameEdit()->setText(QStringLiteral("reports"));
    dialog.urlEdit()->setText(QStringLiteral("postgres://nope"));
    QVERIFY(!dialog.validate(&message));
    QVERIFY2(message.contains(QLatin1String("postgresql")), qPrintable(message));

    dialog.urlEdit()->setText(url.render(false));
    QVERIFY2(dialog.validate(&message), qPrintable(message));
    dialog.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog.testOutcome().startsWith(QLatin1String("Connected: PostgreSQL")), 10000);

    Url wrong = url;
    wrong.setPassword(QStringLiteral("Not-The-Pw-42"));
    dialog.urlEdit()->setText(wrong.render(false));
    dialog.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.testOutcome().contains(QLatin1String("Cannot connect")), 10000);
    QVERIFY2(!dialog.testOutcome().contains(QLatin1String("Not-The-Pw-42")),
             qPrintable(dialog.testOutcome()));

    dialog.urlEdit()->setText(url.render(false));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.bind().name, QStringLiteral("reports"));
    QCOMPARE(dialog.bind().url.password(), url.password());
    QCOMPARE(dialog.bind().options.poolSize, 5);
}

void TestGuiPersistence::bindsTabsAndLayoutComeBack()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::PostgreSQL, url);
    QTemporaryDir folder;
    const QString file = folder.filePath(QStringLiteral("settings.ini"));
    const QString name = testsupport::uniqueBindName(QStringLiteral("kept"));
    {
        QSettings settings(file, QSettings::IniFormat);
        Workspace workspace;
        MainWindow window(&workspace, &settings);
        window.show();
        window.restoreBinds(); // nothing yet
        QString error;
        Bind bind{name, url, PoolOptions()};
        bind.options.poolSize = 3;
        bind.options.leakThreshold = 30;
        Engine *engine = window.addRememberedBind(bind, true, &error);
        QVERIFY2(engine, qPrintable(error));
        SessionTab *tab = window.newSessionTab(engine);
        tab->editor()->setText(QStringLiteral("SELECT 40 + 2 AS answer"));
        window.resize(1111, 777);
        QVERIFY(window.close());
    }
    // The password is in no settings file.
    QFile stored(file);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    const QByteArray text = stored.readAll();
    QVERIFY(text.contains(name.toUtf8()));
    QVERIFY2(!text.contains(url.password().toUtf8()), text.constData());

    // Next start: there is no keychain here, so the password is asked for.
    QSettings settings(file, QSettings::IniFormat);
    Workspace workspace;
    MainWindow window(&workspace, &settings);
    window.show();
    QString asked;
    auto *answer = new QTimer(this);
    connect(answer, &QTimer::timeout, this, [&asked, answer, &url] {
        auto *input = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!input)
            return;
        answer->stop();
        asked = input->labelText();
        input->setTextValue(url.password());
        input->accept();
    });
    answer->start(20);
    bool restored = false;
    connect(&window, &MainWindow::bindsRestored, this, [&restored] { restored = true; });
    window.restoreBinds();
    QTRY_VERIFY_WITH_TIMEOUT(restored, 10000);
    delete answer;
    QVERIFY2(asked.contains(name) && !asked.contains(url.password()), qPrintable(asked));
    Engine *engine = workspace.engine(name);
    QVERIFY(engine);
    QCOMPARE(engine->bind().options.poolSize, 3);
    QCOMPARE(engine->bind().options.leakThreshold, 30.0);
    QCOMPARE(window.size(), QSize(1111, 777));
    QCOMPARE(window.sessionTabs().size(), 1);
    SessionTab *tab = window.sessionTabs().first();
    QCOMPARE(tab->editor()->text(), QStringLiteral("SELECT 40 + 2 AS answer"));
    tab->runStatement();
    QTRY_VERIFY_WITH_TIMEOUT(!tab->session()->isBusy(), 10000);
    QVERIFY2(tab->messages().contains(QLatin1String("1 row")), qPrintable(tab->messages()));
}

QTEST_MAIN(TestGuiPersistence)
#include "tst_guipersistence.moc"

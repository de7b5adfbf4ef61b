// The window in Simplified Chinese: every piece of chrome a person reads is
// translated, the catalogues keep every placeholder, English plurals read
// right, and the command line stays in English whatever the locale.
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/poolevent.h"
#include "core/pool/workspace.h"
#include "tests/support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/resultgrid.h"
#include "ui/sessiontab.h"
#include "ui/sqleditor.h"
#include "ui/statusline.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSeries>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "i18n/translations.h"

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void placeholdersKept_data();
    void placeholdersKept();
    void mainWindowHasNoEnglish();
    void qtOwnButtonsTranslated();
    void commandLineStaysEnglish();
    void unknownLanguageWarnsOnce();
    void englishPlurals();

private:
    // Text left after what may stay as written is taken out; empty when fine.
    QString english(QString text) const;
    void collect(const QString &where, const QString &text);

    QStringList m_allowed; // names of things, not words: see initTestCase
    QStringList m_found;
};

void TestTranslations::initTestCase()
{
    QCOMPARE(Translations::install(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    // Names stay as they are in Chinese software too: the program, products
    // and formats, SQLAlchemy's terms, and key names in shortcut hints.
    m_allowed = {
        QStringLiteral("poolscope"),  QStringLiteral("SQLAlchemy"), QStringLiteral("SQLite"),
        QStringLiteral("PostgreSQL"), QStringLiteral("MySQL"),      QStringLiteral("MariaDB"),
        QStringLiteral("SQL"),        QStringLiteral("URL"),        QStringLiteral("PID"),
        QStringLiteral("Ctrl"),       QStringLiteral("Shift"),      QStringLiteral("Enter"),
        QStringLiteral("Esc"),        QStringLiteral("F5"),         QStringLiteral("F7"),
        QStringLiteral("CSV"),        QStringLiteral("PgBouncer")};
    // Pool event names are SQLAlchemy's and are filtered on as written.
    for (int type = int(PoolEvent::Type::Connect); type <= int(PoolEvent::Type::Dispose); ++type)
        m_allowed << PoolEvent::typeName(PoolEvent::Type(type));
}

void TestTranslations::placeholdersKept_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("zh_CN") << QStringLiteral(POOLSCOPE_TS_DIR "/poolscope_zh_CN.ts");
    QTest::newRow("en") << QStringLiteral(POOLSCOPE_TS_DIR "/poolscope_en.ts");
}

void TestTranslations::placeholdersKept()
{
    QFETCH(QString, file);
    QFile ts(file);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
    static const QRegularExpression placeholder(QStringLiteral("%L?(\\d|n)"));
    auto placeholders = [](const QString &text) {
        QStringList found;
        auto it = placeholder.globalMatch(text);
        while (it.hasNext())
            found << it.next().captured(0);
        found.sort();
        return found;
    };
    QXmlStreamReader xml(&ts);
    QString source;
    bool numerus = false;
    int messages = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++messages;
        } else if ((xml.name() == QLatin1String("translation") && !numerus) ||
                   xml.name() == QLatin1String("numerusform")) {
            const QString text = xml.readElementText();
            QVERIFY2(placeholders(text) == placeholders(source),
                     qPrintable(QStringLiteral("%1 → %2").arg(source, text)));
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
}

QString TestTranslations::english(QString text) const
{
    text.remove(QRegularExpression(QStringLiteral("\\(&\\w\\)"))); // 文件(&F)
    text.remove(QLatin1Char('&'));
    // Identifiers and URLs as written: pool_size, Engine.dispose(), sqlite://.
    text.remove(
        QRegularExpression(QStringLiteral("[\\w.+-]*(_|\\.|\\(\\)|://)[\\w.+/()\\[\\]@:-]*")));
    for (const QString &name : m_allowed)
        text.remove(
            QRegularExpression(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(name))));
    static const QRegularExpression letters(QStringLiteral("[A-Za-z]{2,}"));
    return letters.match(text).hasMatch() ? text.simplified() : QString();
}

void TestTranslations::collect(const QString &where, const QString &text)
{
    if (!english(text).isEmpty())
        m_found << QStringLiteral("%1: \"%2\"").arg(where, text);
}

void TestTranslations::mainWindowHasNoEnglish()
{
    POOLSCOPE_REQUIRE_DATABASE(Dialect::SQLite, url);
    Workspace workspace;
    QString error;
    Engine *engine = workspace.addBind(testsupport::makeBind(url, QStringLiteral("tr")), &error);
    QVERIFY2(engine, qPrintable(error));
    // Bind names are the person's own: allowed wherever they show.
    m_allowed << engine->name();
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(&workspace, &settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionTab *tab = window.newSessionTab(engine);
    QVERIFY(tab);
    tab->runText(QStringLiteral("SELECT 1 AS one UNION ALL SELECT 2"));
    QTRY_COMPARE_WITH_TIMEOUT(tab->resultModel()->rowCount(), 2, 10000);
    QTRY_VERIFY(!tab->statusText().isEmpty());

    m_found.clear();
    collect(QStringLiteral("window title"), window.windowTitle());
    collect(QStringLiteral("status bar"), window.statusBar()->currentMessage());
    const auto menus = window.menuBar()->actions();
    for (const QAction *menu : menus) {
        collect(QStringLiteral("menu"), menu->text());
        if (!menu->menu())
            continue;
        const auto actions = menu->menu()->actions();
        for (const QAction *action : actions) {
            collect(QStringLiteral("menu item"), action->text());
            collect(QStringLiteral("menu item tip"), action->toolTip());
        }
    }
    const auto widgets = window.findChildren<QWidget *>();
    int checked = 0;
    for (const QWidget *widget : widgets) {
        // What the person typed or the database holds is not chrome: the SQL
        // in the editor, the result grid, the message log.
        if (widget->inherits("QsciScintilla") || qobject_cast<const QPlainTextEdit *>(widget))
            continue;
        const QString name = QString::fromLatin1(widget->metaObject()->className());
        collect(name + QStringLiteral(" tip"), widget->toolTip());
        const auto actions = widget->actions();
        for (const QAction *action : actions) {
            collect(name + QStringLiteral(" action"), action->text());
            collect(name + QStringLiteral(" action tip"), action->toolTip());
        }
        if (auto *dock = qobject_cast<const QDockWidget *>(widget))
            collect(QStringLiteral("dock"), dock->windowTitle());
        if (auto *label = qobject_cast<const QLabel *>(widget))
            collect(QStringLiteral("label"), label->text());
        if (auto *line = qobject_cast<const StatusLine *>(widget))
            collect(QStringLiteral("status line"), line->text());
        if (auto *button = qobject_cast<const QAbstractButton *>(widget))
            collect(QStringLiteral("button"), button->text());
        if (auto *edit = qobject_cast<const QLineEdit *>(widget))
            collect(QStringLiteral("placeholder"), edit->placeholderText());
        if (auto *spin = qobject_cast<const QSpinBox *>(widget))
            collect(QStringLiteral("spin box"), spin->suffix() + spin->specialValueText());
        if (auto *spin = qobject_cast<const QDoubleSpinBox *>(widget))
            collect(QStringLiteral("spin box"), spin->suffix() + spin->specialValueText());
        if (auto *combo = qobject_cast<const QComboBox *>(widget)) {
            for (int i = 0; i < combo->count(); ++i)
                collect(QStringLiteral("combo item"), combo->itemText(i));
        }
        if (auto *bar = qobject_cast<const QTabBar *>(widget)) {
            for (int i = 0; i < bar->count(); ++i)
                collect(QStringLiteral("tab"), bar->tabText(i));
        }
        if (auto *chart = qobject_cast<const QChartView *>(widget)) {
            const auto series = chart->chart()->series();
            for (const QAbstractSeries *line : series)
                collect(QStringLiteral("chart legend"), line->name());
        }
        // The result grid's and its headers' column names are data.
        if (auto *view = qobject_cast<const QAbstractItemView *>(widget);
            view && view->model() && view->model() != tab->resultView()->model()) {
            for (int section = 0; section < view->model()->columnCount(); ++section)
                collect(QStringLiteral("column header"),
                        view->model()->headerData(section, Qt::Horizontal).toString());
        }
        ++checked;
    }
    QVERIFY(checked > 50);
    QVERIFY2(m_found.isEmpty(), qPrintable(m_found.join(QLatin1Char('\n'))));
    QVERIFY(window.windowTitle() == QLatin1String("poolscope"));
    QVERIFY(tab->statusText().contains(QStringLiteral("行")));
}

void TestTranslations::qtOwnButtonsTranslated()
{
    // Qt's own catalogue comes with the Qt translations package; without it
    // the standard buttons read in English.
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                       QStringLiteral("/qtbase_zh_CN.qm")))
        QSKIP("qtbase_zh_CN.qm is not installed (Debian: qt6-translations-l10n)");
    QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QVERIFY2(english(buttons.button(QDialogButtonBox::Cancel)->text()).isEmpty(),
             qPrintable(buttons.button(QDialogButtonBox::Cancel)->text()));
    QVERIFY2(english(buttons.button(QDialogButtonBox::Ok)->text()).isEmpty() ||
                 buttons.button(QDialogButtonBox::Ok)->text().contains(QStringLiteral("确定")),
             qPrintable(buttons.button(QDialogButtonBox::Ok)->text()));
}

void TestTranslations::commandLineStaysEnglish()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
    environment.remove(QStringLiteral("SQLALCHEMY_DATABASE_URI"));
    QProcess process;
    process.setProcessEnvironment(environment);
    // The URL error is composed in core with tr(); the command line must not
    // translate it.
    process.start(QStringLiteral(POOLSCOPE_BINARY),
                  {QStringLiteral("query"), QStringLiteral("postgres://localhost/db"),
                   QStringLiteral("SELECT 1")});
    QVERIFY(process.waitForFinished(30000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(err.contains(QLatin1String("the dialect is spelled 'postgresql', not 'postgres'")),
             qPrintable(err));
}

void TestTranslations::unknownLanguageWarnsOnce()
{
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("POOLSCOPE_EXIT_AFTER_SHOWN"), QStringLiteral("1"));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(POOLSCOPE_BINARY), {QStringLiteral("--lang=xx")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(process.readAllStandardError())
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                  .filter(QStringLiteral("language"));
    QCOMPARE(lines, QStringList{QStringLiteral("poolscope: no translation for language 'xx'; "
                                               "using English (available: en, zh_CN)")});
}

void TestTranslations::englishPlurals()
{
    // Installed last, so searched first: only its plural forms answer.
    QString warning;
    QCOMPARE(Translations::install(qApp, QStringLiteral("en"), &warning), QStringLiteral("en"));
    QVERIFY(warning.isEmpty());
    QCOMPARE(SessionTab::tr("%n row(s) in %1", nullptr, 1).arg(QStringLiteral("3 ms")),
             QStringLiteral("1 row in 3 ms"));
    QCOMPARE(SessionTab::tr("%n row(s) in %1", nullptr, 2).arg(QStringLiteral("3 ms")),
             QStringLiteral("2 rows in 3 ms"));
    QCOMPARE(MainWindow::tr("%n tab(s) have an open transaction.", nullptr, 1),
             QStringLiteral("1 tab has an open transaction."));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"

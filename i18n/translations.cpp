#include "i18n/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

const QString kCatalogues = QStringLiteral(":/i18n");

// The catalogue for locale's first UI language that has one, else nothing.
QString languageFor(const QLocale &locale)
{
    const QStringList available = Translations::available();
    const QStringList wanted = locale.uiLanguages();
    for (QString language : wanted) {
        language.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (available.contains(language))
            return language;
        // "zh_Hans_CN" and "zh" are the Chinese of zh_CN; "en_GB" is English.
        const QLocale parsed(language);
        for (const QString &candidate : available) {
            const QLocale known(candidate);
            if (parsed.language() == known.language() &&
                (parsed.language() != QLocale::Chinese ||
                 parsed.script() != QLocale::TraditionalChineseScript))
                return candidate;
        }
    }
    return QString();
}

bool load(QCoreApplication *app, const QString &file, const QString &folder)
{
    auto *translator = new QTranslator(app);
    if (!translator->load(file, folder)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Translations::install(QCoreApplication *app, const QString &requested, QString *warning)
{
    QString language;
    if (requested.isEmpty()) {
        language = languageFor(QLocale::system());
    } else {
        QString name = requested.trimmed();
        name.replace(QLatin1Char('-'), QLatin1Char('_'));
        const QLocale locale(name);
        language = available().contains(name)        ? name
                   : locale.language() == QLocale::C ? QString()
                                                     : languageFor(locale);
        if (language.isEmpty() && warning)
            *warning = QStringLiteral("no translation for language '%1'; using English "
                                      "(available: %2)")
                           .arg(requested, available().join(QStringLiteral(", ")));
        // Numbers and times follow the language asked for, not the system's.
        if (!language.isEmpty())
            QLocale::setDefault(QLocale(language));
    }
    if (language.isEmpty())
        language = QStringLiteral("en");
    // English needs its catalogue too: it holds the plural forms.
    load(app, QStringLiteral("poolscope_") + language, kCatalogues);
    if (language != QLatin1String("en"))
        load(app, QStringLiteral("qtbase_") + language,
             QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return language;
}

void Translations::installPlurals(QCoreApplication *app)
{
    load(app, QStringLiteral("poolscope_en"), kCatalogues);
}

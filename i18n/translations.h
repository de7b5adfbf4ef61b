#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// The GUI's language: poolscope's own catalogue (compiled in, ":/i18n") and
// Qt's (standard buttons and dialogs, from the Qt installation when there).
// The command line prints English only, its output being a contract; it takes
// just the plural forms of the English catalogue (installPlurals()).
class Translations final
{
public:
    // Languages with a catalogue, "en" first.
    static QStringList available();
    // Installs the catalogues for requested ("zh_CN", "zh-CN", "en"), or for
    // the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) when empty.
    // Returns the language used; *warning says why a requested one was not.
    static QString install(QCoreApplication *app, const QString &requested,
                           QString *warning = nullptr);
    // English's plural forms ("1 client", "3 clients") and nothing else: no
    // other language, no locale change.
    static void installPlurals(QCoreApplication *app);
};

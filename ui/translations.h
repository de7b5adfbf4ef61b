#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// The GUI's language: poolscope's own catalogue (compiled in, ":/i18n") and
// Qt's (standard buttons and dialogs, from the Qt installation when there).
// The command line never calls this: what it prints is a contract in English.
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
};

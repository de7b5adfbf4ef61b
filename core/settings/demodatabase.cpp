#include "core/settings/demodatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

QString DemoDatabase::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.sqlite"));
}

bool DemoDatabase::ensure(const QString &path, QString *error)
{
    if (QFileInfo::exists(path))
        return true;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QCoreApplication::translate("DemoDatabase", "Cannot create the folder %1.")
                     .arg(info.absolutePath());
        return false;
    }
    QFile script(QStringLiteral(":/poolscope/demo.sql"));
    if (!script.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate(
            "DemoDatabase", "The demo database script is missing from this build.");
        return false;
    }
    const QByteArray sql = script.readAll();

    const QString temporary = path + QStringLiteral(".part");
    QFile::remove(temporary);
    sqlite3 *db = nullptr;
    int rc = sqlite3_open_v2(QFile::encodeName(temporary).constData(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    char *message = nullptr;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        *error =
            QCoreApplication::translate("DemoDatabase", "Cannot create the demo database %1: %2")
                .arg(path, QString::fromUtf8(message ? message : sqlite3_errmsg(db)));
        sqlite3_free(message);
        sqlite3_close(db);
        QFile::remove(temporary);
        return false;
    }
    sqlite3_close(db);
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        if (QFileInfo::exists(path)) // another instance won the race
            return true;
        *error = QCoreApplication::translate("DemoDatabase", "Cannot move the demo database to %1.")
                     .arg(path);
        return false;
    }
    return true;
}

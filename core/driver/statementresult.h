#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

// How one statement ended. Errors carry what the server said, its SQLSTATE or
// error code, and the character position in the statement when the server
// gives one.
struct StatementResult
{
    bool ok = false;
    bool cancelled = false;
    // The connection is dead (server gone, session killed): the pool must drop it.
    bool connectionLost = false;
    QString error;
    QString errorCode;
    int errorPosition = -1; // 0-based character offset into the statement

    bool returnedRows = false;
    qint64 rowCount = 0;      // rows delivered
    qint64 rowsAffected = -1; // for INSERT/UPDATE/DELETE, -1 when not known
    QString commandTag;       // "SELECT 3", "UPDATE 1" when the server says so
    bool inTransaction = false;
    qint64 elapsedMs = 0;
    // Server notices and warnings raised while it ran (RAISE NOTICE, SHOW WARNINGS).
    QStringList notices;
};

Q_DECLARE_METATYPE(StatementResult)

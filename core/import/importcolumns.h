#pragma once

#include "core/driver/column.h"
#include "core/import/importoptions.h"
#include "core/sql/dialect.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QVector>

class NativeConnection;

// Which columns a CSV file has and where they go, shared by the import and
// its preview so that both decide alike.
class ImportColumns final
{
    Q_DECLARE_TR_FUNCTIONS(ImportColumns)

public:
    struct Guess
    {
        QStringList names; // the header's, or column_1, column_2… without one
        QStringList types; // guessed from the first guessRows records, in the dialect's words
        QList<QList<std::optional<QString>>> sample; // the first records, NULL as nullopt
        QString error;
    };
    // Reads the file's header and first records (on a worker: it reads a disk).
    static Guess guess(const ImportOptions &options, Dialect dialect, int sampleRows);
    // The columns of table (qualified and quoted); empty with *error when it
    // cannot be read (there is no such table).
    static Columns ofTable(NativeConnection &native, const QString &table, QString *error);
    // For each file column, the table column it goes to: by name (exact, else
    // regardless of case), or by position when fileColumns is empty. Empty
    // with *error when a name has no column or comes twice.
    static QVector<int> match(const QStringList &fileColumns, const Columns &table,
                              const QString &tableName, QString *error);
};

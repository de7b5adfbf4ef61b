#pragma once

#include "core/schema/schema.h"

#include <QHash>
#include <QPair>

class NativeConnection;
class QSqlDatabase;

// MariaDB's InnoDB tables and their indexes, from InnoDB's own dictionary
// (information_schema.INNODB_SYS_TABLES, _INDEXES and _FIELDS). The TABLE_TYPE
// of information_schema.TABLES and all of STATISTICS open every table's
// definition, about 0.3 s each over 10,000 tables; the dictionary answers in a
// tenth of that, but only to users with the PROCESS privilege, and it knows
// InnoDB's tables only.
class InnodbDictionary final
{
public:
    // Reads what the dictionary keeps of the databases in databases (their
    // SQL literals as a list for IN (...), "'shop', 'crm'"); false when the
    // user may not (or the server has none), and then nothing is known.
    // native, the same connection's native client if given, reads the rows.
    bool read(QSqlDatabase &database, const QString &databases, NativeConnection *native = nullptr);

    // The indexes of a base table as information_schema.STATISTICS lists them,
    // or nullptr where the dictionary cannot be sure of that: other engines,
    // views, partitioned tables, and what InnoDB keeps otherwise than the
    // server shows it (full-text indexes, hash-based unique keys, indexes in
    // the making, and sequences, which look like tables without an index).
    const QVector<SchemaIndex> *indexesOf(const QString &schemaName,
                                          const QString &tableName) const;

    // The server's expression decoding part of an InnoDB name, which keeps
    // databases and tables in the file name encoding ("p@0020@8868" for "p 表").
    static QString decodedName(const QString &part);

private:
    QHash<QPair<QString, QString>, QVector<SchemaIndex>> m_tables;
};

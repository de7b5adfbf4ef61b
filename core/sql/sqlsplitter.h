#pragma once

#include "core/sql/dialect.h"

#include <QList>
#include <QString>

// Splits SQL text into statements the way the database's own client would: a
// ';' ends a statement except inside quotes ('', "", ``), comments (--, #, /* */),
// PostgreSQL dollar quotes ($tag$ … $tag$), the BEGIN … END body of a SQLite
// trigger, and MySQL client DELIMITER changes.
class SqlSplitter final
{
public:
    struct Statement
    {
        int start = 0; // offset of the first character that is not blank or comment
        int end = 0;   // offset just past the statement (its terminator excluded)
        QString text;  // the statement without its terminator
    };

    explicit SqlSplitter(Dialect dialect);

    QList<Statement> split(const QString &sql) const;
    // The statement that holds position, or the last one that ends before it on
    // the same line, or the one right below the comment that holds position;
    // an empty statement when there is none.
    Statement statementAt(const QString &sql, int position) const;

private:
    Dialect m_dialect;
};

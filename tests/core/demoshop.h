#pragma once

#include "core/config/url.h"

// The demo shop (resources/) loaded into a place of its own for one test
// process: a fresh SQLite file, a fresh PostgreSQL schema or a fresh MariaDB
// database, plus what the demo lacks and real databases hold: a table with an
// odd name and no primary key, a composite primary key listed out of column
// order, a composite foreign key, an expression index (not MariaDB) and a view
// whose table was dropped (not PostgreSQL).
struct DemoShop
{
    static const QString oddTable;      // odd 'q' "n" é 表: "select", "two words", Ünï ✓
    static const QString oddIndex;      // on oddTable ("two words", "select")
    static const QString unicodeColumn; // the third column of oddTable

    // serverUrl: testsupport::databaseUrl(); error is set when it failed.
    static DemoShop create(Dialect dialect, const Url &serverUrl);
    // Drops the schema or database again (SQLite files go with their folder).
    bool drop(QString *message) const;

    Dialect dialect = Dialect::SQLite;
    Url url;            // connects to the shop: the MariaDB URL names its database
    QString schemaName; // the namespace that holds it: "main", the schema, the database
    QString error;
};

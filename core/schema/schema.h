#pragma once

#include "core/sql/dialect.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

// A database's tables and views as its catalogs describe them (SchemaReader
// reads them). Plain values, so a Schema read on a worker thread can travel to
// the GUI in a QVariant. "Schema" names two things, as in SQLAlchemy: the whole
// description (this struct) and a namespace inside the database (PostgreSQL
// schema, MySQL database, SQLite "main" or an attached database), which is
// what SchemaTable::schema and Schema::schemaNames hold.

struct SchemaColumn
{
    QString name;
    QString type; // as declared: "integer", "varchar(100)", "NUMERIC(10,2)"
    bool nullable = true;
    // The default's expression text as the catalog gives it ("'x'::text",
    // "current_timestamp()"); a null QString when there is none.
    QString defaultValue;
    int ordinal = 0;            // 1-based position among the table's columns
    int primaryKeyPosition = 0; // 1-based position in the primary key, 0 when not in it
    // Identity, serial, AUTO_INCREMENT or SQLite's INTEGER PRIMARY KEY.
    bool autoIncrement = false;
    // A generated column; defaultValue holds its expression when the catalog has it.
    bool computed = false;

    bool isPrimaryKey() const { return primaryKeyPosition > 0; }
};
// These structs hold only Qt's implicitly shared types, enums and plain
// values: a catalog's 100,000 columns and 10,000 tables grow their lists by
// moving memory instead of copying each element.
Q_DECLARE_TYPEINFO(SchemaColumn, Q_RELOCATABLE_TYPE);

struct SchemaIndex
{
    QString name;
    // Key columns in index order; an expression's text for an expression part.
    QStringList columns;
    bool unique = false;
    bool primary = false;
    // The CREATE INDEX statement: SQLite keeps every one; PostgreSQL's is
    // fetched when it says more than the fields above (partial, expressions,
    // DESC, INCLUDE, not btree). Empty otherwise; schematext rebuilds one.
    QString definition;
};
Q_DECLARE_TYPEINFO(SchemaIndex, Q_RELOCATABLE_TYPE);

struct SchemaForeignKey
{
    QString name; // empty for SQLite, whose catalog does not keep it
    QStringList columns;
    QString referencedSchema;
    QString referencedTable;
    QStringList referencedColumns; // paired with columns, position by position
    // "NO ACTION", "RESTRICT", "CASCADE", "SET NULL" or "SET DEFAULT".
    QString onDelete;
    QString onUpdate;
};
Q_DECLARE_TYPEINFO(SchemaForeignKey, Q_RELOCATABLE_TYPE);

struct SchemaTable
{
    enum class Kind { Table, View };

    QString schema;
    QString name;
    Kind kind = Kind::Table;
    QVector<SchemaColumn> columns;         // by ordinal
    QVector<SchemaIndex> indexes;          // by name
    QVector<SchemaForeignKey> foreignKeys; // by name, then columns
    // A view's query as the catalog keeps it: the SELECT (PostgreSQL, MySQL) or
    // the whole CREATE VIEW statement (SQLite).
    QString definition;

    bool isView() const { return kind == Kind::View; }
    const SchemaColumn *column(const QString &columnName) const;
    const SchemaIndex *index(const QString &indexName) const;
    // The primary key's columns in key order; empty when there is none.
    QStringList primaryKey() const;
};
Q_DECLARE_TYPEINFO(SchemaTable, Q_RELOCATABLE_TYPE);

struct Schema
{
    Dialect dialect = Dialect::SQLite;
    // Where unqualified names resolve: "main", current_schema(), DATABASE().
    QString defaultSchema;
    // Every namespace that was read, empty ones too, sorted.
    QStringList schemaNames;
    // Tables and views, sorted by schema, then name.
    QVector<SchemaTable> tables;
    // Every table's and column's name once, in table order: the SQL editor's
    // completion words. Made by shareTexts().
    QStringList names;

    bool isEmpty() const { return schemaNames.isEmpty() && tables.isEmpty(); }
    // The table or view called name in schemaName; with no schemaName, the one
    // in the default schema, else the first of that name anywhere.
    const SchemaTable *table(const QString &name, const QString &schemaName = QString()) const;
    QVector<const SchemaTable *> tablesIn(const QString &schemaName) const;
    // Over a big catalog most column types, defaults, many column names and
    // every table's schema name are the same few texts, each read into a
    // string of its own: one shared copy of each (and no spare capacity in
    // the lists) holds 100,000 columns in about two thirds of the memory.
    // The distinct names fall out of it: names is made on the way, so that
    // the reading worker, not the GUI thread, finds them.
    void shareTexts();
};

Q_DECLARE_METATYPE(SchemaTable)
Q_DECLARE_METATYPE(Schema)

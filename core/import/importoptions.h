#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// What to import and how: a CSV file into a table, new or existing.
struct ImportOptions
{
    QString path;
    // The table, and its schema (PostgreSQL schema, MySQL database, SQLite
    // database name); an empty schema is the connection's default.
    QString schema;
    QString table;
    // NAME or SCHEMA.NAME, as a person writes it, into schema and table.
    void setQualifiedTable(const QString &name)
    {
        const QString trimmed = name.trimmed();
        const qsizetype dot = trimmed.indexOf(QLatin1Char('.'));
        schema = dot > 0 ? trimmed.left(dot) : QString();
        table = dot > 0 ? trimmed.mid(dot + 1) : trimmed;
    }
    QString qualifiedTable() const
    {
        return schema.isEmpty() ? table : schema + QLatin1Char('.') + table;
    }
    // Create the table, with column types guessed from the file (the first
    // guessRows records); else it must exist.
    bool create = false;
    int guessRows = 10000;
    // The new table's columns as the person chose them (names and types, in
    // the file's order); empty: the file's names and guessed types. Fields
    // then go to them by position.
    QStringList columnNames;
    QStringList columnTypes;
    char delimiter = ',';
    // The first record names the columns (matched to the table's by name);
    // without it the fields go to the table's columns by position.
    bool header = true;
    // An unquoted field equal to this is NULL; unset, an unquoted empty field is.
    std::optional<QByteArray> nullText;
};

#pragma once

#include "core/export/exportwriter.h"

#include <QByteArray>
#include <QVector>

// One INSERT statement per row, for the dialect in ExportOptions::sqlDialect
// (which may differ from the one the rows came from). Identifiers are quoted
// as the dialect quotes them ("x" or `x`). Strings are '...' with quotes
// doubled; for MySQL backslashes are doubled too and NUL is \0, as its default
// sql_mode (without NO_BACKSLASH_ESCAPES) reads them. NULL is NULL. Values of
// numeric columns that are plain numbers are unquoted; boolean columns give
// TRUE/FALSE (PostgreSQL) or 1/0. Binary values are X'..' for SQLite and MySQL
// and decode('..', 'hex') for PostgreSQL, which works whatever
// standard_conforming_strings says.
class SqlInsertWriter final : public ExportWriter
{
public:
    SqlInsertWriter(const ExportOptions &options, QIODevice *device);

protected:
    void writeHeader(const Columns &columns) override;
    void writeRow(const CellView *cells) override;

private:
    enum class Mode : quint8 { String, Number, Boolean };

    void putString(const char *data, qsizetype size);
    void putBinary(const char *data, qsizetype size);

    Dialect m_dialect;
    QByteArray m_prefix; // INSERT INTO "t" ("a", "b") VALUES (
    QVector<Mode> m_modes;
};

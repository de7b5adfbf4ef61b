#pragma once

#include "core/browse/browsecolumn.h"
#include "core/sql/dialect.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVector>

struct SchemaTable;

// A table as a table tab browses and edits it: its columns, and how one row
// is named in UPDATE and DELETE: the primary key, or SQLite's rowid, read as
// a hidden first column. Without either (a view, a table with no key, a
// read-only bind) the table is shown read-only, with the reason.
class TableShape final
{
    Q_DECLARE_TR_FUNCTIONS(TableShape)

public:
    TableShape() = default;
    static TableShape of(Dialect dialect, const SchemaTable &table, bool readOnlyBind);

    Dialect dialect() const { return m_dialect; }
    QString schema() const { return m_schema; }
    QString name() const { return m_name; }
    // Quoted, with the schema unless it is the default one.
    QString qualifiedName() const;
    QString quoted(int column) const;
    const QVector<BrowseColumn> &columns() const { return m_columns; }
    // The kinds of the values as the server returns them (the result's
    // columns, the hidden rowid first when there is one).
    void setKinds(const Columns &resultColumns);

    bool isEditable() const { return m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    // Columns read before the table's own: 1 when the rowid is read, else 0.
    int hiddenColumns() const { return m_rowid.isEmpty() ? 0 : 1; }
    // The SQLite rowid's name ("rowid", or "_rowid_" or "oid" when a column
    // takes it); empty when rows are named by the primary key.
    QString rowidName() const { return m_rowid; }
    // The primary key's columns (indexes into columns()), in key order; empty
    // when the rowid names rows.
    const QVector<int> &keyColumns() const { return m_key; }

private:
    Dialect m_dialect = Dialect::SQLite;
    QString m_schema;
    QString m_name;
    QVector<BrowseColumn> m_columns;
    QVector<int> m_key;
    QString m_rowid;
    QString m_readOnlyReason;
};

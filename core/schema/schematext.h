#pragma once

#include "core/schema/schema.h"

// Schema objects as text for people: one-line summaries for a tree or a table
// listing, and DDL-like definitions for tooltips. Names are quoted only where
// the dialect would need it.
namespace schematext {

// name, or the dialect's quoted form when it is not a plain lower-case identifier.
QString identifier(Dialect dialect, const QString &name);

// "integer · NOT NULL · DEFAULT 0 · PK"
QString columnSummary(const SchemaColumn &column);
// "PRIMARY KEY (id)", "UNIQUE (order_id, product_id)", "(country)"
QString indexSummary(const SchemaIndex &index);
// "(order_id) → orders (id) ON DELETE CASCADE"; the referenced table is
// qualified when it lives in another schema than ownSchema.
QString foreignKeySummary(const SchemaForeignKey &key, const QString &ownSchema);

// "email text NOT NULL DEFAULT ''"
QString columnDefinition(Dialect dialect, const SchemaColumn &column);
// The CREATE INDEX statement, from the catalog when it kept one.
QString indexDefinition(Dialect dialect, const SchemaTable &table, const SchemaIndex &index);
// "CONSTRAINT name FOREIGN KEY (a) REFERENCES t (b) ON DELETE CASCADE ON UPDATE NO ACTION"
QString foreignKeyDefinition(Dialect dialect, const SchemaTable &table,
                             const SchemaForeignKey &key);
// A CREATE TABLE statement rebuilt from what was read (columns, primary key,
// foreign keys), or a view's CREATE VIEW.
QString tableDefinition(Dialect dialect, const SchemaTable &table);

} // namespace schematext

#pragma once

#include "core/schema/schema.h"

#include <QByteArray>

// A schema as JSON for `poolscope schema --format json`:
// {"dialect": "...", "tables": [{"schema", "name", "kind": "table"|"view",
//   "columns": [{"name", "type", "nullable", "default", "primary_key"}],
//   "indexes": [{"name", "columns", "unique", "primary"}],
//   "foreign_keys": [{"name", "columns", "references": {"schema", "table", "columns"},
//                     "on_delete", "on_update"}], "definition"}]}
class SchemaJson final
{
public:
    static QByteArray toJson(const Schema &schema);
};

#pragma once

#include "core/config/bindconfig.h"

#include <QString>

// Reads a JSON bind file. Three shapes are accepted:
//   {"binds": {"default": "sqlite:///app.db",
//              "reports": {"url": "postgresql://...", "pool_size": 3}},
//    "engine_options": {"pool_size": 10}}
//   {"default": "sqlite:///app.db", "reports": "postgresql://..."}     (flat)
//   {"SQLALCHEMY_DATABASE_URI": ..., "SQLALCHEMY_BINDS": {...},
//    "SQLALCHEMY_ENGINE_OPTIONS": {...}}     (a Flask config.from_file() JSON)
// Engine options apply to every bind; a bind's own dict overrides them.
// Relative SQLite paths are resolved against the folder of the file.
class JsonBindReader final
{
public:
    static BindConfig read(const QString &file, const QString &text);
};

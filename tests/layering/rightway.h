// Not compiled: the layering check's own test reads it as if it sat in
// core/pool/, which may include what lies below it.
#pragma once

#include "core/connection/connection.h"
#include "core/sql/dialect.h"

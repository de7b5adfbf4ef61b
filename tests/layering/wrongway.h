// Not compiled: the layering check's own test reads it as if it sat in
// core/sql/, where the include of core/pool/ runs the wrong way.
#pragma once

#include "core/pool/pool.h"
#include "core/sql/dialect.h"

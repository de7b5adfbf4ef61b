#pragma once

#include "core/config/pooloptions.h"
#include "core/config/url.h"

// A name for a database URL plus its pool options, as in Flask-SQLAlchemy:
// SQLALCHEMY_DATABASE_URI is the bind named "default", each SQLALCHEMY_BINDS
// entry one more.
struct Bind
{
    QString name;
    Url url;
    PoolOptions options;
};

#pragma once

#include "core/config/url.h"

// Everything a worker needs to open one connection.
struct ConnectSpec
{
    Url url;
    QString bindName;
    bool readOnly = false;
    int connectTimeoutSeconds = 10;

    // PostgreSQL application_name, so the server shows which bind a session is.
    QString applicationName() const { return QStringLiteral("poolscope:") + bindName; }
};

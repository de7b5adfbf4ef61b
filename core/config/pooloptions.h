#pragma once

#include <QString>

// SQLAlchemy's create_engine() pool arguments, with its defaults.
struct PoolOptions
{
    enum class ResetOnReturn { Rollback, Commit, None };

    int poolSize = 5;
    int maxOverflow = 10;  // -1: no limit
    double timeout = 30.0; // seconds a checkout waits for a free connection
    double recycle = -1.0; // seconds after which a connection is replaced; -1 never
    bool prePing = false;  // test a connection with a round trip before handing it out
    bool lifo = false;     // hand out the most recently returned connection first
    ResetOnReturn resetOnReturn = ResetOnReturn::Rollback;
    // Seconds a connection may stay checked out before it is reported as a
    // suspected leak; 0 turns the check off.
    double leakThreshold = 0.0;
    bool readOnly = false;
    int connectTimeout = 10; // seconds
    bool echo = false;       // print events in echo_pool form to the log

    // Checks the values; returns an empty string when they are fine.
    QString validate() const;
};

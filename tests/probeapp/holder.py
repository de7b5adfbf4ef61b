#!/usr/bin/python3
"""Holds one SQLAlchemy connection checked out, with the probe attached, for
poolscope's tests of probed applications (tests/core/tst_apps.cpp).

Usage: holder.py URL. Prints "ready" once the connection is held, then waits
for a line on stdin and exits 0.
"""
import sys

import poolscope_probe

poolscope_probe.attach()

from sqlalchemy import create_engine, text  # noqa: E402  (after attach, on purpose)
from sqlalchemy.pool import QueuePool  # noqa: E402


def take(engine):
    return engine.connect()  # the line that holds it: HOLD-LINE


def main():
    # QueuePool on SQLite too (a file gets NullPool by default), so every
    # dialect shows the same pool.
    engine = create_engine(sys.argv[1], poolclass=QueuePool, pool_size=2, max_overflow=1)
    held = take(engine)
    held.execute(text("SELECT 1"))
    print("ready", flush=True)
    sys.stdin.readline()
    held.close()
    engine.dispose()


if __name__ == "__main__":
    main()

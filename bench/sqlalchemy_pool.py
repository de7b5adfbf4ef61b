"""The reference for bench_pool: SQLAlchemy's QueuePool on a SQLite file.

    python3 sqlalchemy_pool.py FILE [--seconds S]

Checks one idle connection out and back in (pool.connect(), then close()) in a
loop for about S seconds and prints one JSON object with the pairs per second.
No statement runs: this is the pool's own bookkeeping, reset-on-return
(rollback) included, as in bench_pool.
"""
import argparse
import json
import time

import sqlalchemy
from sqlalchemy.pool import QueuePool


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()

    engine = sqlalchemy.create_engine("sqlite:///" + args.file, poolclass=QueuePool)
    pool = engine.pool
    pool.connect().close()  # opens the one connection the loop reuses

    batch = 1000
    pairs = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < args.seconds:
        for _ in range(batch):
            pool.connect().close()
        pairs += batch
        elapsed = time.perf_counter() - start
    engine.dispose()
    print(json.dumps({
        "pairs": pairs,
        "seconds": elapsed,
        "per_second": pairs / elapsed,
        "sqlalchemy": sqlalchemy.__version__,
    }))


if __name__ == "__main__":
    main()

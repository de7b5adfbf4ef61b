"""The reference for bench_pool: SQLAlchemy's QueuePool on a SQLite file.

    python3 sqlalchemy_pool.py FILE [--seconds S] [--probe none|reader]

Checks one idle connection out and back in (pool.connect(), then close()) in a
loop for about S seconds and prints one JSON object with the pairs per second.
No statement runs: this is the pool's own bookkeeping, reset-on-return
(rollback) included, as in bench_pool.

--probe attaches poolscope_probe (probe/ in this tree) before the engine is
made, so the same loop pays for the probe's event handlers and its listener
thread: with "none" no reader is connected; with "reader" a thread of this
script connects to the probe's socket and reads everything it sends until the
probe says bye. The socket goes in a temporary POOLSCOPE_PROBE_DIR. The JSON
then also says what the reader got, so a reader that fell behind shows, and
counts in "seconds" (and "per_second") the time the probe's listener thread
needed after the loop to take the events still waiting for it ("backlog",
"drain_seconds"; the loop alone is "loop_seconds").
"""
import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time

import sqlalchemy
from sqlalchemy.pool import QueuePool

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ProbeReader(threading.Thread):
    """Reads the probe's socket to the end, as poolscope would, doing as
    little as it can per byte: it shares the interpreter with the loop being
    timed, and its own work is not the probe's cost."""

    def __init__(self, path):
        super().__init__(name="bench-reader", daemon=True)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.lines = 0
        self.pool_lines = 0
        self.last_heartbeat = None
        self.bye = False
        self.greeted = threading.Event()  # hello and snapshot are in
        self.tail = b""

    def run(self):
        try:
            while True:
                data = self.sock.recv(1 << 20)
                if not data:
                    break
                self.take(data)
                if self.bye:
                    break
        finally:
            self.sock.close()
            self.greeted.set()  # never leave the main thread waiting

    def take(self, data):
        # Counting bytes in C is enough; only the few heartbeats are parsed.
        self.lines += data.count(b"\n")
        self.pool_lines += data.count(b'{"type":"pool"')
        text = self.tail + data
        self.tail = text[text.rfind(b"\n") + 1:]
        if not self.greeted.is_set() and b'{"type":"snapshot"' in text:
            self.greeted.set()
        if b'{"type":"bye"' in text:
            self.bye = True
        start = text.rfind(b'{"type":"heartbeat"')
        end = text.find(b"\n", start)
        if start >= 0 and end > start:
            self.last_heartbeat = json.loads(text[start:end])


def attach_probe(folder):
    # The probe reads POOLSCOPE_PROBE_DIR when its listener starts.
    os.environ["POOLSCOPE_PROBE_DIR"] = folder
    sys.path.insert(0, os.path.join(ROOT, "probe"))
    import poolscope_probe
    poolscope_probe.attach()
    # attach() never raises: a probe that is not listening says so only here.
    if poolscope_probe.socket_path() is None:
        sys.exit("sqlalchemy_pool.py: poolscope_probe did not attach (see its warning)")
    return poolscope_probe


def drain_inbox(probe):
    """Waits until the probe's listener has taken every event of the loop:
    (events waiting when the loop ended, seconds it took)."""
    inbox = probe.hooks.inbox
    backlog = len(inbox)
    if backlog >= inbox.maxlen:
        # The bounded inbox dropped events unseen: the cost would look smaller.
        sys.exit("sqlalchemy_pool.py: the probe's inbox overflowed; use fewer --seconds")
    start = time.perf_counter()
    while inbox:
        if time.perf_counter() - start > 60:
            sys.exit("sqlalchemy_pool.py: the probe's listener did not catch up")
        time.sleep(0.001)
    return backlog, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--probe", choices=("none", "reader"),
                        help="attach poolscope_probe, with no reader or with one")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="poolscope-bench-probe.") if args.probe else None
    try:
        probe = attach_probe(folder) if args.probe else None
        reader = None
        if args.probe == "reader":
            reader = ProbeReader(probe.socket_path())
            reader.start()
            # The loop starts once the probe serves the reader, not before.
            if not reader.greeted.wait(10) or not reader.is_alive():
                sys.exit("sqlalchemy_pool.py: the probe sent no snapshot")

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
        result = {
            "pairs": pairs,
            "seconds": elapsed,
            "per_second": pairs / elapsed,
            "sqlalchemy": sqlalchemy.__version__,
        }
        if probe is not None:
            # The listener thread turns the handlers' events into state and
            # lines when it gets the interpreter; what it still owes when the
            # loop ends is the probe's cost too, so it is timed and counted.
            backlog, drain = drain_inbox(probe)
            result.update({
                "loop_seconds": elapsed,
                "backlog": backlog,
                "drain_seconds": drain,
                "seconds": elapsed + drain,
                "per_second": pairs / (elapsed + drain),
            })
        if reader is not None:
            # What had arrived when the loop ended: a reader far behind
            # means the listener's work was not all paid inside the loop.
            result["reader_pool_lines_in_loop"] = reader.pool_lines
        engine.dispose()
        if probe is not None:
            probe.detach()  # says bye to the reader after the last event
            result["probe"] = args.probe
        if reader is not None:
            reader.join(10)
            if reader.is_alive() or not reader.bye:
                sys.exit("sqlalchemy_pool.py: the reader got no bye from the probe")
            heartbeat = reader.last_heartbeat or {}
            result.update({
                "reader_lines": reader.lines,
                "reader_pool_lines": reader.pool_lines,
                "reader_dropped": heartbeat.get("dropped"),
            })
            if reader.pool_lines == 0:
                sys.exit("sqlalchemy_pool.py: the reader got no pool events")
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

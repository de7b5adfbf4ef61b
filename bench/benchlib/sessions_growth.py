"""Server sessions: one refresh of the server-sessions panel, read and shown,
and the longest GUI stall meanwhile, with 20, 200 and 2,000 sessions held
open on PostgreSQL and on MariaDB (bench/make_sessions.py, bench_sessions)."""

import os
import subprocess
import time

from benchlib.common import HERE, PYTHON, BenchError, Row, at_most, run_json, say

BASE_SESSIONS = 20
SMOKE_SESSIONS = 5
# The panel's reader, the bench's own connections and those of the servers'
# background work need room beside the held sessions.
HEADROOM = 20
# Whoever forgets a holder: it lets go by itself after this long.
HOLD_SECONDS = 1800
# How long a server may take to end the sessions let go before the next
# database is measured.
SETTLE_SECONDS = 60


class SessionHolder:
    """bench/make_sessions.py holding count sessions until closed."""

    def __init__(self, url, count):
        self.count = count
        self.process = subprocess.Popen(
            [PYTHON, os.path.join(HERE, "make_sessions.py"), url, str(count),
             "--seconds", str(HOLD_SECONDS)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if line != "ready %d" % count:
            self.close()
            raise BenchError("make_sessions.py could not open %d sessions (said %r)"
                             % (count, line))

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()  # its cue to close every connection
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class SessionsGrowth:
    """bench_sessions at 1×, 10× and 100× the issue's 20 sessions, on
    PostgreSQL (pg_stat_activity) and MariaDB (PROCESSLIST)."""

    def __init__(self, bench):
        self.bench = bench
        self.databases = [bench.postgres, bench.mariadb]
        base = SMOKE_SESSIONS if bench.args.smoke else BASE_SESSIONS
        self.sizes = [base] if bench.args.smoke else [base, base * 10, base * 100]
        self.refresh_rows = {}  # (database key, size) → Row
        self.stall_rows = {}
        self.too_many = set()  # (database key, size) the server cannot hold
        self.holders = []  # on the database being measured, smallest first

    def plan(self):
        rows = []
        for db in self.databases:
            for size in self.sizes:
                name = "%s sessions refresh, %s sessions" % (db.label, "{:,}".format(size))
                key = (db.key, size)
                self.refresh_rows[key] = Row(name + ", read and shown", "ms", 0, "", "≤ 100 ms",
                                             at_most(100))
                self.stall_rows[key] = Row(name + ", longest stall", "ms", 0, "", "≤ 16 ms",
                                           at_most(16))
                rows += [self.refresh_rows[key], self.stall_rows[key]]
        return rows

    def setup(self):
        for db in self.databases:
            most = int(db.execute("SELECT current_setting('max_connections')"
                                  if db.key == "postgresql" else "SELECT @@max_connections"))
            for size in self.sizes:
                if size + HEADROOM <= most:
                    continue
                key = (db.key, size)
                self.too_many.add(key)
                why = ("not measured: the server's max_connections is %d, %d sessions need %d "
                       "(POOLSCOPE_TEST_MAX_CONNECTIONS)" % (most, size, size + HEADROOM))
                say("%s sessions: %s" % (db.label, why))
                for row in (self.refresh_rows[key], self.stall_rows[key]):
                    row.target = why
                    row.check = None

    def held(self):
        return sum(holder.count for holder in self.holders)

    def hold(self, db, size):
        """Exactly size sessions held on db: holders added or closed, the last first."""
        while self.holders and self.held() > size:
            self.holders.pop().close()
        if self.held() < size:
            self.holders.append(SessionHolder(db.url, size - self.held()))

    def once(self, run_index, display):
        for db in self.databases:
            before = self.server_sessions(db)
            sizes = [size for size in self.sizes if (db.key, size) not in self.too_many]
            # Up on even runs, down on odd ones: the largest set is opened once
            # for two runs.
            for size in sizes if run_index % 2 == 0 else reversed(sizes):
                self.hold(db, size)
                self.measure(db, size, display)
            self.teardown()
            self.settle(db, before)

    @staticmethod
    def server_sessions(db):
        return int(db.execute("SELECT count(*) FROM pg_stat_activity"
                              if db.key == "postgresql" else
                              "SELECT COUNT(*) FROM information_schema.PROCESSLIST"))

    def settle(self, db, before):
        """Waits until the server has ended the sessions let go: 2,000
        PostgreSQL backends take seconds to exit, and the next database's
        refreshes would be measured on a machine still busy with them."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.server_sessions(db) > before and time.monotonic() < deadline:
            time.sleep(0.2)

    def measure(self, db, size, display):
        # Smoke: two refreshes prove the pipeline; a run: seven for a median.
        refreshes = "2" if self.bench.args.smoke else "7"
        # Sessions just opened or closed by the holders, or the last
        # database's backends still ending, settle first.
        self.bench.quiet()
        result = run_json([self.bench.bin.program("bench_sessions"), db.poolscope_url(),
                           str(size), refreshes],
                          "bench_sessions (%s, %d sessions)" % (db.label, size), env=display.env)
        if result["sessions_shown"] < size:
            raise BenchError("bench_sessions showed %d %s sessions, %d are held"
                             % (result["sessions_shown"], db.label, size))
        self.refresh_rows[(db.key, size)].ours.add(result["median_refresh_ms"])
        self.stall_rows[(db.key, size)].ours.add(result["longest_stall_ms"])

    def teardown(self):
        while self.holders:
            self.holders.pop().close()

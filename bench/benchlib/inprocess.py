"""poolscope's own parts measured in process: the result model, the pool
(against SQLAlchemy's QueuePool, with and without poolscope_probe) and the
GUI's start."""

import os
import re
import select
import subprocess
import tempfile
import time

from benchlib.common import (HERE, PYTHON, TIME, BenchError, Part, Row, added_at_most,
                             at_most, memory_check, ratio_at_least, run_json)

POOL_RATIO = 50
START_MS = 150
# Starts per run: the start row is the median of runs × this many.
STARTS_PER_RUN = 5


class ResultModels(Part):
    """bench_model: Engine + Session + ResultModel as a session tab uses them."""

    def __init__(self, bench, exports):
        self.bench = bench
        self.exports = exports
        self.rows = {}

    def plan(self):
        planned = []
        for db in self.bench.databases:
            first = Row("%s result model, first batch" % db.label, "ms", 1)
            every = Row("%s result model, all %d rows" % (db.label, self.bench.args.rows), "s", 2)
            memory = Row("%s result model, memory per row" % db.label, "bytes", 0,
                         "CSV bytes per row", "< 1.5× CSV", memory_check(1.5))
            self.rows[db.key] = (first, every, memory)
            planned += [first, every, memory]
        return planned

    def once(self, run_index, display):
        for db in self.bench.databases:
            first, every, memory = self.rows[db.key]
            result = run_json([self.bench.bin.program("bench_model"), db.poolscope_url(),
                               self.bench.sql], "bench_model (%s)" % db.label)
            if result["rows"] != self.bench.args.rows:
                raise BenchError("bench_model got %d rows from %s, expected %d"
                                 % (result["rows"], db.label, self.bench.args.rows))
            first.ours.add(result["first_batch_ms"])
            every.ours.add(result["all_rows_ms"] / 1000.0)
            memory.ours.add(result["bytes_per_row"])
            memory.theirs.add(self.exports.csv_bytes[db.key])


class Pools(Part):
    """bench_pool against sqlalchemy_pool.py, then the same loop with the probe."""

    def __init__(self, bench):
        self.bench = bench
        self.path = os.path.join(bench.folder, "pool.db")

    def plan(self):
        self.pool_row = Row("pool checkout + checkin, in process", "pairs/s", 0,
                            "SQLAlchemy QueuePool", "≥ %d× SQLAlchemy" % POOL_RATIO,
                            ratio_at_least(POOL_RATIO))
        # The probe's cost is time added to SQLAlchemy's own pair, so its
        # reference is the plain loop of the same run.
        self.probe_rows = {}
        for variant, label in (("none", "no reader"), ("reader", "one reader")):
            self.probe_rows[variant] = Row(
                "pool checkout + checkin with poolscope_probe, %s" % label,
                "µs added per pair", 1, "SQLAlchemy QueuePool alone, µs per pair",
                "≤ 10 µs added", added_at_most(10))
        return [self.pool_row] + list(self.probe_rows.values())

    def once(self, run_index, display):
        seconds = "0.02" if self.bench.args.smoke else "1"
        result = run_json([self.bench.bin.program("bench_pool"), "--benchmark_format=json",
                           "--benchmark_min_time=" + seconds, self.path], "bench_pool")
        benchmark = result["benchmarks"][0]
        if benchmark.get("error_occurred"):
            raise BenchError("bench_pool: %s" % benchmark.get("error_message"))
        self.pool_row.ours.add(benchmark["items_per_second"])
        self.sqlalchemy_once()

    def sqlalchemy_once(self):
        """SQLAlchemy's loop alone, then with poolscope_probe, one process
        after the other: what loads the machine now hits all three."""
        seconds = "0.05" if self.bench.args.smoke else "1"
        script = [PYTHON, os.path.join(HERE, "sqlalchemy_pool.py"), self.path,
                  "--seconds", seconds]
        reference = run_json(script, "sqlalchemy_pool.py")
        self.pool_row.theirs.add(reference["per_second"])
        plain_us = 1e6 / reference["per_second"]
        for variant, row in self.probe_rows.items():
            probed = run_json(script + ["--probe", variant],
                              "sqlalchemy_pool.py --probe %s" % variant)
            if probed.get("probe") != variant:
                raise BenchError("sqlalchemy_pool.py --probe %s ran without the probe" % variant)
            row.ours.add(1e6 / probed["per_second"] - plain_us)
            row.theirs.add(plain_us)


class GuiStart(Part):
    """poolscope from launch to its main window shown (POOLSCOPE_EXIT_AFTER_SHOWN)."""

    def __init__(self, bench):
        self.bench = bench
        self.config_home = os.path.join(bench.folder, "config")

    # The steps poolscope reports on its "window shown" line, in ms since the
    # process started: where a slow start spent its time.
    STEPS = (("main", "GUI start, main() reached (libraries of the command loaded)"),
             ("window module loaded", "GUI start, window module loaded"),
             ("application", "GUI start, QApplication made (display connected)"),
             ("window built", "GUI start, main window built"),
             ("shown", "GUI start, window shown (as the program counts)"))

    def plan(self):
        self.start_row = Row("GUI start to window shown", "ms", 0, "", "≤ %d ms" % START_MS,
                             at_most(START_MS))
        self.memory_row = Row("GUI start, peak memory", "MB", 1)
        self.step_rows = {key: Row(label, "ms", 0) for key, label in self.STEPS}
        return [self.start_row, self.memory_row] + list(self.step_rows.values())

    def setup(self):
        os.makedirs(self.config_home, exist_ok=True)

    def once(self, run_index, display):
        # One start is one draw of the machine's mood (page faults, the other
        # core's work): each run starts it STARTS_PER_RUN times, and every
        # start counts in the median and the min–max.
        for _ in range(STARTS_PER_RUN):
            shown_ms, mb, line = self.start(display)
            self.start_row.ours.add(shown_ms)
            self.memory_row.ours.add(mb)
            after = line.split("process started")[-1]
            steps = dict(re.findall(r"([a-z][a-z ]*?) (-?[0-9.]+)", after))
            steps["shown"] = re.search(r"shown (-?[0-9.]+) ms", line).group(1)
            for key, row in self.step_rows.items():
                if key not in steps:
                    raise BenchError("poolscope's start line lacks %r: %s"
                                     % (key, line.strip()))
                row.ours.add(float(steps[key]))

    def start(self, display):
        """Launch to first expose of the main window, in ms, its peak RSS in MB and
        the line it printed."""
        home = self.config_home
        env = dict(display.env, POOLSCOPE_EXIT_AFTER_SHOWN="1", XDG_CONFIG_HOME=home,
                   XDG_DATA_HOME=home, XDG_CACHE_HOME=home)
        with tempfile.NamedTemporaryFile("r", suffix=".time") as timing, \
                tempfile.TemporaryFile("w+") as errors:
            start = time.perf_counter()
            process = subprocess.Popen([TIME, "-f", "%e %M", "-o", timing.name,
                                        self.bench.bin.poolscope], stdout=subprocess.PIPE,
                                       stderr=errors, env=env, text=True)
            shown = select.select([process.stdout], [], [], 60)[0]
            line = process.stdout.readline() if shown else ""
            shown_ms = (time.perf_counter() - start) * 1000.0
            try:
                process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise BenchError("poolscope did not show its window, or did not quit after it")
            errors.seek(0)
            if process.returncode != 0 or "window shown" not in line:
                raise BenchError("poolscope start failed (exit %d): %s %s" % (
                    process.returncode, line.strip(), errors.read().strip()[-2000:]))
            rss_kb = int(timing.read().split()[-1])
        return shown_ms, rss_kb / 1024.0, line

"""The GUI thread's longest stall, one frame at 60 Hz (16 ms) at most: while
the data table streams into a session tab (bench_stream), while the window's
Export dialog writes that result to CSV (bench_stream with a folder), when
the next statement in the tab lets that result go, and while a grid of
100,000, 1,000,000 and 10,000,000 rows (1×, 10×, 100×; a generator query, no
table) is scrolled from its top to its last row (bench_scroll)."""

import os
import shutil

from benchlib.common import BenchError, Row, at_most, csv_records, run_json

TARGET_MS = 16
# The base size for scrolling, and its growth.
SCROLL_SCALES = ((1, 100000), (10, 1000000), (100, 10000000))
SMOKE_SCROLL_SCALES = ((1, 2000),)

# Four columns: an integer, two short texts and a real, made by SQLite itself.
SCROLL_SQL = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
              "SELECT i AS id, 'name ' || i AS name, i * 0.25 AS price, "
              "'note ' || (i % 977) AS note FROM n")


def frame_check():
    return at_most(TARGET_MS)


class GuiStalls:
    """Rows: per dialect the stall while rows stream in and while they export
    (the dialog's default, the query run again; and the rows already fetched,
    without a target); per scroll size the stall, the time to the last row,
    the stall while those rows streamed in and the process's memory."""

    def __init__(self, bench):
        self.bench = bench
        self.scales = SMOKE_SCROLL_SCALES if bench.args.smoke else SCROLL_SCALES
        self.folder = os.path.join(bench.folder, "gui_stalls")
        self.stream_rows = {}
        self.scroll_rows = {}

    def plan(self):
        rows = []
        count = format(self.bench.args.rows, ",")
        target = "≤ %d ms" % TARGET_MS
        for db in self.bench.databases:
            stream = Row("%s GUI longest stall while %s rows stream in" % (db.label, count),
                         "ms", 0, "", target, frame_check())
            export = Row("%s GUI longest stall while the Export dialog writes %s rows to CSV "
                         "(query run again)" % (db.label, count), "ms", 0, "", target,
                         frame_check())
            fetched = Row("%s GUI longest stall while the Export dialog writes the %s fetched "
                          "rows to CSV" % (db.label, count), "ms", 0)
            # The next statement in the tab lets the whole result go.
            release = Row("%s GUI longest stall while the next statement lets the %s rows go"
                          % (db.label, count), "ms", 0)
            self.stream_rows[db.key] = (stream, export, fetched, release)
            rows += [stream, export, fetched, release]
        for factor, size in self.scales:
            what = "SQLite %s rows × 4 columns (%d×)" % (format(size, ","), factor)
            top = factor == 100
            scroll = Row("GUI longest stall while %s scroll from top to bottom" % what, "ms", 0,
                         "", target if top else "", frame_check() if top else None)
            reach = Row("GUI time from top to the last row, %s" % what, "ms", 0)
            load = Row("GUI longest stall while %s stream in" % what, "ms", 0)
            memory = Row("GUI process memory holding %s" % what, "MB", 0)
            self.scroll_rows[size] = (scroll, reach, load, memory)
            rows += [scroll, reach, load, memory]
        return rows

    def setup(self):
        # The 1M-row table is made by bench/run; the scroll rows need no table.
        os.makedirs(self.folder, exist_ok=True)

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def once(self, run_index, display):
        for db in self.bench.databases:
            self.stream_once(db, run_index, display)
        for factor, size in self.scales:
            self.scroll_once(size, display)

    def stream_once(self, db, run_index, display):
        out = os.path.join(self.folder, db.key)
        os.makedirs(out, exist_ok=True)
        what = "bench_stream (%s)" % db.label
        # The last measurement's exports and servers settle first: a stall
        # here is the window's, not theirs.
        self.bench.quiet()
        result = run_json([self.bench.bin.program("bench_stream"), db.poolscope_url(),
                           self.bench.sql, out], what, env=display.env)
        expected = self.bench.args.rows
        if result["rows"] != expected:
            raise BenchError("%s got %d rows, expected %d" % (what, result["rows"], expected))
        if run_index == 0:
            for name in ("rerun.csv", "fetched.csv"):
                records = csv_records(os.path.join(out, name))
                if records != expected + 1:
                    raise BenchError("%s: %s holds %d records, expected %d rows and the header"
                                     % (what, name, records, expected))
        shutil.rmtree(out, ignore_errors=True)
        stream, export, fetched, release = self.stream_rows[db.key]
        stream.ours.add(result["longest_stall_ms"])
        export.ours.add(result["export_longest_stall_ms"])
        fetched.ours.add(result["export_fetched_longest_stall_ms"])
        release.ours.add(result["next_statement_longest_stall_ms"])

    def scroll_once(self, size, display):
        what = "bench_scroll (%s rows)" % format(size, ",")
        self.bench.quiet()
        result = run_json([self.bench.bin.program("bench_scroll"), "sqlite://",
                           SCROLL_SQL.format(rows=size)], what, env=display.env)
        if result["rows"] != size:
            raise BenchError("%s got %d rows" % (what, result["rows"]))
        scroll, reach, load, memory = self.scroll_rows[size]
        scroll.ours.add(result["longest_stall_ms"])
        reach.ours.add(result["scroll_ms"])
        load.ours.add(result["load_longest_stall_ms"])
        memory.ours.add(result["peak_rss_mb"])

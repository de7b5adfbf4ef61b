"""The whole run: the parts in table order, the runs interleaved, the table."""

import json
import math
import os
import time

from benchlib.common import (QUIET_IDLE_SHARE, QUIET_WINDOW_SECONDS, BenchError, run_checked,
                             say, wait_for_quiet)
from benchlib.databases import MariadbDatabase, PostgresDatabase, SqliteDatabase
from benchlib.gui_stalls import GuiStalls
from benchlib.inprocess import GuiStart, Pools, ResultModels
from benchlib.schema_growth import SchemaGrowth
from benchlib.sessions_growth import SessionsGrowth
from benchlib.tools import Exports, Imports

# The programs of bench/CMakeLists.txt that the parts run.
PROGRAMS = ("bench_model", "bench_pool", "bench_stream", "bench_scroll", "bench_schema",
            "bench_sessions", "bench_chart")

# The parts in table order, as --only names them.
PART_NAMES = ("exports", "imports", "models", "pools", "start", "stalls", "schema", "sessions")


class Binaries:
    def __init__(self, build_dir):
        self.build_dir = build_dir
        self.poolscope = os.path.join(build_dir, "app", "poolscope")
        for path in [self.poolscope] + [self.program(name) for name in PROGRAMS]:
            if not os.access(path, os.X_OK):
                raise BenchError("%s is missing: build first (make, or bench/run without --smoke)"
                                 % path)

    def program(self, name):
        return os.path.join(self.build_dir, "bench", name)


class Bench:
    def __init__(self, args, binaries, folder):
        self.args = args
        self.bin = binaries
        self.build_dir = binaries.build_dir
        self.folder = folder
        self.table = "bench" if args.own_servers else "bench_%d" % os.getpid()
        self.sql = "SELECT * FROM %s" % self.table
        self.postgres = PostgresDatabase(os.environ["POOLSCOPE_TEST_POSTGRES_URL"])
        self.mariadb = MariadbDatabase(os.environ["POOLSCOPE_TEST_MARIADB_URL"])
        self.databases = [SqliteDatabase(folder), self.postgres, self.mariadb]
        self.loaded = []
        exports = Exports(self)
        parts = [exports, Imports(self, exports), ResultModels(self, exports), Pools(self),
                 GuiStart(self), GuiStalls(self), SchemaGrowth(self), SessionsGrowth(self)]
        # Imports and result models compare with what the exports measured, so they keep them.
        wanted = set(args.only or PART_NAMES)
        if wanted & {"imports", "models"}:
            wanted.add("exports")
        self.parts = [part for name, part in zip(PART_NAMES, parts) if name in wanted]
        self.set_up = []
        self.rows = []
        self.quiet_waits = []  # seconds each part or GUI measurement waited for quiet

    def load(self):
        for db in self.databases:
            started = time.perf_counter()
            db.load(self.table, self.args.rows)
            self.loaded.append(db)
            say("%s: %d rows in %.1f s" % (db.label, self.args.rows,
                                            time.perf_counter() - started))
        for part in self.parts:
            part.setup()
            self.set_up.append(part)
        # What the data and the catalogs left dirty is written back before the
        # first run, not by the servers in the middle of it.
        started = time.perf_counter()
        for db in self.loaded:
            db.write_back()
        say("servers wrote back their data in %.1f s" % (time.perf_counter() - started))

    def drop(self):
        """What load() made, also after an error."""
        for part in reversed(self.set_up):
            try:
                part.teardown()
            except BenchError as error:
                say("cleaning up: %s" % error)
        for db in self.loaded:
            db.drop(self.table)

    def run(self, display):
        # Other work on the machine shows in every figure: the table says how much there was.
        self.load_before = os.getloadavg()[0]
        self.display_name = display.name
        for part in self.parts:
            self.rows += part.plan()
        self.load()
        for run in range(self.args.runs):
            say("run %d of %d" % (run + 1, self.args.runs))
            for part in self.parts:
                self.quiet()
                part.once(run, display)
        self.load_after = os.getloadavg()[0]

    def quiet(self):
        """Waits for a quiet machine (wait_for_quiet) and keeps the wait for the note."""
        self.quiet_waits.append(wait_for_quiet())

    def note(self):
        note = ("%d rows × 6 columns; median of %d run%s (min–max); ratio = poolscope / "
                "reference (for the pool: pairs per second, poolscope / SQLAlchemy; for "
                "poolscope_probe: time per pair with the probe / without); "
                "GUI on %s; %d CPUs." % (self.args.rows, self.args.runs,
                                         "" if self.args.runs == 1 else "s",
                                         self.display_name, os.cpu_count() or 0))
        note += " Load average (1 min) %.1f at the start, %.1f at the end." % (
            self.load_before, self.load_after)
        if self.quiet_waits:
            note += (" Each part, and each GUI measurement in it, started on a quiet machine "
                     "(disk written back, CPUs %d%% idle over %.1f s): waited %.1f s at most, "
                     "%.1f s in all." % (
                         QUIET_IDLE_SHARE * 100, QUIET_WINDOW_SECONDS, max(self.quiet_waits),
                         sum(self.quiet_waits)))
        if self.args.smoke:
            note += " Smoke run: it checks the pipelines, targets are not judged."
        return note

    def markdown(self):
        header = ["measure", "poolscope", "reference", "ratio", "target", ""]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in self.rows:
            lines.append("| " + " | ".join(row.cells(not self.args.smoke)) + " |")
        return self.note() + "\n\n" + "\n".join(lines) + "\n"

    def chart(self, png_path):
        """The judged rows as bars of their ratios, targets marked (bench_chart)."""
        bars = []
        for row in self.rows:
            verdict = row.verdict()
            # A ratio to a tool that took no time is infinite: no bar can show
            # it (nor JSON carry it); the table says so.
            if verdict.value is None or verdict.met is None or not math.isfinite(verdict.value):
                continue
            if verdict.absolute:
                figure = "%s %s" % (row.ours.text(row.digits).split(" (")[0], row.unit)
                against = ""
            else:
                figure = verdict.text
                against = " vs " + row.reference
            bars.append({"label": "%s%s: %s (%s)" % (row.measure, against, figure, row.target),
                         "value": verdict.value, "mark": verdict.mark, "met": verdict.met})
        title = "poolscope, %d rows, median of %d run%s; load average %.1f–%.1f" % (
            self.args.rows, self.args.runs, "" if self.args.runs == 1 else "s",
            self.load_before, self.load_after)
        data = os.path.join(self.folder, "chart.json")
        with open(data, "w", encoding="utf-8") as f:
            json.dump({"title": title, "rows": bars}, f, allow_nan=False)
        run_checked([self.bin.program("bench_chart"), data, png_path], "bench_chart",
                    env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        if not os.path.getsize(png_path):
            raise BenchError("bench_chart wrote an empty picture")

"""CSV export and import: poolscope's command line against sqlite3, psql and
mariadb, each writing or reading the same rows."""

import filecmp
import os

from benchlib.common import (BenchError, Part, Row, below, csv_records, ratio_at_most,
                             ratio_info, timed)

EXPORT_MEMORY_MB = 32
# The big export: the bench table ten times over, made by the server so no
# second table has to be loaded. Only poolscope runs it: memory must not
# grow with the rows, which the reference tools are not asked to show.
BIG_FACTOR = 10


def big_query(table):
    numbers = " UNION ALL ".join("SELECT %d AS n" % i for i in range(BIG_FACTOR))
    return "SELECT b.* FROM %s b CROSS JOIN (%s) k" % (table, numbers)


class Exports(Part):
    """poolscope query --format csv against each dialect's fastest tool."""

    def __init__(self, bench):
        self.bench = bench
        self.rows = {}
        self.big_rows = {}
        self.csv_bytes = {}  # per dialect: poolscope's CSV bytes per row

    def plan(self):
        planned = []
        for db in self.bench.databases:
            wall = []
            for name, _, main in db.references(self.bench.sql):
                if main:
                    row = Row("%s CSV export, wall" % db.label, "s", 2, name,
                              "≤ 1.0× %s" % name, ratio_at_most(1.0))
                else:
                    row = Row("%s CSV export, wall" % db.label, "s", 2, name, "", ratio_info)
                wall.append(row)
            memory = Row("%s CSV export, peak memory" % db.label, "MB", 1, wall[0].reference,
                         "< %d MB" % EXPORT_MEMORY_MB, below(EXPORT_MEMORY_MB))
            self.rows[db.key] = (wall, memory)
            planned += wall + [memory]
        for db in self.bench.databases:
            rows = self.bench.args.rows * BIG_FACTOR
            wall = Row("%s CSV export of %d rows, wall" % (db.label, rows), "s", 2)
            memory = Row("%s CSV export of %d rows, peak memory" % (db.label, rows), "MB", 1,
                         "", "< %d MB" % EXPORT_MEMORY_MB, below(EXPORT_MEMORY_MB))
            self.big_rows[db.key] = (wall, memory)
            planned += [wall, memory]
        return planned

    def once(self, run_index, display):
        for db in self.bench.databases:
            self.export_once(db, run_index)
        for db in self.bench.databases:
            self.big_export_once(db, run_index == 0)

    def poolscope_export(self, db, sql, path):
        return timed([self.bench.bin.poolscope, "query", db.poolscope_url(), sql,
                      "--format", "csv", "-o", path], None)

    def export_once(self, db, run_index):
        ours_path = os.path.join(self.bench.folder, "poolscope-%s.csv" % db.key)
        steps = [lambda: self.ours_once(db, ours_path, run_index == 0),
                 lambda: self.references_once(db, ours_path, run_index == 0)]
        # Whichever runs first meets what ran just before it: poolscope first
        # on even runs (the first run compares the tools' CSV with its own),
        # the tools first on odd ones.
        for step in steps if run_index % 2 == 0 else reversed(steps):
            step()
        # poolscope's CSV is what the import measurements read.
        os.replace(ours_path, self.import_source(db))

    def ours_once(self, db, ours_path, first_run):
        wall, memory = self.rows[db.key]
        rows = self.bench.args.rows
        seconds, mb = self.poolscope_export(db, self.bench.sql, ours_path)
        for row in wall:
            row.ours.add(seconds)
        memory.ours.add(mb)
        if first_run:
            records = csv_records(ours_path)
            if records != rows + 1:
                raise BenchError("poolscope wrote %d CSV records for %s, expected %d"
                                 % (records, db.label, rows + 1))
            with open(ours_path, "rb") as f:
                header = len(f.readline())
            self.csv_bytes[db.key] = (os.path.getsize(ours_path) - header) / rows

    def references_once(self, db, ours_path, first_run):
        wall, memory = self.rows[db.key]
        for index, (name, args, _) in enumerate(db.references(self.bench.sql)):
            theirs_path = os.path.join(self.bench.folder, "reference-%s-%d.out" % (db.key, index))
            seconds, mb = timed(args, theirs_path, env=getattr(db, "env", None))
            wall[index].theirs.add(seconds)
            if index == 0:
                memory.theirs.add(mb)
            if first_run and os.path.getsize(theirs_path) == 0:
                raise BenchError("%s wrote nothing" % name)
            if first_run and db.key == "postgresql" and not filecmp.cmp(ours_path, theirs_path,
                                                                        shallow=False):
                raise BenchError("poolscope's CSV differs from %s's" % name)
            os.remove(theirs_path)

    def big_export_once(self, db, first_run):
        wall, memory = self.big_rows[db.key]
        path = os.path.join(self.bench.folder, "poolscope-big-%s.csv" % db.key)
        seconds, mb = self.poolscope_export(db, big_query(self.bench.table), path)
        wall.ours.add(seconds)
        memory.ours.add(mb)
        if first_run:
            expected = self.bench.args.rows * BIG_FACTOR + 1
            records = csv_records(path)
            if records != expected:
                raise BenchError("poolscope wrote %d CSV records for %s's big export, "
                                 "expected %d" % (records, db.label, expected))
        os.remove(path)

    def import_source(self, db):
        return os.path.join(self.bench.folder, "import-%s.csv" % db.key)


class Imports(Part):
    """poolscope import of the CSV poolscope exported, against each dialect's
    bulk loader, each into a fresh empty copy of the table."""

    def __init__(self, bench, exports):
        self.bench = bench
        self.exports = exports
        self.rows = {}

    def plan(self):
        planned = []
        for db in self.bench.databases:
            name = db.import_reference(self.bench.table, "FILE")[0]
            wall = Row("%s CSV import, wall" % db.label, "s", 2, name, "≤ 1.5× %s" % name,
                       ratio_at_most(1.5))
            memory = Row("%s CSV import, peak memory" % db.label, "MB", 1, name, "< 64 MB",
                         below(64))
            self.rows[db.key] = (wall, memory)
            planned += [wall, memory]
        return planned

    def once(self, run_index, display):
        for db in self.bench.databases:
            self.import_once(db, run_index)

    def import_once(self, db, run_index):
        first_run = run_index == 0
        wall, memory = self.rows[db.key]
        target = self.bench.table + "_in"
        source = self.exports.import_source(db)
        empty = "DROP TABLE IF EXISTS {t}; CREATE TABLE {t} AS SELECT * FROM {s} WHERE 1 = 0"
        # As for exports: poolscope first on even runs, the loader on odd ones.
        for ours in (True, False) if run_index % 2 == 0 else (False, True):
            for statement in empty.format(t=target, s=self.bench.table).split("; "):
                db.execute(statement)
            if ours:
                seconds, mb = timed([self.bench.bin.poolscope, "import", db.poolscope_url(),
                                     target, source], None)
                wall.ours.add(seconds)
                memory.ours.add(mb)
            else:
                name, args = db.import_reference(target, source)
                seconds, mb = timed(args, None, env=getattr(db, "env", None))
                wall.theirs.add(seconds)
                memory.theirs.add(mb)
            if first_run:
                count = int(db.execute("SELECT count(*) FROM %s" % target))
                if count != self.bench.args.rows:
                    raise BenchError("%s imported %d rows into %s, expected %d" % (
                        "poolscope" if ours else db.import_reference(target, source)[0], count,
                        db.label, self.bench.args.rows))
        db.execute("DROP TABLE %s" % target)

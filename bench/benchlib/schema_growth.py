"""bench_schema: a big catalog read into the schema panel and the SQL editor's
completion, at 1×, 10× and 100× the issue's size (10,000 tables and 100,000
columns), on PostgreSQL and on MariaDB."""

import os
import subprocess
import time
import urllib.parse

from benchlib.common import BenchError, Row, at_most, run_checked, run_json, say

COLUMNS_PER_TABLE = 10
# The size (100×) is 10,000 tables; the smoke run only checks the pipeline.
SCALES = ((1, 100), (10, 1000), (100, 10000))
SMOKE_SCALES = ((0, 10),)
TARGET_MS = 1000
TARGET_MB = 100

# Ten columns a table: five every table has, five named after the table (so
# completion has tens of thousands of distinct words, as a big real schema
# does). Nine tables in ten have a primary key, one in three an index on two
# columns, one in four a foreign key to the table before it.
POSTGRES_TABLES = """
DO $$
DECLARE
    t text;
BEGIN
    FOR i IN 1..{tables} LOOP
        t := 'item_' || lpad(i::text, 5, '0');
        EXECUTE format(
            'CREATE TABLE %I (id integer%s, parent_id integer%s, '
            'name varchar(100) NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), '
            'active boolean DEFAULT true, %I numeric(12, 2), %I double precision, '
            '%I char(8), %I text, %I jsonb)',
            t,
            CASE WHEN i % 10 <> 0 THEN ' PRIMARY KEY' ELSE '' END,
            CASE WHEN i % 4 = 0
                THEN format(' REFERENCES %I (id)', 'item_' || lpad((i - 1)::text, 5, '0'))
                ELSE '' END,
            'price_' || i, 'amount_' || i, 'code_' || i, 'note_' || i, 'payload_' || i);
        IF i % 3 = 0 THEN
            EXECUTE format('CREATE INDEX %I ON %I (name, created_at)', t || '_name', t);
        END IF;
        -- Each new table holds locks until commit: commit often enough to stay
        -- under max_locks_per_transaction.
        IF i % 200 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
END
$$;
ANALYZE;
"""

MARIADB_TABLES = """
DELIMITER //
BEGIN NOT ATOMIC
    DECLARE i INT DEFAULT 1;
    WHILE i <= {tables} DO
        EXECUTE IMMEDIATE CONCAT(
            'CREATE TABLE item_', LPAD(i, 5, '0'), ' (id INT',
            IF(i % 10 <> 0, ' PRIMARY KEY', ''),
            ', parent_id INT, name VARCHAR(100) NOT NULL, ',
            'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, ',
            'active BOOLEAN DEFAULT TRUE, price_', i, ' DECIMAL(12, 2), amount_', i, ' DOUBLE, ',
            'code_', i, ' CHAR(8), note_', i, ' TEXT, payload_', i, ' JSON',
            IF(i % 3 = 0, ', INDEX name_created (name, created_at)', ''),
            IF(i % 4 = 0, CONCAT(', FOREIGN KEY (parent_id) REFERENCES item_',
                                 LPAD(i - 1, 5, '0'), ' (id)'), ''),
            ') ENGINE=InnoDB');
        SET i = i + 1;
    END WHILE;
END
//
"""


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


class Catalog:
    """One database of one scale on one server, made by setup and dropped by teardown."""

    def __init__(self, db, factor, tables):
        self.db = db
        self.factor = factor
        self.tables = tables
        self.columns = tables * COLUMNS_PER_TABLE
        self.name = "schemabench_%d_%d" % (tables, os.getpid())
        self.url = with_database(db.url, self.name)

    def words(self):
        # Every table's name, the five columns all tables have, five of each table's own.
        return self.tables + 5 + 5 * self.tables

    def size_text(self):
        return "%s tables / %s columns" % (format(self.tables, ","), format(self.columns, ","))

    def make(self):
        started = time.perf_counter()
        self.db.execute("CREATE DATABASE %s" % self.name)
        if self.db.key == "postgresql":
            run_checked(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url],
                        "psql (making %s)" % self.size_text(),
                        input=POSTGRES_TABLES.format(tables=self.tables))
        else:
            run_checked(self.mariadb_client(), "mariadb (making %s)" % self.size_text(),
                        input=MARIADB_TABLES.format(tables=self.tables), env=self.db.env)
        say("%s: %s in %.1f s" % (self.db.label, self.size_text(),
                                  time.perf_counter() - started))

    def mariadb_client(self):
        client = list(self.db.client)
        client[client.index("-D") + 1] = self.name
        return client

    def drop(self):
        if self.db.key == "postgresql":
            # FORCE: a connection a failed run left behind must not keep it.
            sql = "DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name
            subprocess.run(self.db.psql("-c", sql), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        else:
            subprocess.run(self.db.client + ["-e", "DROP DATABASE IF EXISTS %s" % self.name],
                           env=self.db.env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)


class SchemaGrowth:
    """bench_schema on each catalog: panel and completion ready (ms), peak memory
    (MB), the longest GUI stall while it loads (ms), and what the completion
    list for a prefix all its tables share costs the GUI (ms)."""

    def __init__(self, bench):
        self.bench = bench
        scales = SMOKE_SCALES if bench.args.smoke else SCALES
        self.catalogs = [Catalog(db, factor, tables)
                         for db in (bench.postgres, bench.mariadb)
                         for factor, tables in scales]
        self.made = []
        self.rows = {}

    def plan(self):
        rows = []
        for catalog in self.catalogs:
            top = catalog.factor == 100
            what = "%s schema of %s" % (catalog.db.label, catalog.size_text())
            ready = Row(what + ", panel and completion ready", "ms", 0, "",
                        "≤ %d ms" % TARGET_MS if top else "",
                        at_most(TARGET_MS) if top else None)
            memory = Row(what + ", peak memory", "MB", 1, "",
                         "≤ %d MB" % TARGET_MB if top else "",
                         at_most(TARGET_MB) if top else None)
            stall = Row(what + ", longest GUI stall while it loads", "ms", 0)
            typing = Row(what + ", completion list for a table prefix", "ms", 1)
            self.rows[catalog.db.key, catalog.tables] = (ready, memory, stall, typing)
            rows += [ready, memory, stall, typing]
        return rows

    def setup(self):
        for catalog in self.catalogs:
            self.made.append(catalog)
            catalog.make()

    def teardown(self):
        for catalog in reversed(self.made):
            catalog.drop()
        self.made = []

    def once(self, run_index, display):
        program = os.path.join(self.bench.build_dir, "bench", "bench_schema")
        for catalog in self.catalogs:
            what = "bench_schema (%s, %s)" % (catalog.db.label, catalog.size_text())
            self.bench.quiet()
            result = run_json([program, catalog.url], what, env=display.env)
            if run_index == 0 and (result["tables"] != catalog.tables
                                   or result["columns"] != catalog.columns
                                   or result["words"] != catalog.words()
                                   or result["table_completions"] != catalog.tables):
                raise BenchError("%s: the panel shows %d tables and %d columns, completion "
                                 "has %d words and offers %d tables for their prefix; "
                                 "expected %d, %d, %d and %d"
                                 % (what, result["tables"], result["columns"], result["words"],
                                    result["table_completions"], catalog.tables,
                                    catalog.columns, catalog.words(), catalog.tables))
            ready, memory, stall, typing = self.rows[catalog.db.key, catalog.tables]
            ready.ours.add(result["ready_ms"])
            memory.ours.add(result["peak_mb"])
            stall.ours.add(result["longest_stall_ms"])
            typing.ours.add(result["complete_prefix_ms"])

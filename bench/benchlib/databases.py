"""The three databases the bench measures and the rows it makes in them."""

import os
import subprocess
import time
import urllib.parse

from benchlib.common import BenchError, run_checked

# How long the bench waits for a server to write back what the data left dirty.
WRITE_BACK_SECONDS = 60


# --- databases and data -----------------------------------------------------------

# The same rows everywhere: an integer, a short text, a long text with quotes,
# a comma and a newline, a real, a timestamp and a text that is NULL every third row.
SQLITE_DATA = """
CREATE TABLE {t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL,
                  price REAL NOT NULL, created TIMESTAMP NOT NULL, note TEXT);
INSERT INTO {t}
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
SELECT i, 'name ' || i,
       'He said "hello" to row ' || i || ', then left.' || char(10) ||
       'Second line of row ' || i || ', with ''single'' quotes and more words.',
       i * 0.25, datetime(1704067200 + i, 'unixepoch'),
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END
FROM n;
"""

POSTGRES_DATA = """
CREATE TABLE {t} (id integer PRIMARY KEY, name text NOT NULL, body text NOT NULL,
                  price double precision NOT NULL, created timestamp NOT NULL, note text);
INSERT INTO {t}
SELECT i, 'name ' || i,
       'He said "hello" to row ' || i || ', then left.' || chr(10) ||
       'Second line of row ' || i || ', with ''single'' quotes and more words.',
       i * 0.25, timestamp '2024-01-01' + i * interval '1 second',
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END
FROM generate_series(1, {rows}) AS i;
VACUUM (FREEZE, ANALYZE) {t};
"""

MARIADB_DATA = """
CREATE TABLE {t} (id INT PRIMARY KEY, name VARCHAR(32) NOT NULL, body TEXT NOT NULL,
                  price DOUBLE NOT NULL, created DATETIME NOT NULL, note VARCHAR(32))
    ENGINE=InnoDB;
INSERT INTO {t}
SELECT seq, CONCAT('name ', seq),
       CONCAT('He said "hello" to row ', seq, ', then left.', CHAR(10),
              'Second line of row ', seq, ', with ''single'' quotes and more words.'),
       seq * 0.25, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND,
       IF(seq % 3 = 0, NULL, CONCAT('note ', seq))
FROM seq_1_to_{rows};
ANALYZE TABLE {t};
"""


class Database:
    """One dialect: its URL for poolscope, the reference commands, the data."""

    def __init__(self, key, label, url):
        self.key = key
        self.label = label
        self.url = url

    def poolscope_url(self):
        return self.url


class SqliteDatabase(Database):
    def __init__(self, folder):
        self.path = os.path.join(folder, "bench.db")
        super().__init__("sqlite", "SQLite", "sqlite:///" + self.path)

    def load(self, table, rows):
        run_checked(["sqlite3", self.path], "sqlite3 (making data)",
                    input=SQLITE_DATA.format(t=table, rows=rows))

    def drop(self, table):
        pass  # the file goes with the temporary folder

    def write_back(self):
        pass  # the machine's sync takes the file

    def references(self, sql):
        return [("sqlite3 -csv", ["sqlite3", "-csv", "-header", self.path, sql], True)]

    def execute(self, sql):
        return run_checked(["sqlite3", self.path, sql], "sqlite3").strip()

    def import_reference(self, table, path):
        return ("sqlite3 .import", ["sqlite3", self.path, ".import --csv --skip 1 %s %s"
                                    % (path, table)])


class PostgresDatabase(Database):
    def __init__(self, url):
        super().__init__("postgresql", "PostgreSQL", url)

    def psql(self, *args):
        return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url, *args]

    def load(self, table, rows):
        run_checked(self.psql(), "psql (making data)",
                    input=POSTGRES_DATA.format(t=table, rows=rows))

    def drop(self, table):
        subprocess.run(self.psql("-c", "DROP TABLE IF EXISTS %s" % table),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def references(self, sql):
        return [("psql --csv", self.psql("--csv", "-c", sql), True),
                ("psql COPY … TO STDOUT CSV",
                 self.psql("-c", "COPY (%s) TO STDOUT WITH (FORMAT csv, HEADER)" % sql), True)]

    def execute(self, sql):
        return run_checked(self.psql("-At", "-c", sql), "psql").strip()

    def write_back(self):
        """A checkpoint now, rather than spread over the first runs."""
        subprocess.run(self.psql("-c", "CHECKPOINT"), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def import_reference(self, table, path):
        return ("psql \\copy", self.psql("-c", "\\copy %s FROM '%s' WITH (FORMAT csv, HEADER)"
                                          % (table, path)))


class MariadbDatabase(Database):
    def __init__(self, url):
        super().__init__("mariadb", "MariaDB", url)
        parts = urllib.parse.urlsplit(url)
        self.client = ["mariadb", "--no-defaults", "--protocol=tcp",
                       "-h", parts.hostname, "-P", str(parts.port or 3306),
                       "-u", urllib.parse.unquote(parts.username or ""),
                       "-D", parts.path.lstrip("/")]
        # The password goes through the environment, not the command line.
        self.env = dict(os.environ, MYSQL_PWD=urllib.parse.unquote(parts.password or ""))

    def load(self, table, rows):
        run_checked(self.client, "mariadb (making data)",
                    input=MARIADB_DATA.format(t=table, rows=rows), env=self.env)

    def drop(self, table):
        subprocess.run(self.client + ["-e", "DROP TABLE IF EXISTS %s" % table], env=self.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def references(self, sql):
        return [("mariadb --batch --quick", self.client + ["--batch", "--quick", "-e", sql],
                 True)]

    def execute(self, sql):
        return run_checked(self.client + ["--batch", "--skip-column-names", "-e", sql],
                           "mariadb", env=self.env).strip()

    def write_back(self):
        """InnoDB's dirty pages flushed now (its page cleaner would otherwise
        work through them, a burst a second, during the first runs), then its
        own setting again. Best effort: a server of someone else's may not let
        the bench change it."""
        try:
            setting = self.execute("SELECT @@GLOBAL.innodb_max_dirty_pages_pct")
            self.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0")
        except BenchError:
            return
        try:
            deadline = time.monotonic() + WRITE_BACK_SECONDS
            while time.monotonic() < deadline and int(self.execute(
                    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                    "WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'") or 0) > 0:
                time.sleep(0.2)
        finally:
            self.execute("SET GLOBAL innodb_max_dirty_pages_pct = %s" % setting)

    def import_reference(self, table, path):
        return ("mariadb LOAD DATA LOCAL INFILE", self.client + [
            "--local-infile=1", "-e",
            "LOAD DATA LOCAL INFILE '%s' INTO TABLE %s FIELDS TERMINATED BY ',' "
            "OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\\n' "
            "IGNORE 1 LINES" % (path, table)])



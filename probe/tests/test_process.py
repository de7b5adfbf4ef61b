"""The probe and the application's process: slow and vanishing readers, fork,
the python3 -m poolscope_probe wrapper, Flask-SQLAlchemy binds, and server
ids on real PostgreSQL and MariaDB servers when the tests are given them."""
import os
import subprocess
import sys
import textwrap
import time
import unittest

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool, QueuePool

import poolscope_probe

from .probetest import PROBE_ROOT, ProbeTestCase, Reader, line_of, of

HERE = os.path.abspath(__file__)


def churn(engine, times):
    for _ in range(times):
        with engine.connect() as connection:  # CHURN-LINE
            connection.execute(text("SELECT 1"))


class TestReaders(ProbeTestCase):
    def test_reader_that_never_reads_costs_only_its_buffer(self):
        # A connection per use: connects and closes are never folded, so the
        # reader's buffer fills however fast the loop runs.
        engine = create_engine(self.database(), poolclass=NullPool)
        churn(engine, 50)
        stalled = Reader(self.path)
        self.addCleanup(stalled.close)
        time.sleep(0.2)
        started = time.monotonic()
        churn(engine, 6000)
        stalled_run = time.monotonic() - started
        started = time.monotonic()
        churn(engine, 6000)
        self.assertLess(stalled_run, 20.0)
        # Reading again: the drops are counted, and a fresh snapshot follows.
        beat = stalled.wait_for(lambda m: m.get("type") == "heartbeat" and m["dropped"] > 0,
                                timeout=30)
        self.assertGreater(beat["dropped"], 0)
        snapshots = [m for m in stalled.messages if m["type"] == "snapshot"]
        self.assertGreaterEqual(len(snapshots), 1)
        stalled.wait_for(lambda m: m["type"] == "snapshot" and m is not snapshots[0], timeout=5)
        for raw in stalled.raw:
            self.assertLessEqual(len(raw) + 1, 64 * 1024)

    def test_no_reader_and_reader_leaving_mid_stream(self):
        engine = create_engine(self.database(), poolclass=QueuePool)
        churn(engine, 200)  # nobody listening
        leaving = Reader(self.path)
        leaving.wait_for(of("snapshot"))
        churn(engine, 100)
        leaving.wait_for(of("pool"))
        leaving.close()
        churn(engine, 500)
        reader = self.reader()
        churn(engine, 1)
        checkout = reader.wait_for(of("pool", event="checkout"))
        self.assertEqual(checkout["stack"][0]["line"], line_of(HERE, "CHURN-LINE"))
        engines = reader.messages[1]["engines"]
        self.assertEqual(len(engines), 1)
        self.assertEqual([c["state"] for c in engines[0]["connections"]], ["idle"])

    def test_fork_child_listens_on_its_own_socket(self):
        engine = create_engine(self.database(), poolclass=QueuePool)
        parent_held = engine.connect()
        parent_reader = self.reader()
        parent_id = parent_reader.messages[1]["engines"][0]["connections"][0]["id"]
        ready_r, ready_w = os.pipe()
        done_r, done_w = os.pipe()
        child = os.fork()
        if child == 0:
            code = 0
            try:
                os.close(ready_r)
                os.close(done_w)
                mine = create_engine(self.database("child.db"))
                held = mine.connect()  # CHILD-LINE
                os.write(ready_w, b"x")
                os.read(done_r, 1)
                held.close()
            except BaseException:
                code = 1
            os._exit(code)
        os.close(ready_w)
        os.close(done_r)
        try:
            self.assertEqual(os.read(ready_r, 1), b"x")
            child_path = os.path.join(self.folder, "%d.sock" % child)
            deadline = time.monotonic() + 5
            while not os.path.exists(child_path) and time.monotonic() < deadline:
                time.sleep(0.02)
            reader = Reader(child_path)
            self.addCleanup(reader.close)
            hello = reader.wait_for(of("hello"))
            self.assertEqual(hello["pid"], child)
            self.assertEqual(hello["ppid"], os.getpid())
            snapshot = reader.wait_for(of("snapshot"))
            held = [c for e in snapshot["engines"] for c in e["connections"]]
            self.assertNotIn(parent_id, [c["id"] for c in held])
            self.assertEqual(len(held), 1)
            self.assertEqual(held[0]["stack"][0]["line"], line_of(HERE, "CHILD-LINE"))
            # The parent still serves its own socket.
            self.assertTrue(os.path.exists(self.path))
            parent_held.close()
            parent_reader.wait_for(of("pool", event="checkin", connection=parent_id))
        finally:
            os.write(done_w, b"x")
            _, status = os.waitpid(child, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0)
        # os._exit skips atexit: the file stays, refusing, for a reader to remove.
        with self.assertRaises(ConnectionRefusedError):
            Reader(os.path.join(self.folder, "%d.sock" % child))

    def test_flask_sqlalchemy_bind_keys(self):
        try:
            from flask import Flask
            from flask_sqlalchemy import SQLAlchemy
        except ImportError:
            self.skipTest("Flask-SQLAlchemy is not installed")
        app = Flask(__name__)
        app.config["SQLALCHEMY_DATABASE_URI"] = self.database()
        app.config["SQLALCHEMY_BINDS"] = {"leaky": self.database("leaky.db")}
        db = SQLAlchemy(app)
        reader = self.reader()
        with app.app_context():
            db.session.execute(text("SELECT 1"))
            db.session.commit()
            leaky = db.engines["leaky"] if hasattr(db, "engines") else db.get_engine(bind="leaky")
        # Outside any app context: found the slow way.
        with leaky.connect() as connection:
            connection.execute(text("SELECT 1"))
        binds = set()
        deadline = time.monotonic() + 5
        while binds != {"default", "leaky"} and time.monotonic() < deadline:
            reader.wait_for(of("heartbeat"))
            binds = {m["engine"]["bind"] for m in reader.messages if m["type"] == "engine"}
            reader.messages = [m for m in reader.messages if m["type"] != "heartbeat"]
        self.assertEqual(binds, {"default", "leaky"})


SCRIPT = """\
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1])
held = engine.connect()  # SCRIPT-LINE
held.execute(text("SELECT 1"))
print("probe" if "poolscope_probe" in sys.modules else "no probe", flush=True)
sys.stdin.readline()
held.close()
sys.exit(7)
"""


class TestWrapper(ProbeTestCase):
    def test_module_runs_a_program_with_the_probe_attached(self):
        script = os.path.join(self.tmp.name, "script.py")
        with open(script, "w", encoding="utf-8") as out:
            out.write(SCRIPT)
        environment = dict(os.environ, PYTHONPATH=PROBE_ROOT)
        program = subprocess.Popen(
            [sys.executable if sys.executable == "/usr/bin/python3" else "/usr/bin/python3",
             "-m", "poolscope_probe", "--", "/usr/bin/python3", script, self.database(),
             "postgresql://u:ArgvSecret9@db/x"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment,
            cwd=self.tmp.name)
        try:
            self.assertEqual(program.stdout.readline().strip(), b"probe")
            path = os.path.join(self.folder, "%d.sock" % program.pid)  # exec: the same pid
            reader = Reader(path)
            self.addCleanup(reader.close)
            hello = reader.wait_for(of("hello"))
            self.assertEqual(hello["program"], "script.py")
            self.assertEqual(hello["argv"], [script, self.database(), "postgresql://u:***@db/x"])
            connections = reader.wait_for(of("snapshot"))["engines"][0]["connections"]
            self.assertEqual(connections[0]["state"], "checked_out")
            innermost = connections[0]["stack"][0]
            self.assertEqual((innermost["file"], innermost["line"]),
                             (script, line_of(script, "SCRIPT-LINE")))
            program.stdin.write(b"\n")
            program.stdin.flush()
            reader.wait_for(of("bye"))
        finally:
            program.stdin.close()
            code = program.wait(30)
            program.stdout.close()
        self.assertEqual(code, 7)
        self.assertFalse(os.path.exists(path))

    def test_missing_program(self):
        run = subprocess.run(["/usr/bin/python3", "-m", "poolscope_probe", "--",
                              os.path.join(self.tmp.name, "nothing-here")],
                             env=dict(os.environ, PYTHONPATH=PROBE_ROOT),
                             capture_output=True)
        self.assertEqual(run.returncode, 127)
        self.assertIn(b"cannot run", run.stderr)


def _driver_url(variable, driver):
    url = os.environ.get(variable)
    if not url:
        return None
    return driver + "://" + url.split("://", 1)[1]


class TestServerIds(ProbeTestCase):
    def check(self, url, sql):
        engine = create_engine(url, pool_size=2)
        reader = self.reader()
        with engine.connect() as connection:
            expected = connection.execute(text(sql)).scalar()
            connect = reader.wait_for(of("pool", event="connect"))
            self.assertEqual(connect["server_id"], expected)
            checkout = reader.wait_for(of("pool", event="checkout"))
            self.assertEqual(checkout["server_id"], expected)
        announced = reader.wait_for(of("engine"))["engine"]
        self.assertNotIn(engine.url.password, announced["url"])
        for raw in reader.raw:
            self.assertNotIn(engine.url.password.encode(), raw)
        engine.dispose()

    def test_postgresql_backend_pid(self):
        url = _driver_url("POOLSCOPE_TEST_POSTGRES_URL", "postgresql+psycopg2")
        if url is None:
            raise unittest.SkipTest("POOLSCOPE_TEST_POSTGRES_URL is not set")
        self.check(url, "SELECT pg_backend_pid()")
        # No transaction left open by the probe's query: a fresh connection
        # is idle on the server.
        engine = create_engine(url)
        with engine.connect() as connection:
            status = connection.connection.dbapi_connection.get_transaction_status()
            self.assertEqual(status, 0)  # TRANSACTION_STATUS_IDLE
        engine.dispose()

    def test_mariadb_connection_id(self):
        url = _driver_url("POOLSCOPE_TEST_MARIADB_URL", "mysql+pymysql")
        if url is None:
            raise unittest.SkipTest("POOLSCOPE_TEST_MARIADB_URL is not set")
        self.check(url, "SELECT CONNECTION_ID()")


if __name__ == "__main__":
    unittest.main()

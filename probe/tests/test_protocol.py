"""The probe's messages, as a reader sees them, from real SQLite databases."""
import gc
import os
import socket
import stat
import struct
import time

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

import poolscope_probe
from poolscope_probe import hooks

from .probetest import ProbeTestCase, Reader, line_of, of

HERE = os.path.abspath(__file__)


def hold(engine):
    return engine.connect()  # HOLD-LINE


def leak(engine):
    connection = engine.connect()  # LEAK-LINE
    connection.execute(text("SELECT 1"))
    # Dropped without close(): only the garbage collector returns it.


def leak_session(engine):
    session = Session(engine)
    session.execute(text("SELECT 1"))  # SESSION-LEAK-LINE


class TestProtocol(ProbeTestCase):
    def test_socket_folder_and_modes(self):
        self.assertEqual(stat.S_IMODE(os.stat(self.folder).st_mode), 0o700)
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)
        self.assertTrue(stat.S_ISSOCK(os.stat(self.path).st_mode))

    def test_attach_is_idempotent(self):
        poolscope_probe.attach()
        self.assertEqual(poolscope_probe.socket_path(), self.path)
        engine = create_engine(self.database())
        reader = self.reader()
        with engine.connect():
            pass
        reader.wait_for(of("pool", event="checkin"))
        time.sleep(0.3)
        reader.wait_for(of("heartbeat"))
        checkouts = [m for m in reader.messages if m.get("event") == "checkout"]
        self.assertEqual(len(checkouts), 1)

    def test_hello_snapshot_and_events(self):
        engine = create_engine(self.database(), poolclass=QueuePool, pool_size=2,
                               max_overflow=1, pool_timeout=7)
        reader = self.reader()
        hello = reader.messages[0]
        self.assertEqual(hello["type"], "hello")
        self.assertEqual(hello["protocol"], 1)
        self.assertEqual(hello["pid"], os.getpid())
        self.assertEqual(hello["ppid"], os.getppid())
        self.assertEqual(hello["cwd"], os.getcwd())
        self.assertIsInstance(hello["argv"], list)
        self.assertTrue(hello["python"])
        self.assertTrue(hello["sqlalchemy"].startswith("1.") or hello["sqlalchemy"][0].isdigit())
        self.assertIsInstance(hello["t"], float)
        self.assertEqual(reader.messages[1]["type"], "snapshot")

        connection = hold(engine)
        announced = reader.wait_for(of("engine"))["engine"]
        self.assertEqual(announced["dialect"], "sqlite")
        self.assertIsNone(announced["bind"])
        self.assertEqual(announced["url"], self.database())
        self.assertEqual(announced["pool"], {"class": "QueuePool", "size": 2, "max_overflow": 1,
                                             "timeout": 7, "recycle": -1, "pre_ping": False})
        connect = reader.wait_for(of("pool", event="connect"))
        self.assertEqual(connect["engine"], announced["id"])
        self.assertIsNone(connect["server_id"])
        checkout = reader.wait_for(of("pool", event="checkout"))
        self.assertEqual(checkout["connection"], connect["connection"])
        self.assertIn("Pool size: 2", checkout["status"])
        innermost = checkout["stack"][0]
        self.assertEqual(innermost["file"], HERE)
        self.assertEqual(innermost["line"], line_of(HERE, "HOLD-LINE"))
        self.assertEqual(innermost["function"], "hold")
        self.assertIn("engine.connect()", innermost["code"])
        self.assertLessEqual(len(checkout["stack"]), 30)
        for frame in checkout["stack"]:
            self.assertNotIn("/sqlalchemy/", frame["file"])
            self.assertNotIn("/unittest/", frame["file"])
            self.assertNotIn("poolscope_probe", frame["file"])

        # A second reader's snapshot has the held connection and its line.
        late = self.reader()
        engines = late.messages[1]["engines"]
        self.assertEqual([e["id"] for e in engines], [announced["id"]])
        held = engines[0]["connections"]
        self.assertEqual(len(held), 1)
        self.assertEqual(held[0]["id"], connect["connection"])
        self.assertEqual(held[0]["state"], "checked_out")
        self.assertIsInstance(held[0]["connected"], float)
        self.assertEqual(held[0]["stack"][0]["line"], line_of(HERE, "HOLD-LINE"))

        connection.close()
        checkin = reader.wait_for(of("pool", event="checkin"))
        self.assertEqual(checkin["connection"], connect["connection"])
        self.assertIsNone(checkin["stack"])
        reader.wait_for(of("pool", event="reset"))
        beat = reader.wait_for(of("heartbeat"))
        self.assertEqual(beat["dropped"], 0)
        idle = Reader(self.path)
        self.addCleanup(idle.close)
        conns = idle.wait_for(of("snapshot"))["engines"][0]["connections"]
        self.assertEqual(conns[0]["state"], "idle")
        self.assertIsNone(conns[0]["checked_out"])
        self.assertIsNone(conns[0]["stack"])

        # Invalidate, then a new connection on the same record.
        with engine.connect() as again:
            again.invalidate()
        reader.wait_for(of("pool", event="invalidate", connection=connect["connection"]))
        reader.wait_for(of("pool", event="close", connection=connect["connection"]))
        engine.dispose()

    def test_session_events(self):
        engine = create_engine(self.database())
        reader = self.reader()
        session = Session(engine)
        session.execute(text("SELECT 1"))  # SESSION-BEGIN
        session.commit()
        session.close()
        begin = reader.wait_for(of("session", event="begin"))
        checkout = reader.wait_for(of("pool", event="checkout"))
        self.assertEqual(begin["engine"], checkout["engine"])
        self.assertEqual(begin["connection"], checkout["connection"])
        self.assertEqual(begin["stack"][0]["line"], line_of(HERE, "SESSION-BEGIN"))
        commit = reader.wait_for(of("session", event="commit"))
        self.assertEqual(commit["session"], begin["session"])
        self.assertEqual(commit["connection"], checkout["connection"])
        close = reader.wait_for(of("session", event="close"))
        self.assertEqual(close["session"], begin["session"])
        other = Session(engine)
        other.execute(text("SELECT 1"))
        other.rollback()
        rollback = reader.wait_for(of("session", event="rollback"))
        self.assertNotEqual(rollback["session"], begin["session"])
        other.close()

    def test_garbage_collected_connection_is_reported(self):
        engine = create_engine(self.database(), poolclass=QueuePool)
        reader = self.reader()
        leak(engine)
        gc.collect()
        collected = reader.wait_for(of("pool", event="gc"))
        checkout = reader.wait_for(of("pool", event="checkout"))
        self.assertEqual(collected["connection"], checkout["connection"])
        self.assertEqual(collected["stack"][0]["line"], line_of(HERE, "LEAK-LINE"))
        # gc, then the pool's own reset and checkin.
        index = reader.messages.index(collected)
        reader.wait_for(of("pool", event="checkin", connection=collected["connection"]))
        later = [m.get("event") for m in reader.messages[index:] if m.get("type") == "pool"]
        self.assertLess(later.index("gc"), later.index("checkin"))

        leak_session(engine)
        gc.collect()
        second = reader.wait_for(lambda m: m.get("event") == "gc" and m is not collected)
        self.assertEqual(second["stack"][0]["line"], line_of(HERE, "SESSION-LEAK-LINE"))

        # A connection closed properly is no gc.
        with engine.connect() as fine:
            fine.execute(text("SELECT 1"))
        gc.collect()
        time.sleep(0.2)
        reader.wait_for(of("heartbeat"))
        self.assertEqual(len([m for m in reader.messages if m.get("event") == "gc"]), 2)

    def test_passwords_never_leave_the_process(self):
        never = create_engine("postgresql+psycopg2://shop:NeverUsedSecret@127.0.0.1:1/shop",
                              connect_args={"password": "NeverUsedArg"})
        refused = create_engine("postgresql+psycopg2://shop:UrlSecret42@127.0.0.1:1/shop",
                                connect_args={"password": "ArgSecret42", "connect_timeout": 1})
        lite = create_engine(self.database())
        reader = self.reader()
        with self.assertRaises(Exception):
            refused.connect()
        conn = lite.connect(); note = "ArgSecret42 postgresql://u:LineSecret7@db/x"  # SECRET-LINE
        checkout = reader.wait_for(of("pool", event="checkout"))
        conn.close()
        reader.wait_for(of("pool", event="checkin"))
        late = self.reader()
        time.sleep(1.1)
        reader.wait_for(of("heartbeat"))
        code = checkout["stack"][0]["code"]
        self.assertEqual(checkout["stack"][0]["line"], line_of(HERE, "SECRET-LINE"))
        self.assertIn("u:***@db", code)
        self.assertIn("*** postgresql", code)
        urls = [m["engine"]["url"] for m in reader.messages if m["type"] == "engine"]
        self.assertIn("postgresql+psycopg2://shop:***@127.0.0.1:1/shop", urls)
        for raw in reader.raw + late.raw:
            for secret in (b"NeverUsedSecret", b"NeverUsedArg", b"UrlSecret42", b"ArgSecret42",
                           b"LineSecret7"):
                self.assertNotIn(secret, raw)
        self.assertTrue(note)
        never.dispose()

    def test_stale_socket_of_our_pid_is_replaced(self):
        poolscope_probe.detach()
        import socket
        stale = socket.socket(socket.AF_UNIX)
        stale.bind(self.path)
        stale.close()  # a socket file nobody listens on
        poolscope_probe.attach()
        self.assertEqual(poolscope_probe.socket_path(), self.path)
        self.reader()

    def test_other_users_are_refused(self):
        reader = self.reader()
        creds = reader.sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                       struct.calcsize("3i"))
        self.assertEqual(struct.unpack("3i", creds)[0], os.getpid())
        if os.getuid() != 0:
            self.skipTest("needs root to connect as another user")
        # Open the way for "nobody", so only the probe's own check stands.
        for folder in (self.tmp.name, self.folder):
            os.chmod(folder, 0o755)
        os.chmod(self.path, 0o777)
        child = os.fork()
        if child == 0:
            code = 1
            try:
                os.setgid(65534)
                os.setuid(65534)
                sock = socket.socket(socket.AF_UNIX)
                sock.settimeout(5)
                sock.connect(self.path)
                code = 0 if sock.recv(100) == b"" else 2
            except BaseException:
                code = 3
            os._exit(code)
        _, status = os.waitpid(child, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0)
        reader.wait_for(of("heartbeat"))  # the probe serves its own user still

    def test_handlers_never_raise(self):
        before = hooks.errors[0]
        hooks.on_checkout(None, object(), None)
        hooks.on_connect(None, None)
        hooks.on_after_begin(None, None, None)
        self.assertGreater(hooks.errors[0], before)

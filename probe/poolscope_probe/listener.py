"""The socket side: <dir>/<pid>.sock, served by one daemon thread.

The thread owns every socket and the Model. It wakes at least every
POLL_SECONDS to drain the handlers' inbox, so the application never makes a
system call for the probe's sake.
"""
import collections
import json
import logging
import os
import platform
import selectors
import socket
import stat
import struct
import sys
import threading
import time

from . import frames, hooks, state

PROTOCOL = 1
MAX_LINE_BYTES = 64 * 1024  # a line with its newline
MAX_WAITING_LINES = 1000
MAX_READERS = 8
POLL_SECONDS = 0.05
HEARTBEAT_SECONDS = 1.0
_SEND_CHUNK = 256 * 1024
# Frames per stack tried, in order, until a line fits; None leaves the
# source lines out, 0 the stacks.
_FRAME_LEVELS = (frames.MAX_FRAMES, 10, 3, (3, None), (1, None), 0)

log = logging.getLogger("poolscope_probe")


def probe_dir():
    configured = os.environ.get("POOLSCOPE_PROBE_DIR")
    if configured:
        return configured
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "poolscope", "probes")
    return "/tmp/poolscope-%d/probes" % os.getuid()


def prepare_dir(path):
    """Makes the folders missing on the way to path with mode 0700 and
    checks that path is a real folder of ours: in a shared /tmp another user
    could have made it first."""
    missing = []
    head = os.path.abspath(path)
    while not os.path.exists(head):
        missing.append(head)
        head = os.path.dirname(head)
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
            os.chmod(folder, 0o700)  # the umask may have taken bits away
        except FileExistsError:
            pass
    for folder in [path] + [f for f in missing if f != path]:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise PermissionError("%s is not a folder of this user" % folder)


def _program(argv):
    name = os.path.basename(argv[0]) if argv and argv[0] else "python"
    if name == "__main__.py" and argv[0]:
        name = os.path.basename(os.path.dirname(os.path.abspath(argv[0])))
    return name


def hello(now, scrub):
    # Programs take database URLs as arguments too.
    argv = [scrub(str(arg)) for arg in getattr(sys, "argv", None) or []]
    try:
        import sqlalchemy
        version = sqlalchemy.__version__
    except Exception:
        version = None
    try:
        cwd = os.getcwd()
    except OSError:
        cwd = None
    return {"type": "hello", "t": now, "protocol": PROTOCOL, "pid": os.getpid(),
            "ppid": os.getppid(), "program": _program(argv), "argv": argv, "cwd": cwd,
            "python": platform.python_version(), "sqlalchemy": version}


def _render_stack(stack, scrub, level):
    if not stack:
        return stack
    if level == 0:
        return []
    if isinstance(level, tuple):
        return frames.render(stack, scrub, level[0], with_code=False)
    return frames.render(stack, scrub, level)


def _rendered(message, scrub, level):
    kind = message["type"]
    if kind in ("pool", "session"):
        copy = dict(message)
        copy["stack"] = _render_stack(message.get("stack"), scrub, level)
        return copy
    if kind in ("snapshot", "engine"):
        engines = message["engines"] if kind == "snapshot" else [message["engine"]]
        rendered = []
        for engine in engines:
            engine = dict(engine)
            connections = []
            for conn in engine["connections"]:
                conn = dict(conn)
                conn["stack"] = _render_stack(conn.get("stack"), scrub, level)
                connections.append(conn)
            engine["connections"] = connections
            rendered.append(engine)
        copy = dict(message)
        if kind == "snapshot":
            copy["engines"] = rendered
        else:
            copy["engine"] = rendered[0]
        return copy
    return message


def _dump(message):
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.encode("utf-8", "replace") + b"\n"


def encode(message, scrub):
    """One JSON line of at most MAX_LINE_BYTES, cutting stacks (and, for a
    snapshot of thousands of connections, idle connections, then the
    rest) until it fits; None when nothing makes it fit."""
    for level in _FRAME_LEVELS:
        line = _dump(_rendered(message, scrub, level))
        if len(line) <= MAX_LINE_BYTES:
            return line
    if message["type"] == "snapshot":
        trimmed = dict(message)
        trimmed["engines"] = [dict(e, connections=[c for c in e["connections"]
                                                   if c["state"] == "checked_out"])
                              for e in message["engines"]]
        line = _dump(_rendered(trimmed, scrub, 0))
        if len(line) <= MAX_LINE_BYTES:
            return line
        trimmed["engines"] = [dict(e, connections=[]) for e in trimmed["engines"]]
        line = _dump(trimmed)
        if len(line) <= MAX_LINE_BYTES:
            return line
    return None


# Events per drain (every POLL_SECONDS) above which fold() thins them out:
# about 1,700 checkouts a second in one process.
FOLD_ABOVE = 256
# Pool events that only move a connection between checked out and idle.
_FOLDED_EVENTS = frozenset(("checkout", "checkin", "reset"))


def fold(events):
    """A large batch of the handlers' events less the checkouts, resets and
    checkins that a later one of the same connection supersedes: of each
    uninterrupted run of them the last says where the connection ended up
    (and, for a checkout, since when and by which code). A busy pool checks
    out thousands of times between two drains; readers need the state, and
    handling every step would cost the application more than the pool does.
    Any other event of the connection (gc, close, connect, ...) ends a run,
    so what it refers to is kept. Batches of an ordinary pace pass whole."""
    if len(events) <= FOLD_ABOVE:
        return events
    dropped = None
    run = {}  # id of the record's weak reference -> index of its last step
    for index, event in enumerate(events):
        if event[0] != "pool":
            continue
        key = id(event[4])
        if event[1] in _FOLDED_EVENTS:
            previous = run.get(key)
            if previous is not None:
                if dropped is None:
                    dropped = set()
                dropped.add(previous)
            run[key] = index
        else:
            run.pop(key, None)
    if dropped is None:
        return events
    return [event for index, event in enumerate(events) if index not in dropped]


class Reader:
    def __init__(self, sock):
        self.sock = sock
        self.lines = collections.deque()
        self.pending = b""
        self.dropped = 0
        self.behind = False  # lost lines since its last snapshot

    def add(self, line):
        if len(self.lines) >= MAX_WAITING_LINES:
            self.dropped += 1
            self.behind = True
            return
        self.lines.append(line)

    def waiting(self):
        return bool(self.pending or self.lines)

    def flush(self):
        """Sends what the socket takes now; False when the reader is gone."""
        while self.pending or self.lines:
            if not self.pending:
                chunk = []
                size = 0
                while self.lines and size < _SEND_CHUNK:
                    line = self.lines.popleft()
                    chunk.append(line)
                    size += len(line)
                self.pending = b"".join(chunk)
            try:
                sent = self.sock.send(self.pending)
            except (BlockingIOError, InterruptedError):
                return True
            except OSError:
                return False
            self.pending = self.pending[sent:]
        return True


def peer_uid(sock):
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


class Listener:
    def __init__(self, model, scrub):
        self.model = model
        self.scrub = scrub
        self.path = None
        self.pid = os.getpid()
        self._server = None
        self._selector = None
        self._wake_r = self._wake_w = None
        self._readers = {}
        self._thread = None
        self._stopping = False
        self._bye_sent = threading.Event()

    def start(self):
        folder = probe_dir()
        prepare_dir(folder)
        self.path = os.path.join(folder, "%d.sock" % self.pid)
        try:
            info = os.lstat(self.path)
            if stat.S_ISSOCK(info.st_mode):
                # Ours by name: left by an earlier process with this pid.
                os.unlink(self.path)
        except FileNotFoundError:
            pass
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(self.path)
            os.chmod(self.path, 0o600)
            server.listen(MAX_READERS)
            server.setblocking(False)
        except BaseException:
            server.close()
            raise
        self._server = server
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(server, selectors.EVENT_READ, "accept")
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._thread = threading.Thread(target=self._run, name="poolscope-probe", daemon=True)
        self._thread.start()

    # Thread --------------------------------------------------------------

    def _run(self):
        next_beat = time.monotonic() + HEARTBEAT_SECONDS
        while not self._stopping:
            try:
                timeout = max(0.0, min(POLL_SECONDS, next_beat - time.monotonic()))
                for key, mask in self._selector.select(timeout):
                    if key.data == "accept":
                        self._accept()
                    elif key.data == "wake":
                        self._drain_wake()
                    elif mask & selectors.EVENT_READ:
                        self._read(key.fileobj)
                self._pump()
                if time.monotonic() >= next_beat:
                    next_beat = time.monotonic() + HEARTBEAT_SECONDS
                    self._heartbeat()
                self._flush_all()
            except Exception:
                hooks.errors[0] += 1
                time.sleep(POLL_SECONDS)
        self._finish()

    def _drain_wake(self):
        try:
            while self._wake_r.recv(4096):
                pass
        except OSError:
            pass

    def _accept(self):
        while True:
            try:
                sock, _ = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            try:
                if peer_uid(sock) != os.getuid() or len(self._readers) >= MAX_READERS:
                    sock.close()
                    continue
                sock.setblocking(False)
            except OSError:
                sock.close()
                continue
            # Events already handed over go to the readers there were; the
            # new reader's snapshot includes them.
            self._pump()
            reader = Reader(sock)
            now = time.time()
            reader.add(_dump(hello(now, self.scrub)))
            self._add_snapshot(reader, now)
            self._readers[sock] = reader
            self._selector.register(sock, selectors.EVENT_READ, reader)
            if not reader.flush():
                self._drop(sock)

    def _add_snapshot(self, reader, now):
        line = encode(self.model.snapshot(now), self.scrub)
        if line is not None:
            reader.add(line)
            reader.behind = False

    def _read(self, sock):
        try:
            data = sock.recv(4096)  # readers have nothing to say; EOF is news
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(sock)

    def _drop(self, sock):
        self._readers.pop(sock, None)
        try:
            self._selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        sock.close()

    def _pump(self):
        inbox = hooks.inbox
        events = []
        # What is there now: a busy application must not keep this loop going.
        for _ in range(len(inbox)):
            try:
                events.append(inbox.popleft())
            except IndexError:
                break
        messages = []
        resync = False
        for event in fold(events):
            try:
                for message in self.model.apply(event):
                    if message == "resync":
                        resync = True
                    else:
                        messages.append(message)
            except Exception:
                hooks.errors[0] += 1
        if not self._readers:
            return
        now = time.time()
        statuses = {}
        for message in messages:
            if message.get("t") is None:
                message["t"] = now
            state.status_of(message, statuses)
            line = encode(message, self.scrub)
            if line is None:
                for reader in self._readers.values():
                    reader.dropped += 1
                continue
            for reader in self._readers.values():
                reader.add(line)
        if resync:
            for reader in self._readers.values():
                self._add_snapshot(reader, now)

    def _heartbeat(self):
        now = time.time()
        messages = self.model.sweep(now)
        for reader in list(self._readers.values()):
            for message in messages:
                line = encode(message, self.scrub)
                if line is not None:
                    reader.add(line)
            # A reader that lost lines has a wrong picture: once it has
            # caught up, a fresh snapshot sets it right.
            if reader.behind and len(reader.lines) < MAX_WAITING_LINES // 2:
                self._add_snapshot(reader, now)
            reader.add(_dump({"type": "heartbeat", "t": now, "dropped": reader.dropped,
                              "errors": hooks.errors[0]}))

    def _flush_all(self):
        for sock, reader in list(self._readers.items()):
            if reader.waiting() and not reader.flush():
                self._drop(sock)
                continue
            events = selectors.EVENT_READ
            if reader.waiting():
                events |= selectors.EVENT_WRITE
            try:
                if self._selector.get_key(sock).events != events:
                    self._selector.modify(sock, events, reader)
            except (KeyError, ValueError):
                pass

    def _finish(self):
        try:
            self._pump()
            bye = _dump({"type": "bye", "t": time.time()})
            deadline = time.monotonic() + 0.25
            for reader in self._readers.values():
                reader.lines.append(bye)  # past the limit: it is the last
            while time.monotonic() < deadline:
                if not any(r.waiting() for r in self._readers.values()):
                    break
                for sock, reader in list(self._readers.items()):
                    if not reader.flush():
                        self._drop(sock)
                time.sleep(0.01)
        except Exception:
            pass
        finally:
            for sock in list(self._readers):
                self._drop(sock)
            self._close_sockets(unlink=True)
            self._bye_sent.set()

    def _close_sockets(self, unlink):
        if unlink and self.path and self.pid == os.getpid():
            try:
                os.unlink(self.path)
            except OSError:
                pass
        for sock in (self._server, self._wake_r, self._wake_w):
            if sock is not None:
                try:
                    sock.close()
                except OSError:
                    pass
        if self._selector is not None:
            try:
                self._selector.close()
            except Exception:
                pass

    # Other threads -------------------------------------------------------

    def stop(self, timeout=1.0):
        """Sends bye, closes every socket, removes the socket file."""
        if self._thread is None:
            return
        self._stopping = True
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        if self._thread is threading.current_thread():
            return
        self._thread.join(timeout)
        if not self._bye_sent.is_set() and self.path and self.pid == os.getpid():
            try:
                os.unlink(self.path)
            except OSError:
                pass

    def abandon_in_child(self):
        """After fork: the thread is gone and the sockets are the parent's.
        Closes this process's copies; the parent's socket file stays."""
        for sock in list(self._readers):
            try:
                sock.close()
            except OSError:
                pass
        self._readers = {}
        self._close_sockets(unlink=False)

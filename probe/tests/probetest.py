"""Shared pieces of the probe's tests: a reader of the probe's socket written
with the standard library, as poolscope reads it, and a probe attached to a
temporary folder for each test."""
import json
import os
import socket
import tempfile
import time
import unittest

import poolscope_probe

PROBE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Reader:
    """One reader of a probe's JSON lines."""

    def __init__(self, path, timeout=10.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        try:
            self.sock.connect(path)
        except OSError:
            self.sock.close()
            raise
        self.buffer = b""
        self.messages = []
        self.raw = []

    def close(self):
        self.sock.close()

    def _receive(self, deadline):
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = self.sock.recv(1 << 16)
        except socket.timeout:
            return True
        if not data:
            return False
        self.buffer += data
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            self.raw.append(line)
            self.messages.append(json.loads(line.decode("utf-8")))
        return True

    def wait_for(self, predicate, timeout=10.0):
        """The first message, from the start of the stream, that matches."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for message in self.messages[seen:]:
                if predicate(message):
                    return message
            seen = len(self.messages)
            if time.monotonic() >= deadline:
                raise AssertionError("no matching message in %d read" % len(self.messages))
            if not self._receive(deadline):
                for message in self.messages[seen:]:
                    if predicate(message):
                        return message
                raise AssertionError("the probe hung up; %d messages read" % len(self.messages))

    def read_until_closed(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._receive(deadline):
            pass
        return self.messages


def of(kind, **fields):
    def match(message):
        return message.get("type") == kind and all(
            message.get(key) == value for key, value in fields.items())
    return match


def line_of(path, marker):
    with open(path, encoding="utf-8") as source:
        for number, text in enumerate(source, 1):
            if marker in text and "line_of(" not in text:
                return number
    raise AssertionError("no line marked %s" % marker)


class ProbeTestCase(unittest.TestCase):
    """Attaches the probe with POOLSCOPE_PROBE_DIR set to a fresh folder."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.folder = os.path.join(self.tmp.name, "probes")
        previous = os.environ.get("POOLSCOPE_PROBE_DIR")
        os.environ["POOLSCOPE_PROBE_DIR"] = self.folder

        def restore():
            if previous is None:
                os.environ.pop("POOLSCOPE_PROBE_DIR", None)
            else:
                os.environ["POOLSCOPE_PROBE_DIR"] = previous
        self.addCleanup(restore)
        poolscope_probe.attach()
        self.addCleanup(poolscope_probe.detach)
        self.path = poolscope_probe.socket_path()
        self.assertEqual(self.path, os.path.join(self.folder, "%d.sock" % os.getpid()))

    def reader(self):
        reader = Reader(self.path)
        self.addCleanup(reader.close)
        reader.wait_for(of("snapshot"))
        return reader

    def database(self, name="app.db"):
        return "sqlite:///" + os.path.join(self.tmp.name, name)

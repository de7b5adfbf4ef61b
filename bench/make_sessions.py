#!/usr/bin/python3
"""Holds N sessions open on a PostgreSQL or MariaDB server, for bench_sessions.

    make_sessions.py URL N [--seconds S] [--processes P]

Opens N connections to URL (postgresql://… or mysql://…), spread over P
processes so the sessions have different client processes, in a mix that
looks like a busy application server: most idle, some idle in a
transaction, a few running a sleep, under several application names.
Prints "ready N" once every connection is open, then holds them until its
standard input closes, S seconds pass, or it gets SIGTERM or SIGINT, and
closes every connection on the way out.

Bounded on purpose: it refuses N above MAX_SESSIONS, and it never holds
longer than S seconds (default 600), even when whoever started it forgets
it.
"""

import argparse
import os
import resource
import select
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

MAX_SESSIONS = 5000
MAX_SECONDS = 3600
# One in IDLE_IN_TRANSACTION_EVERY sessions leaves a transaction open, one in
# RUNNING_EVERY runs a sleep (at least one of each whenever N allows).
IDLE_IN_TRANSACTION_EVERY = 20
RUNNING_EVERY = 100
APPLICATIONS = ("orders-api", "billing-worker", "report-cron", "admin-shell")


class Stop(Exception):
    """A signal asked the holder to let go."""


def fail(message):
    print(f"make_sessions: {message}", file=sys.stderr)
    sys.exit(1)


def parse_url(url):
    parts = urllib.parse.urlsplit(url)
    kind = {"postgresql": "postgresql", "postgres": "postgresql",
            "mysql": "mysql", "mariadb": "mysql"}.get(parts.scheme)
    if kind is None or not parts.hostname:
        fail(f"not a postgresql:// or mysql:// URL with a host: {parts.scheme}://…")
    return {
        "kind": kind,
        "host": parts.hostname,
        "port": parts.port or (5432 if kind == "postgresql" else 3306),
        "user": urllib.parse.unquote(parts.username or ""),
        "password": urllib.parse.unquote(parts.password or ""),
        "database": urllib.parse.unquote(parts.path.lstrip("/")),
    }


def raise_file_limit(needed):
    """Each connection is a descriptor: lift the soft limit as far as needed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = needed + 64
    if soft != resource.RLIM_INFINITY and soft < want:
        if hard != resource.RLIM_INFINITY and hard < want:
            fail(f"{needed} connections need {want} descriptors; the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


class Holder:
    """The connections of one process, and the few threads running a sleep."""

    def __init__(self, target, seconds):
        self.target = target
        self.seconds = seconds
        self.connections = []
        self.running = []  # (connection, thread)
        if target["kind"] == "postgresql":
            import psycopg2
            self.driver = psycopg2
        else:
            import pymysql
            self.driver = pymysql

    def connect(self, application):
        t = self.target
        if t["kind"] == "postgresql":
            connection = self.driver.connect(
                host=t["host"], port=t["port"], user=t["user"], password=t["password"],
                dbname=t["database"], application_name=application, connect_timeout=30)
            connection.autocommit = True
        else:
            connection = self.driver.connect(
                host=t["host"], port=t["port"], user=t["user"], password=t["password"],
                database=t["database"], connect_timeout=30, autocommit=True,
                program_name=application)
        self.connections.append(connection)
        return connection

    def open(self, first, count):
        """Sessions first … first + count - 1 of the whole mix."""
        for number in range(first, first + count):
            # Runs of seven: each kind of session under every application.
            connection = self.connect(APPLICATIONS[(number // 7) % len(APPLICATIONS)])
            if number % RUNNING_EVERY == RUNNING_EVERY - 1 or number == 1:
                self.start_sleep(connection)
            elif number % IDLE_IN_TRANSACTION_EVERY == IDLE_IN_TRANSACTION_EVERY - 1 or number == 0:
                cursor = connection.cursor()
                # MariaDB starts an InnoDB transaction only when one is read
                # from or asked for by name: without it the session would be
                # plain idle there.
                cursor.execute("BEGIN" if self.target["kind"] == "postgresql"
                               else "START TRANSACTION WITH CONSISTENT SNAPSHOT")
                cursor.execute("SELECT 1")
                cursor.fetchall()

    def start_sleep(self, connection):
        sql = ("SELECT pg_sleep(%s)" if self.target["kind"] == "postgresql"
               else "SELECT SLEEP(%s)")

        def run():
            try:
                connection.cursor().execute(sql, (self.seconds,))
            except Exception:  # cancelled on the way out: expected
                pass

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        self.running.append((connection, thread))

    def close(self):
        """Cancels the sleeps, then closes every connection."""
        if self.running:
            if self.target["kind"] == "postgresql":
                for connection, _ in self.running:
                    try:
                        connection.cancel()
                    except Exception:
                        pass
            else:
                self.kill_mysql_sleeps()
            for _, thread in self.running:
                thread.join(5)
        for connection in self.connections:
            try:
                connection.close()
            except Exception:
                pass
        self.connections = []

    def kill_mysql_sleeps(self):
        ids = [connection.thread_id() for connection, _ in self.running]
        try:
            control = self.connect("make_sessions-control")
            cursor = control.cursor()
            for thread_id in ids:
                cursor.execute(f"KILL QUERY {int(thread_id)}")
        except Exception as error:
            print(f"make_sessions: could not end the sleeps: {error}", file=sys.stderr)


def wait_for_end(deadline, extra_fds=()):
    """Until standard input closes or the deadline passes (signals raise Stop)."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        readable, _, _ = select.select([sys.stdin, *extra_fds], [], [], min(left, 1.0))
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            return


def on_signal(signum, frame):
    raise Stop()


def worker(args, target):
    """One process's share: opens, says ready, holds, closes."""
    holder = Holder(target, args.seconds)
    try:
        raise_file_limit(args.count)
        holder.open(args.first, args.count)
        print(f"ready {args.count}", flush=True)
        wait_for_end(time.monotonic() + args.seconds)
    except Stop:
        pass
    except Exception as error:
        print(f"make_sessions: {error}", file=sys.stderr)
        return 1
    finally:
        holder.close()
    return 0


def start_workers(args, shares):
    workers = []
    first = 0
    for share in shares:
        command = [sys.executable, os.path.abspath(__file__), args.url, str(share),
                   "--seconds", str(args.seconds), "--first", str(first), "--worker"]
        workers.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True))
        first += share
    return workers


def coordinate(args):
    """Starts the workers, says ready when all are, and ends them together."""
    processes = max(1, min(args.processes, args.count))
    shares = [args.count // processes + (1 if i < args.count % processes else 0)
              for i in range(processes)]
    deadline = time.monotonic() + args.seconds
    workers = start_workers(args, shares)
    try:
        opened = 0
        for process in workers:
            line = process.stdout.readline().strip()
            if not line.startswith("ready "):
                fail("a worker could not open its sessions (see above)")
            opened += int(line.split()[1])
        print(f"ready {opened}", flush=True)
        wait_for_end(deadline)
    except Stop:
        pass
    finally:
        for process in workers:
            if process.poll() is None:
                process.stdin.close()  # the worker's cue to close its connections
        for process in workers:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return max((process.returncode for process in workers), default=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("url", help="postgresql://… or mysql://…")
    parser.add_argument("count", type=int, help=f"sessions to hold, at most {MAX_SESSIONS}")
    parser.add_argument("--seconds", type=float, default=600,
                        help=f"hold at most this long (default 600, at most {MAX_SECONDS})")
    parser.add_argument("--processes", type=int, default=3,
                        help="client processes to spread the sessions over (default 3)")
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not 1 <= args.count <= MAX_SESSIONS:
        fail(f"the count must be between 1 and {MAX_SESSIONS}, not {args.count}")
    if not 0 < args.seconds <= MAX_SECONDS:
        fail(f"--seconds must be more than 0 and at most {MAX_SECONDS}")
    target = parse_url(args.url)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sys.exit(worker(args, target) if args.worker else coordinate(args))


if __name__ == "__main__":
    main()

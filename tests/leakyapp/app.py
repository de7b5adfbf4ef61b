#!/usr/bin/python3
"""A small Flask app that leaks database connections, for poolscope's
acceptance test (tests/core/tst_leakyapp.cpp).

Two binds on one database. "default" is used the way Flask-SQLAlchemy means
it: db.session, committed, removed at the end of every request, so its
connections go back to the pool idle. "leaky" is used the way leaking apps
use it: every Basket makes its own session with
sessionmaker(bind=db.engines["leaky"]), writes, and is kept in a cache
without commit or close, so each leaves one connection idle in transaction.

Under a WSGI server (gunicorn app:app, tests/core/tst_probedapp.cpp) it
serves the same routes over HTTP; POST /leak/<id>?pause=S waits S seconds
before answering, so concurrent requests reach every worker.

Run as a program, it runs Flask's test client (real requests through the app
and its teardown) and is driven over stdin, one command per line, one JSON
line back:

    good N   N requests to /good/<id>            -> {"pids": [...]}
    leak N   N requests to /leak/<id>            -> {"leaked": [{"pid", "started", "last"}]}
             started/last: time.time() before the first and after the last
             statement of the leaked transaction
    pids     server ids of every connection each engine opened
                                                 -> {"good": [...], "leaky": [...]}
    touch    one statement on every leaked session -> {"results": [{"ok", "error"}]}
    quit

Environment: LEAKYAPP_URL (postgresql://, mysql://, sqlite:////path),
LEAKYAPP_TABLE (a table with columns id and hits, rows 1-5 and 1001-1010).
On PostgreSQL the binds set application_name leakyapp-good / leakyapp-leaky.
"""
import json
import os
import sys
import time

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event, text
from sqlalchemy.orm import sessionmaker


def sqlalchemy_url(url):
    scheme, rest = url.split("://", 1)
    backend = scheme.split("+", 1)[0]
    if backend == "postgresql":
        return "postgresql+psycopg2://" + rest
    if backend in ("mysql", "mariadb"):
        return "mysql+pymysql://" + rest
    return url


URL = sqlalchemy_url(os.environ["LEAKYAPP_URL"])
TABLE = os.environ["LEAKYAPP_TABLE"]
BACKEND = URL.split(":", 1)[0].split("+", 1)[0]
PID_SQL = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}.get(BACKEND)


def connect_args(name):
    if BACKEND == "postgresql":
        return {"connect_args": {"application_name": "leakyapp-" + name}}
    return {}


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = URL
app.config["SQLALCHEMY_ENGINE_OPTIONS"] = connect_args("good")
app.config["SQLALCHEMY_BINDS"] = {"leaky": {"url": URL, **connect_args("leaky")}}
db = SQLAlchemy(app)

OPENED = {"good": [], "leaky": []}


def watch(engine, name):
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        if PID_SQL is None:
            OPENED[name].append(os.getpid())
            return
        cursor = dbapi_connection.cursor()
        cursor.execute(PID_SQL)
        OPENED[name].append(cursor.fetchone()[0])
        cursor.close()
        dbapi_connection.rollback()


with app.app_context():
    watch(db.engines[None], "good")
    watch(db.engines["leaky"], "leaky")


def server_pid(session):
    if PID_SQL is None:
        return os.getpid()
    return session.execute(text(PID_SQL)).scalar()


@app.post("/good/<int:item>")
def good(item):
    pid = server_pid(db.session)
    db.session.execute(text(f"UPDATE {TABLE} SET hits = hits + 1 WHERE id = :id"), {"id": item})
    db.session.commit()
    return {"pid": pid, "worker": os.getpid()}


class Basket:
    """The leak: a session per object, kept as long as the object lives."""

    Session = None

    def __init__(self, item):
        if Basket.Session is None:
            Basket.Session = sessionmaker(bind=db.engines["leaky"])
        self.session = Basket.Session()
        self.item = item

    def add(self):
        self.session.execute(
            text(f"UPDATE {TABLE} SET hits = hits + 1 WHERE id = :id"), {"id": self.item}
        )


BASKETS = []  # a cache that keeps every basket, and so every session


@app.post("/leak/<int:item>")
def leak(item):
    basket = Basket(item)
    started = time.time()
    pid = server_pid(basket.session)
    basket.add()  # the last statement: UPDATE ... inside a transaction never ended
    last = time.time()
    BASKETS.append(basket)
    pause = float(request.args.get("pause", 0))
    if pause > 0:
        time.sleep(min(pause, 10))
    return {"pid": pid, "started": started, "last": last, "worker": os.getpid()}


def touch():
    results = []
    for basket in BASKETS:
        try:
            basket.session.execute(text("SELECT 1"))
            results.append({"ok": True, "error": None})
        except Exception as error:  # the driver's lost-connection error
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            results.append({"ok": False, "error": type(error).__name__ + ": " + first_line})
    return {"results": results}


def main():
    client = app.test_client()
    next_good = 0
    next_leak = 0
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command, count = words[0], int(words[1]) if len(words) > 1 else 1
        try:
            if command == "good":
                pids = []
                for _ in range(count):
                    response = client.post(f"/good/{next_good % 4 + 1}")
                    next_good += 1
                    if response.status_code != 200:
                        raise RuntimeError(f"/good answered {response.status_code}")
                    pids.append(response.get_json()["pid"])
                reply = {"pids": pids}
            elif command == "leak":
                leaked = []
                for _ in range(count):
                    response = client.post(f"/leak/{1001 + next_leak}")
                    next_leak += 1
                    if response.status_code != 200:
                        raise RuntimeError(f"/leak answered {response.status_code}")
                    leaked.append(response.get_json())
                reply = {"leaked": leaked}
            elif command == "pids":
                reply = OPENED
            elif command == "touch":
                reply = touch()
            elif command == "quit":
                print(json.dumps({"bye": True}), flush=True)
                return
            else:
                reply = {"error": "unknown command " + command}
        except Exception as error:
            reply = {"error": type(error).__name__ + ": " + str(error)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()

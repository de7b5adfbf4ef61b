"""The SQLAlchemy event handlers: the only probe code that runs on the
application's threads.

They never raise (Exception is caught and counted; KeyboardInterrupt and
SystemExit pass, they are the application's), never block and never touch a
socket: each appends one tuple to the inbox, which the listener thread turns
into state and messages. Everything here is a GIL-atomic operation on a
builtin container, so no lock is taken; a lock would deadlock when the
garbage collector runs a pool's cleanup (and so these handlers) on a thread
that already holds it.
"""
import collections
import sys
import time
import weakref

from . import frames

# Events waiting for the listener thread. The bound only matters when that
# thread cannot keep up; it is far above any real backlog.
inbox = collections.deque(maxlen=200000)
errors = [0]
# Set by the fork handler: the child's listener starts on its first event.
restart = [None]

_ref = weakref.ref
_now = time.time
_capture = frames.capture

# id(record) -> weak reference to the checked-out _ConnectionFairy. A fairy
# that is already dead when its record is reset, detached or checked in was
# returned by the garbage collector, not by close(): a leak.
_fairies = {}
# id(record) -> weak reference to the record, for records the probe saw
# connect; a record missing here was connected before attach() or by the
# parent of a fork.
_known_records = {}
# id(pool) -> [weak reference to the pool, engine found, tries left]
_pools = {}
_MAX_ENGINE_TRIES = 20
_MAX_TABLE = 100000

_SERVER_ID_SQL = {
    "postgresql": "SELECT pg_backend_pid()",
    "mysql": "SELECT CONNECTION_ID()",
    "mariadb": "SELECT CONNECTION_ID()",
}

_engine_codes = frozenset()
_engine_class = None


def init(engine_class):
    global _engine_codes, _engine_class
    _engine_class = engine_class
    codes = set()
    # Engine.raw_connection (1.4 and 2.0) and 1.4's _wrap_pool_connect are on
    # the stack of every pool event an engine causes; their "self" is the
    # engine, the one link from a pool back to its engine.
    for name in ("raw_connection", "_wrap_pool_connect"):
        function = getattr(engine_class, name, None)
        code = getattr(function, "__code__", None)
        if code is not None:
            codes.add(code)
    _engine_codes = frozenset(codes)


def reset_after_fork():
    """The child does not own its parent's connections: forget them."""
    global inbox
    inbox = collections.deque(maxlen=200000)
    _fairies.clear()
    _known_records.clear()


def clear():
    reset_after_fork()
    _pools.clear()


def _failed():
    errors[0] += 1


def _prune(table):
    if len(table) > _MAX_TABLE:
        for key, value in list(table.items()):
            ref = value[0] if isinstance(value, list) else value
            if ref() is None:
                table.pop(key, None)


def _find_engine(pool):
    frame = sys._getframe(3)
    walked = 0
    while frame is not None and walked < 60:
        if frame.f_code in _engine_codes:
            engine = frame.f_locals.get("self")
            if isinstance(engine, _engine_class):
                # Engine.execution_options() makes proxies sharing the pool.
                engine = getattr(engine, "_proxied", None) or engine
                if getattr(engine, "pool", None) is pool:
                    return engine
        frame = frame.f_back
        walked += 1
    return None


def _flask_extension():
    # Flask-SQLAlchemy makes engines without naming their bind anywhere the
    # engine can see; the extension of the app in context holds the names.
    flask = sys.modules.get("flask")
    if flask is None or "flask_sqlalchemy" not in sys.modules:
        return None
    try:
        if not flask.has_app_context():
            return None
        return flask.current_app.extensions.get("sqlalchemy")
    except Exception:
        return None


def _note_pool(pool):
    """Announces a pool the first time it is seen, with its engine."""
    key = id(pool)
    entry = _pools.get(key)
    if entry is not None and entry[0]() is pool and (entry[1] or entry[2] <= 0):
        return
    if entry is None or entry[0]() is not pool:
        _prune(_pools)
        entry = [_ref(pool), False, _MAX_ENGINE_TRIES]
        _pools[key] = entry
    entry[2] -= 1
    engine = _find_engine(pool)
    if engine is not None:
        entry[1] = True
    extension = _flask_extension()
    inbox.append(("pool_seen", entry[0], engine, extension))


def _pool_of(record):
    return getattr(record, "_ConnectionRecord__pool", None)


def _start_if_forked():
    start = restart[0]
    if start is not None:
        restart[0] = None
        start()


def read_server_id(dbapi_connection, pool):
    dialect = getattr(getattr(pool, "_dialect", None), "name", None)
    sql = _SERVER_ID_SQL.get(dialect)
    if sql is None:
        return None
    value = None
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql)
            row = cursor.fetchone()
        finally:
            cursor.close()
        value = int(row[0])
    except Exception:
        value = None
    try:
        # The query began a transaction (PostgreSQL, MySQL without
        # autocommit); the application must get the connection as it was.
        dbapi_connection.rollback()
    except Exception:
        pass
    return value


def on_connect(dbapi_connection, record, *rest):
    try:
        if restart[0] is not None:
            _start_if_forked()
        pool = _pool_of(record)
        _note_pool(pool)
        server_id = read_server_id(dbapi_connection, pool)
        _known_records[id(record)] = _ref(record)
        inbox.append(("pool", "connect", _now(), _ref(pool), _ref(record), server_id))
    except Exception:
        _failed()


def on_checkout(dbapi_connection, record, proxy, *rest):
    try:
        if restart[0] is not None:
            _start_if_forked()
        now = _now()
        pool = _pool_of(record)
        entry = _pools.get(id(pool))
        if entry is None or not (entry[1] or entry[2] <= 0) or entry[0]() is not pool:
            _note_pool(pool)
        key = id(record)
        known = _known_records.get(key)
        if known is None or known() is not record:
            # Made before attach() or inherited from a fork's parent: read
            # what connect would have told.
            _prune(_known_records)
            _known_records[key] = _ref(record)
            inbox.append(("pool", "adopt", now, _ref(pool), _ref(record),
                          read_server_id(dbapi_connection, pool)))
        _fairies[key] = _ref(proxy)
        inbox.append(("pool", "checkout", now, _ref(pool), _ref(record), _capture()))
    except Exception:
        _failed()


def _collected(record):
    fairy = _fairies.pop(id(record), None)
    return fairy is not None and fairy() is None


def _simple(name, release):
    def handler(dbapi_connection, record, *rest):
        try:
            pool = _pool_of(record)
            now = _now()
            if release and _collected(record):
                inbox.append(("pool", "gc", now, _ref(pool), _ref(record), None))
            extra = id(dbapi_connection) if name == "detach" else None
            inbox.append(("pool", name, now, _ref(pool), _ref(record), extra))
        except Exception:
            _failed()
    handler.__name__ = "on_" + name
    return handler


on_checkin = _simple("checkin", True)
on_reset = _simple("reset", True)
on_detach = _simple("detach", True)
on_close = _simple("close", False)
on_invalidate = _simple("invalidate", False)
on_soft_invalidate = _simple("soft_invalidate", False)


def on_close_detached(dbapi_connection, *rest):
    try:
        inbox.append(("close_detached", _now(), id(dbapi_connection)))
    except Exception:
        _failed()


def on_do_connect(dialect, record, cargs, cparams, *rest):
    # Before every DBAPI connect, failing ones too: the passwords the driver
    # gets, so source lines can hide them whatever way the app passed them.
    try:
        secrets = [value for key, value in cparams.items()
                   if isinstance(value, str) and value
                   and any(word in key.lower() for word in ("pass", "pwd", "secret", "token"))]
        pool = _pool_of(record)
        if pool is not None:
            _note_pool(pool)
        inbox.append(("secrets", secrets))
    except Exception:
        _failed()
    return None


def _session_connection(session):
    transaction = getattr(session, "_transaction", None)
    connections = getattr(transaction, "_connections", None)
    if not connections:
        return None
    for value in list(connections.values()):
        return value[0]
    return None


def _session_event(name, session, connection, stack):
    pool = record = None
    if connection is not None:
        pool = getattr(getattr(connection, "engine", None), "pool", None)
        fairy = getattr(connection, "_dbapi_connection", None)
        record = getattr(fairy, "_connection_record", None)
    inbox.append(("session", name, _now(), _ref(session),
                  _ref(pool) if pool is not None else None,
                  _ref(record) if record is not None else None, stack))


def on_after_begin(session, transaction, connection, *rest):
    try:
        if restart[0] is not None:
            _start_if_forked()
        _session_event("begin", session, connection, _capture())
    except Exception:
        _failed()


def _session_handler(name, with_connection):
    def handler(session, *rest):
        try:
            connection = _session_connection(session) if with_connection else None
            _session_event(name, session, connection, None)
        except Exception:
            _failed()
    handler.__name__ = "on_after_" + name
    return handler


on_after_commit = _session_handler("commit", True)
on_after_rollback = _session_handler("rollback", True)


def on_after_transaction_end(session, transaction, *rest):
    # SQLAlchemy has no after_close: a session gives its connections back
    # when its outermost transaction ends, by commit, rollback or close().
    try:
        if getattr(transaction, "_parent", None) is None and not getattr(
                transaction, "nested", False):
            _session_event("close", session, None, None)
    except Exception:
        _failed()

POOL_EVENTS = {
    "connect": on_connect,
    "checkout": on_checkout,
    "checkin": on_checkin,
    "close": on_close,
    "invalidate": on_invalidate,
    "soft_invalidate": on_soft_invalidate,
    "reset": on_reset,
    "detach": on_detach,
    "close_detached": on_close_detached,
}
SESSION_EVENTS = {
    "after_begin": on_after_begin,
    "after_commit": on_after_commit,
    "after_rollback": on_after_rollback,
    "after_transaction_end": on_after_transaction_end,
}

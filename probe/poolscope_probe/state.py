"""What the probe knows about the process's engines and connections.

Only the listener thread touches a Model: it applies the handlers' events in
order and gets back the messages to send. Stacks stay captured tuples here;
the listener renders them when it encodes a line.
"""
import gc
import itertools
import sys
import weakref

# Pools without these have no fixed size (NullPool, StaticPool,
# SingletonThreadPool keeps one connection per thread).
_SIZED_POOLS = ("QueuePool", "AsyncAdaptedQueuePool", "FallbackAsyncAdaptedQueuePool")
_MAX_DETACHED = 10000


class EngineState:
    def __init__(self, engine_id):
        self.id = engine_id
        self.engine = None  # weak reference, None when the pool has no engine
        self.pool = None  # weak reference to the newest pool
        self.bind = None
        self.bind_resolved = False
        self.url = None
        self.dialect = None
        self.connections = {}


class ConnState:
    def __init__(self, conn_id, engine, server_id, connected):
        self.id = conn_id
        self.engine = engine
        self.server_id = server_id
        self.connected = connected
        self.checked_out = None
        self.stack = None


class RecordState:
    def __init__(self, ref, engine):
        self.ref = ref
        self.engine = engine
        self.conn = None
        self.last_id = None


def _number(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return value
    return None


def _pool_info(pool):
    name = type(pool).__name__
    sized = isinstance(getattr(pool, "_max_overflow", None), int) and callable(
        getattr(pool, "size", None))
    info = {
        "class": name,
        "size": None,
        "max_overflow": None,
        "timeout": _number(getattr(pool, "_timeout", None)),
        "recycle": _number(getattr(pool, "_recycle", None)),
        "pre_ping": bool(getattr(pool, "_pre_ping", False)),
    }
    if sized:
        try:
            info["size"] = int(pool.size())
            info["max_overflow"] = int(pool._max_overflow)
        except Exception:
            pass
    return info


def status_of(message, statuses):
    """Fills in a message's pool status, deferred by Model.apply. Messages
    sent together carry the pool's status at sending time, so it is asked
    once per pool (statuses: id(pool) -> text, for one batch)."""
    pool = message.pop("_pool", None)
    if pool is not None:
        key = id(pool)
        if key not in statuses:
            statuses[key] = _status(pool)
        message["status"] = statuses[key]


def _status(pool):
    try:
        return str(pool.status())
    except Exception:
        return None


class Model:
    def __init__(self, scrub, engine_ids=None, conn_ids=None, session_ids=None):
        self.scrub = scrub
        self._engine_ids = engine_ids or itertools.count(1)
        self._conn_ids = conn_ids or itertools.count(1)
        self._session_ids = session_ids or itertools.count(1)
        self.engines = []  # EngineState, in order of discovery
        self._by_engine = {}  # id(engine ref) -> (ref, EngineState)
        self._by_pool = {}  # id(pool ref) -> (ref, EngineState)
        self._records = {}  # id(record ref) -> RecordState
        self._sessions = {}  # id(session ref) -> (ref, "sN")
        self._detached = {}  # id(DBAPI connection) -> ConnState
        self._extensions = []  # weak references to Flask-SQLAlchemy extensions

    def forked_copy(self):
        """The child's model: the same engines, none of the connections."""
        child = Model(self.scrub, self._engine_ids, self._conn_ids, self._session_ids)
        for engine in list(self.engines):
            engine.connections = {}
            child.engines.append(engine)
        child._by_engine = dict(self._by_engine)
        child._by_pool = dict(self._by_pool)
        child._extensions = list(self._extensions)
        return child

    # Engines -----------------------------------------------------------

    def _engine_for_pool(self, pool_ref):
        found = self._by_pool.get(id(pool_ref))
        return found[1] if found is not None else None

    def _new_engine(self):
        state = EngineState("e%d" % next(self._engine_ids))
        self.engines.append(state)
        return state

    def _describe(self, state, engine, pool):
        if engine is not None:
            url = getattr(engine, "url", None)
            self.scrub.add(getattr(url, "password", None))
            try:
                state.url = self.scrub(url.render_as_string(hide_password=True))
            except Exception:
                state.url = None
            state.dialect = getattr(getattr(engine, "dialect", None), "name", None)
        if state.dialect is None and pool is not None:
            state.dialect = getattr(getattr(pool, "_dialect", None), "name", None)

    def _pool_seen(self, pool_ref, engine, extension):
        """Returns (engine state, whether readers need to hear of it)."""
        if extension is not None:
            try:
                if not any(ref() is extension for ref in self._extensions):
                    self._extensions.append(weakref.ref(extension))
            except TypeError:
                pass
        pool = pool_ref()
        state = self._engine_for_pool(pool_ref)
        engine_ref = weakref.ref(engine) if engine is not None else None
        if engine_ref is not None:
            known = self._by_engine.get(id(engine_ref))
            if known is not None and state is not None and known[1] is not state:
                # The pool was first seen without its engine; fold it in.
                self._merge(state, known[1])
                state = known[1]
            elif known is not None:
                state = known[1]
        changed = False
        if state is None:
            state = self._new_engine()
            changed = True
        if engine_ref is not None and state.engine is None:
            state.engine = engine_ref
            self._by_engine[id(engine_ref)] = (engine_ref, state)
            changed = True
        if id(pool_ref) not in self._by_pool:
            self._by_pool[id(pool_ref)] = (pool_ref, state)
            changed = True
        if pool is not None and (state.pool is None or state.pool() is not pool):
            state.pool = pool_ref
            changed = True
        if changed:
            self._describe(state, engine, pool)
        if not state.bind_resolved and self._resolve_bind(state):
            changed = True
        return state, changed

    def _merge(self, old, new):
        new.connections.update(old.connections)
        for conn in old.connections.values():
            conn.engine = new
        for record in self._records.values():
            if record.engine is old:
                record.engine = new
        for key, (ref, state) in list(self._by_pool.items()):
            if state is old:
                self._by_pool[key] = (ref, new)
        if old in self.engines:
            self.engines.remove(old)

    def _resolve_bind(self, state):
        engine = state.engine() if state.engine is not None else None
        if engine is None or "flask_sqlalchemy" not in sys.modules:
            return False
        for ref in list(self._extensions):
            key = _bind_key(ref(), engine)
            if key is not _MISSING:
                state.bind = "default" if key is None else str(key)
                state.bind_resolved = True
                return True
        # Not under an app context when first seen: look for the extension
        # the slow way, once per engine.
        if getattr(state, "searched", False):
            return False
        state.searched = True
        for extension in _find_extensions():
            key = _bind_key(extension, engine)
            if key is not _MISSING:
                self._extensions.append(weakref.ref(extension))
                state.bind = "default" if key is None else str(key)
                state.bind_resolved = True
                return True
        return False

    def engine_json(self, state):
        pool = state.pool() if state.pool is not None else None
        return {
            "id": state.id,
            "bind": state.bind,
            "url": state.url,
            "dialect": state.dialect,
            "pool": _pool_info(pool) if pool is not None else None,
            "status": _status(pool) if pool is not None else None,
            "connections": [self._conn_json(conn) for conn in state.connections.values()],
        }

    def _conn_json(self, conn):
        return {
            "id": conn.id,
            "server_id": conn.server_id,
            "state": "checked_out" if conn.checked_out is not None else "idle",
            "connected": conn.connected,
            "checked_out": conn.checked_out,
            "stack": conn.stack if conn.checked_out is not None else None,
        }

    def snapshot(self, now):
        return {"type": "snapshot", "t": now,
                "engines": [self.engine_json(state) for state in self.engines]}

    # Events ------------------------------------------------------------

    def apply(self, event):
        """Applies one handler event; returns the messages it makes."""
        kind = event[0]
        if kind == "pool":
            return self._pool_event(*event[1:])
        if kind == "pool_seen":
            state, changed = self._pool_seen(*event[1:])
            if changed:
                return [{"type": "engine", "t": None, "engine": self.engine_json(state)}]
            return []
        if kind == "secrets":
            for secret in event[1]:
                self.scrub.add(secret)
            return []
        if kind == "close_detached":
            return self._close_detached(*event[1:])
        if kind == "session":
            return self._session_event(*event[1:])
        return []

    def _record(self, record_ref, pool_ref):
        record = self._records.get(id(record_ref))
        if record is None or record.ref is not record_ref:
            engine = self._engine_for_pool(pool_ref)
            if engine is None:
                engine, _ = self._pool_seen(pool_ref, None, None)
            record = RecordState(record_ref, engine)
            self._records[id(record_ref)] = record
        return record

    def _connect(self, record, now, server_id):
        self._forget(record)
        conn = ConnState("c%d" % next(self._conn_ids), record.engine, server_id, now)
        record.conn = conn
        record.last_id = conn.id
        record.engine.connections[conn.id] = conn
        return conn

    def _forget(self, record):
        if record.conn is not None:
            record.engine.connections.pop(record.conn.id, None)
            record.conn = None

    def _pool_event(self, name, now, pool_ref, record_ref, extra):
        record = self._record(record_ref, pool_ref)
        engine = record.engine
        pool = pool_ref()
        messages = []
        conn = record.conn
        if name == "connect":
            conn = self._connect(record, now, extra)
        elif name == "adopt":
            # A connection made before the probe saw it: readers learn of it
            # from a fresh snapshot, since no connect event will come.
            conn = self._connect(record, None, extra)
            return ["resync"]
        elif name == "checkout":
            if conn is None:
                conn = self._connect(record, None, None)
                messages.append("resync")
            conn.checked_out = now
            conn.stack = extra
        elif name == "checkin":
            if conn is not None:
                conn.checked_out = None
                conn.stack = None
        elif name in ("invalidate", "close"):
            self._forget(record)
        elif name == "detach":
            if conn is not None:
                if len(self._detached) < _MAX_DETACHED:
                    self._detached[extra] = conn
                self._forget(record)
        message = {
            "type": "pool", "t": now, "engine": engine.id, "event": name,
            "connection": conn.id if conn is not None else record.last_id,
            "server_id": conn.server_id if conn is not None else None,
            # pool.status() costs; the listener asks only when someone reads.
            "status": None, "_pool": pool,
            "stack": None,
        }
        if name == "checkout" or name == "gc":
            message["stack"] = conn.stack if conn is not None else None
        messages.insert(0, message)
        return messages

    def _close_detached(self, now, dbapi_id):
        conn = self._detached.pop(dbapi_id, None)
        if conn is None:
            return []
        pool = conn.engine.pool() if conn.engine.pool is not None else None
        return [{"type": "pool", "t": now, "engine": conn.engine.id, "event": "close_detached",
                 "connection": conn.id, "server_id": conn.server_id,
                 "status": _status(pool) if pool is not None else None, "stack": None}]

    def _session_event(self, name, now, session_ref, pool_ref, record_ref, stack):
        known = self._sessions.get(id(session_ref))
        if known is None or known[0] is not session_ref:
            known = [session_ref, "s%d" % next(self._session_ids), None, None]
            self._sessions[id(session_ref)] = known
        engine = conn = None
        if pool_ref is not None:
            state = self._engine_for_pool(pool_ref)
            engine = state.id if state is not None else None
        if record_ref is not None:
            record = self._records.get(id(record_ref))
            if record is not None and record.ref is record_ref:
                conn = record.conn.id if record.conn is not None else record.last_id
        if engine is None and conn is None:
            # After the transaction the session no longer holds the
            # connection; the one it began with is the one it gave back.
            engine, conn = known[2], known[3]
        if name == "begin":
            known[2], known[3] = engine, conn
        elif name == "close":
            known[2] = known[3] = None
        return [{"type": "session", "t": now, "event": name, "session": known[1],
                 "engine": engine, "connection": conn, "stack": stack}]

    def sweep(self, now):
        """Forgets records, sessions and pools that were garbage collected
        without the pool saying so (a disposed pool dropped); their
        connections are closed by their drivers."""
        messages = []
        for key, record in list(self._records.items()):
            if record.ref() is None:
                del self._records[key]
                if record.conn is not None:
                    conn = record.conn
                    self._forget(record)
                    messages.append({
                        "type": "pool", "t": now, "engine": record.engine.id,
                        "event": "close", "connection": conn.id,
                        "server_id": conn.server_id, "status": None, "stack": None})
        for key, known in list(self._sessions.items()):
            if known[0]() is None:
                del self._sessions[key]
        for key, (ref, _) in list(self._by_pool.items()):
            if ref() is None:
                del self._by_pool[key]
        return messages


_MISSING = object()


def _bind_key(extension, engine):
    """The bind key under which a Flask-SQLAlchemy extension (3.x: the
    SQLAlchemy object itself; 2.x: its per-app _SQLAlchemyState) keeps the
    engine, or _MISSING."""
    if extension is None:
        return _MISSING
    try:
        app_engines = getattr(extension, "_app_engines", None)  # 3.x
        if app_engines is not None:
            for engines in list(app_engines.values()):
                for key, candidate in list(engines.items()):
                    if candidate is engine:
                        return key
        connectors = getattr(extension, "connectors", None)  # 2.x
        if connectors is not None:
            for key, connector in list(connectors.items()):
                if getattr(connector, "_engine", None) is engine:
                    return key
    except Exception:
        pass
    return _MISSING


def _find_extensions():
    module = sys.modules.get("flask_sqlalchemy")
    base = getattr(module, "SQLAlchemy", None)
    if base is None:
        return []
    classes = [base]
    for cls in classes:
        classes.extend(cls.__subclasses__())
    state_class = getattr(module, "_SQLAlchemyState", None)
    if state_class is not None:
        classes.append(state_class)
    found = []
    try:
        for candidate in gc.get_referrers(*classes):
            if isinstance(candidate, tuple(classes)):
                found.append(candidate)
    except Exception:
        pass
    return found

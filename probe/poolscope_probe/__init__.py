"""poolscope's probe: lets poolscope see a SQLAlchemy application's pools
from inside (docs/probe.md in poolscope's sources).

    import poolscope_probe; poolscope_probe.attach()

or, with no change to the program: python3 -m poolscope_probe -- CMD ARGS...
"""
import atexit
import logging
import os
import threading

from . import frames, hooks, listener, state

__all__ = ["attach", "detach"]
__version__ = "1.0"

_lock = threading.Lock()
_attached = False
_listener = None
_model = None
_scrub = frames.Scrubber()
_fork_hook_registered = False
_log = logging.getLogger("poolscope_probe")


def attach():
    """Starts listening on <dir>/<pid>.sock and watches every engine's pool
    and every ORM session, including those made later. Idempotent; never
    raises: a probe that cannot listen leaves the application as it was."""
    global _attached, _model, _fork_hook_registered
    try:
        with _lock:
            if _attached:
                return
            try:
                from sqlalchemy import event
                from sqlalchemy.engine import Engine
                from sqlalchemy.pool import Pool
            except Exception:
                _log.warning("poolscope probe: SQLAlchemy is not importable; not attached")
                return
            _model = state.Model(_scrub)
            if not _start_listener():
                return
            hooks.init(Engine)
            for name, handler in hooks.POOL_EVENTS.items():
                event.listen(Pool, name, handler)
            event.listen(Engine, "do_connect", hooks.on_do_connect)
            try:
                from sqlalchemy.orm import Session
                for name, handler in hooks.SESSION_EVENTS.items():
                    event.listen(Session, name, handler)
            except ImportError:
                pass  # an application without the ORM
            if not _fork_hook_registered:
                os.register_at_fork(after_in_child=_after_fork_in_child)
                atexit.register(_at_exit)
                _fork_hook_registered = True
            _attached = True
    except Exception:
        _log.warning("poolscope probe: could not attach", exc_info=True)


def detach():
    """Stops watching, says bye to the readers and removes the socket."""
    global _attached, _listener
    try:
        with _lock:
            if not _attached:
                return
            from sqlalchemy import event
            from sqlalchemy.engine import Engine
            from sqlalchemy.pool import Pool
            for name, handler in hooks.POOL_EVENTS.items():
                if event.contains(Pool, name, handler):
                    event.remove(Pool, name, handler)
            if event.contains(Engine, "do_connect", hooks.on_do_connect):
                event.remove(Engine, "do_connect", hooks.on_do_connect)
            try:
                from sqlalchemy.orm import Session
                for name, handler in hooks.SESSION_EVENTS.items():
                    if event.contains(Session, name, handler):
                        event.remove(Session, name, handler)
            except Exception:
                pass
            hooks.restart[0] = None
            if _listener is not None:
                _listener.stop()
                _listener = None
            hooks.clear()
            _attached = False
    except Exception:
        _log.warning("poolscope probe: could not detach", exc_info=True)


def socket_path():
    """This process's socket, or None when it is not listening."""
    current = _listener
    if current is None or current.pid != os.getpid():
        return None
    return current.path


def _start_listener():
    global _listener
    candidate = listener.Listener(_model, _scrub)
    try:
        candidate.start()
    except Exception as error:
        _log.warning("poolscope probe: cannot listen in %s: %s", listener.probe_dir(), error)
        return False
    _listener = candidate
    return True


def _after_fork_in_child():
    # The listener thread did not survive the fork and the sockets are the
    # parent's; connection state is the parent's too. Start afresh on the
    # first event, as the child may never touch a database at all.
    global _lock, _listener, _model
    try:
        _lock = threading.Lock()
        hooks.reset_after_fork()
        if not _attached:
            return
        if _listener is not None:
            _listener.abandon_in_child()
            _listener = None
        _model = _model.forked_copy()
        hooks.restart[0] = _start_in_child
    except Exception:
        hooks.errors[0] += 1


def _start_in_child():
    with _lock:
        if _listener is None and _attached:
            _start_listener()


def _at_exit():
    current = _listener
    if current is not None and current.pid == os.getpid():
        current.stop(timeout=1.0)

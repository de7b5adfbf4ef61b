"""Stack frames of the application's own code, and their source lines.

capture() runs inside the application's pool events, so it only walks frame
objects and keeps (file, line, function) tuples; reading and cleaning the
source lines waits until the listener thread renders a message.
"""
import linecache
import os
import re
import sys

MAX_FRAMES = 30
MAX_CODE_CHARS = 500

# A runaway recursion must not make one checkout walk thousands of frames.
_MAX_WALK = 400

# Code of these distributions is the machinery between the application and
# its pool, never the place that holds a connection.
LIBRARIES = ("sqlalchemy", "flask", "flask_sqlalchemy", "werkzeug", "gunicorn")

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_STDLIB_DIR = os.path.dirname(os.path.abspath(os.__file__))
_THIRD_PARTY_DIRS = ("site-packages", "dist-packages")

# co_filename -> bool: is it application code. Filenames are few and
# long-lived, so this never needs evicting in practice; the cap only guards
# against programs that compile code under endless fresh names.
_verdicts = {}
_MAX_VERDICTS = 20000


def _library_dirs():
    dirs = []
    for name in LIBRARIES:
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None)
        if path:
            dirs.append(os.path.dirname(os.path.abspath(path)) + os.sep)
    return dirs


def _is_application_file(filename):
    path = os.path.abspath(filename)
    if path.startswith(_PACKAGE_DIR + os.sep):
        return False
    parts = path.split(os.sep)
    for index, part in enumerate(parts[:-1]):
        if part in _THIRD_PARTY_DIRS:
            # Third-party code counts as the application's unless it is one
            # of the libraries between the application and the pool.
            top = parts[index + 1]
            if top.endswith(".py"):
                top = top[:-3]
            return top not in LIBRARIES
    if path.startswith(_STDLIB_DIR + os.sep):
        return False
    for directory in _library_dirs():
        if path.startswith(directory):
            return False
    return True


def _is_application_frame(frame, filename):
    # "<string>", "<stdin>", "<frozen ...>": no file to judge by. SQLAlchemy
    # and the standard library generate functions under such names, so only
    # the main program's own (python -c, stdin) counts.
    if filename.startswith("<"):
        return frame.f_globals.get("__name__") == "__main__"
    verdict = _verdicts.get(filename)
    if verdict is None:
        verdict = _is_application_file(filename)
        if len(_verdicts) < _MAX_VERDICTS:
            _verdicts[filename] = verdict
    return verdict


def capture(depth=2):
    """The calling stack's application frames, innermost first, as
    (file, line, function) tuples; depth skips the probe's own callers."""
    frames = []
    try:
        frame = sys._getframe(depth)
    except ValueError:
        return frames
    walked = 0
    verdicts = _verdicts
    while frame is not None and walked < _MAX_WALK:
        code = frame.f_code
        filename = code.co_filename
        verdict = verdicts.get(filename)
        if verdict is None:
            verdict = _is_application_frame(frame, filename)
        if verdict:
            frames.append((filename, frame.f_lineno, code.co_name))
            if len(frames) == MAX_FRAMES:
                break
        frame = frame.f_back
        walked += 1
    return frames


_URL_SECRET = re.compile(r"(://[^\s:/@'\"]*:)[^\s@'\"]*@")


class Scrubber:
    """Hides passwords in source lines and URLs: URL-form credentials always,
    and every password of the engines the probe knows."""

    def __init__(self):
        self._secrets = ()

    def add(self, secret):
        if not isinstance(secret, str) or not secret or secret in self._secrets:
            return
        # Longest first, so a password containing another is hidden whole.
        self._secrets = tuple(sorted(self._secrets + (secret,), key=len, reverse=True))

    def __call__(self, text):
        if not text:
            return text
        text = _URL_SECRET.sub(r"\1***@", text)
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return text


def source_line(filename, line):
    text = linecache.getline(filename, line).strip()
    if len(text) > MAX_CODE_CHARS:
        text = text[:MAX_CODE_CHARS] + "…"
    return text


def render(frames, scrub, limit=MAX_FRAMES, with_code=True):
    """JSON-ready FRAME objects for captured tuples."""
    rendered = []
    for filename, line, function in frames[:limit]:
        rendered.append({
            "file": scrub(filename),
            "line": line,
            "function": function,
            "code": scrub(source_line(filename, line)) if with_code else None,
        })
    return rendered

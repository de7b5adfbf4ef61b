"""python3 -m poolscope_probe -- CMD ARGS...

Runs CMD with the probe attached to every Python process it starts, without
changing the program: a sitecustomize module first on PYTHONPATH attaches
the probe while the interpreter starts. CMD replaces this process (exec), so
its signals, pid and exit code are the program's own.
"""
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_USAGE = "usage: python3 -m poolscope_probe -- CMD [ARGS...]\n"


def child_environment(environ):
    environment = dict(environ)
    # The bootstrap folder, then the folder holding this package, so that
    # a program in a virtualenv finds both.
    entries = [os.path.join(_HERE, "_bootstrap"), os.path.dirname(_HERE)]
    existing = environment.get("PYTHONPATH")
    if existing:
        entries += [entry for entry in existing.split(os.pathsep) if entry not in entries]
    environment["PYTHONPATH"] = os.pathsep.join(entries)
    return environment


def main(argv):
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write(_USAGE)
        return 2 if not argv else 0
    try:
        os.execvpe(argv[0], argv, child_environment(os.environ))
    except OSError as error:
        sys.stderr.write("poolscope_probe: cannot run %s: %s\n" % (argv[0], error.strerror))
        return 126 if isinstance(error, PermissionError) else 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Attaches poolscope's probe as the interpreter starts (python3 -m
poolscope_probe puts this folder first on PYTHONPATH), then runs the
sitecustomize this one hides, if there is one."""


def _attach():
    try:
        import poolscope_probe
        poolscope_probe.attach()
    except Exception:
        pass  # the program must run, probe or not


def _chain():
    import importlib.machinery
    import importlib.util
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    path = [entry for entry in sys.path
            if os.path.abspath(entry or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


_attach()
try:
    _chain()
except Exception:
    pass

"""What every measurement of bench/run shares: running tools, timing them,
the table's rows and their checks, the display the GUI programs use."""

import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(HERE)
TIME = "/usr/bin/time"
PYTHON = "/usr/bin/python3"


class BenchError(Exception):
    """A pipeline broke: a tool failed or gave the wrong rows."""


def say(text):
    print("bench: " + text, file=sys.stderr, flush=True)


def run_checked(args, what, **kwargs):
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)
    if result.returncode != 0:
        raise BenchError("%s failed (exit %d): %s" % (what, result.returncode,
                                                      result.stderr.strip()[-2000:]))
    return result.stdout


# --- measuring --------------------------------------------------------------------

class Series:
    """The values of one measurement over the runs."""

    def __init__(self):
        self.values = []

    def add(self, value):
        self.values.append(value)

    def median(self):
        return statistics.median(self.values) if self.values else None

    def text(self, digits, unit=""):
        if not self.values:
            return "—"
        fmt = "%%.%df" % digits
        median = fmt % self.median() + unit
        if len(self.values) == 1:
            return median
        return "%s (%s–%s)" % (median, fmt % min(self.values), fmt % max(self.values))


def timed(args, stdout_path, env=None):
    """Runs args under GNU time: (wall seconds, peak RSS in MB). The wall time
    is this process's clock around it: GNU time's own (%e) counts hundredths,
    and a smoke run's reference commands take less than one."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        with open(stdout_path, "wb") if stdout_path else open(os.devnull, "wb") as out:
            started = time.perf_counter()
            result = subprocess.run([TIME, "-f", "%M", "-o", timing.name, "--", *args],
                                    stdout=out, stderr=subprocess.PIPE, env=env)
            wall = time.perf_counter() - started
        if result.returncode != 0:
            raise BenchError("%s failed (exit %d): %s" % (
                os.path.basename(args[0]), result.returncode,
                result.stderr.decode(errors="replace").strip()[-2000:]))
        lines = [line for line in timing.read().splitlines() if line.strip()]
        rss_kb = lines[-1].split()[-1]
    return wall, int(rss_kb) / 1024.0


# A part starts when the machine is this idle over a whole window.
QUIET_IDLE_SHARE = 0.85
QUIET_WINDOW_SECONDS = 0.5
QUIET_MAX_SECONDS = 30


def cpu_idle_and_total():
    """Jiffies since boot, all CPUs: (idle, total); waiting for the disk is not idle."""
    with open("/proc/stat") as f:
        fields = [int(field) for field in f.readline().split()[1:9]]
    return fields[3], sum(fields)


def wait_for_quiet():
    """Writes back what the last part left dirty and waits (at most
    QUIET_MAX_SECONDS) until the CPUs are idle over a whole window: the
    backends of 2,000 sessions still ending, or the disk still writing, would
    otherwise be measured in the next part, in whichever program runs first.
    Returns the seconds waited."""
    started = time.monotonic()
    os.sync()
    idle, total = cpu_idle_and_total()
    while time.monotonic() - started < QUIET_MAX_SECONDS:
        time.sleep(QUIET_WINDOW_SECONDS)
        now_idle, now_total = cpu_idle_and_total()
        if now_total > total and (now_idle - idle) / (now_total - total) >= QUIET_IDLE_SHARE:
            break
        idle, total = now_idle, now_total
    return time.monotonic() - started


def csv_records(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f))


def run_json(args, what, env=None):
    out = run_checked(args, what, env=env)
    try:
        return json.loads(out)  # a whole document (Google Benchmark)
    except ValueError:
        pass
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise BenchError("%s printed no result: %r" % (what, out[-500:]))
    return json.loads(lines[-1])


class Display:
    """Xvfb of our own when there is one (the real xcb platform), else offscreen."""

    def __init__(self, offscreen):
        self.process = None
        self.env = dict(os.environ, QT_LOGGING_RULES="qt.qpa.*=false")
        self.env.pop("WAYLAND_DISPLAY", None)
        if offscreen or not shutil.which("Xvfb"):
            self.env["QT_QPA_PLATFORM"] = "offscreen"
            self.name = "offscreen"
            return
        read_fd, write_fd = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24",
             "-nolisten", "tcp"], pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            number = f.readline().strip()
        if not number:
            raise BenchError("Xvfb did not start")
        self.env["DISPLAY"] = ":" + number
        self.env["QT_QPA_PLATFORM"] = "xcb"
        self.name = "Xvfb"

    def close(self):
        if self.process:
            self.process.terminate()
            self.process.wait()
            self.process = None


class Part:
    """One part of the run: plan() returns its rows in table order, setup()
    makes its data, once(run_index, display) runs it once (run 0 also checks
    that it gives the right results), teardown() drops what setup() made."""

    def setup(self):
        pass

    def teardown(self):
        pass


class Verdict:
    """What a check says of a row's medians: the ratio column's text, met or
    not (None: nothing to judge), and for the chart the ratio as a number and
    the target on the same scale (None: not drawn); absolute: the target is
    a figure (ms, MB), not a ratio to a tool, and the chart draws figure / limit."""

    def __init__(self, text, met, value=None, mark=None, absolute=False):
        self.text = text
        self.met = met
        self.value = value
        self.mark = mark
        self.absolute = absolute


class Row:
    """One line of the table."""

    def __init__(self, measure, unit, digits, reference="", target="", check=None):
        self.measure = measure
        self.unit = unit
        self.digits = digits
        self.ours = Series()
        self.reference = reference
        self.theirs = Series()
        self.target = target
        # check(ours_median, theirs_median) -> Verdict
        self.check = check

    def verdict(self):
        if not self.check or not self.ours.values:
            return Verdict("", None)
        return self.check(self.ours.median(), self.theirs.median())

    def title(self):
        return self.measure + (" (%s)" % self.unit if self.unit else "")

    def cells(self, judge):
        ours = self.ours.text(self.digits)
        theirs = (self.reference + " " + self.theirs.text(self.digits)) if self.reference else ""
        verdict = self.verdict()
        met = verdict.met
        shown = "" if met is None or not judge else ("met" if met else "**missed**")
        return [self.title(), ours, theirs.strip(), verdict.text, self.target, shown]


# The checks. A ratio to a tool is drawn as that ratio with the target's
# limit marked; an absolute target (ms, MB) as the figure over its limit, so
# that its mark sits at 1.


def ratio_at_most(limit):
    def check(ours, theirs):
        ratio = ours / theirs if theirs else float("inf")
        return Verdict("%.2f×" % ratio, ratio <= limit, ratio, limit)
    return check


def ratio_info(ours, theirs):
    return Verdict(("%.2f×" % (ours / theirs)) if theirs else "—", None)


def below(limit):
    return lambda ours, theirs: Verdict("", ours < limit, ours / limit, 1.0, True)


def at_most(limit):
    return lambda ours, theirs: Verdict("", ours <= limit, ours / limit, 1.0, True)


def memory_check(limit):
    def check(ours, theirs):
        ratio = ours / theirs if theirs else float("inf")
        return Verdict("%.2f×" % ratio, ratio < limit, ratio, limit)
    return check


def added_at_most(limit):
    # ours: µs the probe adds to a pair; theirs: µs of the pair without it.
    # The ratio is the pair's time with the probe to its time without.
    def check(added, plain):
        ratio = (plain + added) / plain if plain else float("inf")
        return Verdict("%.2f×" % ratio, added <= limit, added / limit, 1.0, True)
    return check


def ratio_at_least(limit):
    def check(ours, theirs):
        ratio = ours / theirs if theirs else 0.0
        return Verdict("%.1f×" % ratio, ratio >= limit, ratio, limit)
    return check

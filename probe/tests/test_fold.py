"""A busy pool: the listener folds a connection's checkouts and checkins
between two drains into the last one, and the reader's picture stays right."""
import gc
import os
import unittest

from sqlalchemy import create_engine
from sqlalchemy.pool import QueuePool

from poolscope_probe import listener

from .probetest import ProbeTestCase, line_of, of

HERE = os.path.abspath(__file__)


class _Record:
    """Stands in for a pool's connection record: fold() only compares them."""


def _event(name, record, extra=None):
    return ("pool", name, 0.0, None, record, extra)


def _names(events):
    return [(event[1], event[4]) for event in events]


class TestFoldRule(unittest.TestCase):
    def test_small_batches_pass_whole(self):
        a = _Record()
        events = [_event("checkout", a), _event("checkin", a)] * 10
        self.assertIs(listener.fold(events), events)

    def test_last_step_of_each_run_is_kept(self):
        a, b = _Record(), _Record()
        steps = []
        for _ in range(listener.FOLD_ABOVE):
            steps += [_event("checkout", a), _event("reset", a), _event("checkin", a)]
        steps.append(_event("checkout", b))
        steps.append(_event("checkout", a, extra="last stack"))
        folded = listener.fold(steps)
        self.assertEqual(_names(folded), [("checkout", b), ("checkout", a)])
        self.assertEqual(folded[-1][5], "last stack")

    def test_other_events_end_a_run(self):
        a = _Record()
        filler = [_event("checkout", _Record()) for _ in range(listener.FOLD_ABOVE)]
        events = filler + [
            _event("checkin", a),
            _event("checkout", a, extra="leaked here"),
            _event("gc", a),  # refers to the checkout before it
            _event("reset", a),
            _event("checkin", a),
            _event("close", a),
            _event("connect", a),
            _event("checkout", a),
            ("session", "begin", 0.0, None, None, a, None),
            _event("checkin", a),
        ]
        folded = listener.fold(events)[len(filler):]
        self.assertEqual([event[1] for event in folded],
                         ["checkout", "gc", "checkin", "close", "connect", "begin", "checkin"])
        self.assertEqual(folded[0][5], "leaked here")


def hot_loop(pool, times, leak_at):
    for index in range(times):
        if index == leak_at:
            leaked = pool.connect()  # FOLD-LEAK-LINE
            del leaked  # the garbage collector returns it, amid the loop
        pool.connect().close()  # FOLD-LOOP-LINE


class TestBusyPool(ProbeTestCase):
    def replay(self, messages):
        """What poolscope makes of the stream: connection id -> state."""
        states = {}
        for message in messages:
            if message.get("type") == "snapshot":
                states = {c["id"]: (c["state"], c["stack"]) for e in message["engines"]
                          for c in e["connections"]}
            elif message.get("type") == "pool":
                event = message["event"]
                if event in ("connect", "checkin"):
                    states[message["connection"]] = ("idle", None)
                elif event == "checkout":
                    states[message["connection"]] = ("checked_out", message["stack"])
                elif event in ("close", "invalidate", "detach"):
                    states.pop(message["connection"], None)
        return states

    def test_reader_keeps_the_state_and_the_leak(self):
        engine = create_engine(self.database(), poolclass=QueuePool, pool_size=3)
        held = engine.connect()  # FOLD-HELD-LINE
        self.addCleanup(held.close)
        reader = self.reader()
        times = 30000
        hot_loop(engine.pool, times, leak_at=times // 2)
        gc.collect()
        last = engine.connect()  # FOLD-LAST-LINE
        self.addCleanup(last.close)
        reader.wait_for(lambda m: m.get("event") == "checkout" and m["stack"]
                        and m["stack"][0]["line"] == line_of(HERE, "FOLD-LAST-LINE"))

        pool_lines = [m for m in reader.messages if m.get("type") == "pool"]
        # Three events per loop pass reached the listener; far fewer lines left it.
        self.assertLess(len(pool_lines), times)
        collected = reader.wait_for(of("pool", event="gc"))
        self.assertEqual(collected["stack"][0]["line"], line_of(HERE, "FOLD-LEAK-LINE"))

        states = self.replay(reader.messages)
        held_at = sorted(stack[0]["line"] for state, stack in states.values()
                         if state == "checked_out")
        self.assertEqual(held_at, sorted([line_of(HERE, "FOLD-HELD-LINE"),
                                          line_of(HERE, "FOLD-LAST-LINE")]))
        # The same picture as a reader that arrives now and gets a snapshot.
        fresh = self.replay([self.reader().messages[1]])
        self.assertEqual({key: state for key, (state, _) in states.items()},
                         {key: state for key, (state, _) in fresh.items()})


if __name__ == "__main__":
    unittest.main()

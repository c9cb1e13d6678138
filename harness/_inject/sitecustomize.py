# Loaded by every interpreter of a whole-program probe (PYTHONPATH), its spawned children included.
# It must run on Python 2.7 too: the articles' Python 2 examples are run as printed.
# HARNESS_SLEEP_SCALE shortens time.sleep; HARNESS_START_METHOD picks the start method without
# editing the program, and a program that sets its own method is reported as pinned on stderr.
import os
import sys

_scale = os.environ.get("HARNESS_SLEEP_SCALE")
_method = os.environ.get("HARNESS_START_METHOD")

if _scale:
    import time

    def _scaled_sleep(seconds, _sleep=time.sleep, _k=float(_scale)):
        _sleep(seconds * _k)

    time.sleep = _scaled_sleep

if _method:
    import multiprocessing

    if hasattr(multiprocessing, "set_start_method"):
        multiprocessing.set_start_method(_method, force=True)

        def _pinned(method, force=False, _set=multiprocessing.set_start_method):
            # a spawned or forkserver child gets its parent's method from spawn.prepare(): not the program's doing
            if sys._getframe(1).f_globals.get("__name__") != "multiprocessing.spawn":
                sys.stderr.write("HARNESS-PINNED: %s\n" % method)
            _set(method, force=True)

        multiprocessing.set_start_method = _pinned

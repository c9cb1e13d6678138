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

# HARNESS_COUNT_FILE: one line per process this interpreter starts (by start method) and per
# multiprocessing helper it launches, so the benchmark's floor includes what whole programs start.
_count_file = os.environ.get("HARNESS_COUNT_FILE")

if _method and _count_file:
    import multiprocessing.process

    def _count(kind, _path=_count_file):
        try:
            with open(_path, "a") as f:
                f.write(kind + "\n")
        except (IOError, OSError):
            pass

    _process_class = getattr(multiprocessing.process, "BaseProcess", None) or multiprocessing.process.Process

    def _counted_start(self, _start=_process_class.start):
        method = getattr(self, "_start_method", None)
        if method is None:  # a plain multiprocessing.Process: the default context's method
            getter = getattr(multiprocessing, "get_start_method", None)
            method = getter() if getter else "fork"  # Python 2: fork is all there is
        _count(method)
        return _start(self)

    _process_class.start = _counted_start

    try:
        from multiprocessing import util as _util
    except ImportError:
        _util = None
    if _util is not None and hasattr(_util, "spawnv_passfds"):
        # the same helpers as harness/_supervisor.py HELPERS: this file runs alone, under Python 2 too
        _helpers = (
            ("resource_tracker", "resource_tracker"),
            ("semaphore_tracker", "resource_tracker"),
            ("forkserver", "forkserver_server"),
        )

        def _counted_spawnv_passfds(path, args, passfds, _spawn=_util.spawnv_passfds):
            command = " ".join(a.decode() if isinstance(a, bytes) else str(a) for a in args)
            for needle, kind in _helpers:
                if "multiprocessing." + needle in command:
                    _count(kind)
                    break
            return _spawn(path, args, passfds)

        _util.spawnv_passfds = _counted_spawnv_passfds

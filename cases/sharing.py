"""Sharing between processes: locks, state that is not shared, and arguments that are passed."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from multiprocessing.context import BaseContext
from typing import Any

from harness import Facts, Verdict, Where, claim, expect, holds, partial, quote, refuted

SEMLOCK = "Lib/multiprocessing/synchronize.py: SemLock (Lock, Semaphore) over CreateSemaphore on Windows"
SEMLOCK_POSIX = "Lib/multiprocessing/synchronize.py: SemLock over a POSIX named semaphore (sem_open)"
SPAWN_PREPARE = "Lib/multiprocessing/spawn.py: _main re-imports the target's module; the Process is unpickled"
PICKLED_ARGS = "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ pickles the Process (args, kwargs)"


# --- lock.serializes -------------------------------------------------------------------------------

WORKERS = 3
INSIDE, PEAK = 0, 1


def _critical_section(guard: Any, start: Any, inner: Any, counts: Any, log: Any) -> None:  # noqa: ANN401
    """Wait for every worker, then enter the section and wait inside for all of them to be inside too."""
    start.wait(15)
    with guard if guard is not None else contextlib.nullcontext():
        with log.get_lock():
            counts[INSIDE] += 1
            counts[PEAK] = max(counts[PEAK], counts[INSIDE])
            log[log[0] + 1], log[0] = +1, log[0] + 1
        try:
            inner.wait(0.3)  # can only trip if all the workers are inside the section at once
        except threading.BrokenBarrierError:
            pass
        with log.get_lock():
            counts[INSIDE] -= 1
            log[log[0] + 1], log[0] = -1, log[0] + 1


def _make_guard(mp: BaseContext, kind: str) -> Any:  # noqa: ANN401 -- a context Lock or Semaphore
    return {"none": None, "Lock": mp.Lock, "Semaphore(1)": lambda: mp.Semaphore(1)}[kind]() if kind != "none" else None


def _contend(mp: BaseContext, kind: str) -> dict[str, Any]:
    """Three workers run one critical section, guarded by `kind`; record who was inside when."""
    start, inner = mp.Barrier(WORKERS), mp.Barrier(WORKERS)
    counts, log = mp.Array("i", 2, lock=False), mp.Array("i", 1 + 2 * WORKERS)
    guard = _make_guard(mp, kind)
    procs = [mp.Process(target=_critical_section, args=(guard, start, inner, counts, log)) for _ in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(15)
    events = list(log[1:1 + log[0]])
    return {"guard": kind, "peak_inside": counts[PEAK], "inner_barrier_tripped": not inner.broken,
            "events": events, "exitcodes": [p.exitcode for p in procs]}


@claim(
    "lock.serializes",
    "A Lock (or a Semaphore) keeps processes from using a resource at the same time.",
    topic="ipc",
    sources=[quote("004", "资源管理:使用lock或semaphore避免资源竞争和死锁")],
)
def lock_serializes(mp: BaseContext) -> Facts:
    """Three processes enter a section that waits for all three inside: bare, with a Lock, with Semaphore(1)."""
    return {kind: _contend(mp, kind) for kind in ("none", "Lock", "Semaphore(1)")}


def _contend_seen(run: dict[str, Any]) -> str:
    tripped = "tripped" if run["inner_barrier_tripped"] else "broke (timed out)"
    return f"{run['guard']}: peak {run['peak_inside']} of {WORKERS} inside at once, the inner barrier {tripped}"


def _serialized(run: dict[str, Any]) -> bool:
    alternating = run["events"] == [1, -1] * WORKERS
    return bool(run["peak_inside"] == 1 and alternating and not run["inner_barrier_tripped"])


@lock_serializes.judge
def _(facts: Facts, where: Where) -> Verdict:
    bare, guarded = facts["none"], [facts["Lock"], facts["Semaphore(1)"]]
    if bare["peak_inside"] != WORKERS or not bare["inner_barrier_tripped"]:
        raise ValueError(f"the unguarded control did not overlap: {_contend_seen(bare)}")
    seen = "; ".join(_contend_seen(r) for r in (bare, *guarded))
    ok = [r["guard"] for r in guarded if _serialized(r)]
    if len(ok) == len(guarded):
        return holds(seen)
    return partial(f"only {ok} kept the sections apart: {seen}") if ok else refuted(seen)


lock_serializes.expect(
    expect("holds", "a SemLock admits one process at a time; without it all three are inside together",
           os="linux"),
    expect("holds", "same SemLock code, POSIX named semaphores", os="darwin", cite=SEMLOCK_POSIX),
    expect("holds", "SemLock over Windows semaphores", os="win32", cite=SEMLOCK),
)


# --- state.not-shared ------------------------------------------------------------------------------

_STATE: list[str] = ["as imported"]


def _change_mine(conn: Any, given: list[str]) -> None:  # noqa: ANN401 -- a Connection of the context
    """Report the global, change it and the argument, let the parent change its own, report again."""
    conn.send(list(_STATE))
    _STATE.append("changed by the child")
    given.append("changed by the child")
    conn.send("changed")
    if conn.poll(15):
        conn.recv()
    conn.send({"global": list(_STATE), "argument": list(given)})
    conn.close()


@claim(
    "state.not-shared",
    "Processes share no state: what one process changes stays in that process.",
    topic="ipc",
    sources=[
        quote("002", "与线程不同,进程没有任何共享状态,进程修改的数据,改动仅限于该进程内。"),
        quote("003", "进程中间的数据,内存是不共享的"),
    ],
)
def state_not_shared(mp: BaseContext) -> Facts:
    """The child changes a global and an argument list; then the parent changes its global; each looks."""
    _STATE[:] = ["as imported", "changed by the parent before start()"]
    given = ["sent"]
    here, there = mp.Pipe()
    p = mp.Process(target=_change_mine, args=(there, given))
    p.start()
    at_start = here.recv() if here.poll(15) else None
    child_changed = here.poll(15) and here.recv() == "changed"
    parent_after_child = {"global": list(_STATE), "argument": list(given)}
    _STATE.append("changed by the parent after start()")
    here.send("parent changed")
    child_after_parent = here.recv() if here.poll(15) else None
    p.join(15)
    return {"child_saw_at_start": at_start, "child_changed": child_changed, "parent_after_child_changed":
            parent_after_child, "child_after_parent_changed": child_after_parent, "exitcode": p.exitcode}


@state_not_shared.judge
def _(facts: Facts, where: Where) -> Verdict:
    mine, theirs = facts["parent_after_child_changed"], facts["child_after_parent_changed"]
    if not facts["child_changed"] or theirs is None:
        raise ValueError(f"the child did not finish its part: exitcode {facts['exitcode']}")
    leaked_up = "changed by the child" in mine["global"] + mine["argument"]
    leaked_down = "changed by the parent after start()" in theirs["global"]
    seen = (f"parent after the child's change: {mine}; child after the parent's change: {theirs}; "
            f"the child started with {facts['child_saw_at_start']}")
    if leaked_up and leaked_down:
        return refuted(seen)
    return partial(f"one direction is shared: {seen}") if leaked_up or leaked_down else holds(seen)


state_not_shared.expect(
    expect("holds", "each process has its own memory: fork copies it, spawn and forkserver rebuild it",
           os="linux"),
    expect("holds", "separate processes on macOS too", os="darwin", cite=SPAWN_PREPARE),
    expect("holds", "separate processes; the child gets pickled copies", os="win32", cite=PICKLED_ARGS),
)


# --- args.passed -----------------------------------------------------------------------------------

def _describe(value: Any) -> dict[str, Any]:  # noqa: ANN401 -- any argument at all
    """Describe a value by its type and content, the same way in the parent and in the child."""
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if kind == "numpy.ndarray":
        return {"type": kind, "dtype": str(value.dtype), "shape": list(value.shape),
                "sha256": hashlib.sha256(value.tobytes()).hexdigest(), "sum": int(value.sum())}
    return {"type": kind, "repr": repr(value)}


def _describe_all(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    return {"args": [_describe(a) for a in args], "kwargs": {k: _describe(v) for k, v in kwargs.items()}}


def _report_args(conn: Any, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 -- whatever was passed
    """A target that tells the parent what it received."""
    conn.send(_describe_all(args, kwargs))
    conn.close()


def _image() -> Any:  # noqa: ANN401 -- a numpy array, or None without numpy
    """A small image-like array, as 000 passes cv2.imread()'s result; None where numpy is missing."""
    try:
        import numpy as np
    except ImportError:
        return None
    return np.random.default_rng(0).integers(0, 256, size=(48, 64, 3), dtype=np.uint8)


def _sent_and_received(mp: BaseContext, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """Start a child with these args/kwargs; compare what it received with what was sent."""
    here, there = mp.Pipe(duplex=False)
    p = mp.Process(target=_report_args, args=(there, *args), kwargs=kwargs)
    p.start()
    there.close()
    received = here.recv() if here.poll(15) else None
    p.join(15)
    return {"sent": _describe_all(args, kwargs), "received": received, "exitcode": p.exitcode}


@claim(
    "args.passed",
    "Arguments given in args/kwargs reach the child's target (000 passes an image array).",
    topic="ipc",
    sources=[
        quote("000", "args: 表示与target相关联的函数的传入参数,可以传入多个"),
        quote("001", "還可以從主進程中向子進程傳遞參數, 例如上面例子中的pro_do的參數"),
    ],
)
def args_passed(mp: BaseContext) -> Facts:
    """Pass plain values, kwargs and (where numpy exists) an image array; the child describes what it got."""
    image = _image()
    plain = _sent_and_received(mp, ("test", "dev", 7, 2.5, None, [1, 2], {"k": "v"}, b"\x00\xff"),
                               {"name": "egon", "age": 18})
    array = _sent_and_received(mp, (image,), {}) if image is not None else None
    return {"plain": plain, "image": array, "numpy_available": image is not None}


def _arrived(run: dict[str, Any]) -> bool:
    return bool(run["received"] == run["sent"] and run["exitcode"] == 0)


@args_passed.judge
def _(facts: Facts, where: Where) -> Verdict:
    plain, image = facts["plain"], facts["image"]
    seen = f"{len(plain['sent']['args'])} args and kwargs {sorted(plain['sent']['kwargs'])}: " + (
        "received identical" if _arrived(plain) else f"received {plain['received']}")
    if image is None:
        seen += "; numpy missing here: the image-array part was not run"
    else:
        got = (image["received"] or {"args": [{}]})["args"][0]
        seen += (f"; image array {image['sent']['args'][0]['shape']} {image['sent']['args'][0]['dtype']}: "
                 f"child got {got.get('type')} {got.get('shape')}, checksum "
                 f"{'equal' if _arrived(image) else 'different'}")
    parts = [_arrived(plain)] + ([_arrived(image)] if image is not None else [])
    return holds(seen) if all(parts) else partial(seen) if any(parts) else refuted(seen)


args_passed.expect(
    expect("holds", "fork copies the arguments; spawn and forkserver pickle them, arrays included",
           os="linux"),
    expect("holds", "the Process object, with its args and kwargs, is pickled to the child", os="darwin",
           cite=SPAWN_PREPARE),
    expect("holds", "the Process object, with its args and kwargs, is pickled to the child", os="win32",
           cite=PICKLED_ARGS),
)

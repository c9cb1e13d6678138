"""Sharing between processes: locks, state that is not shared, and arguments that are passed."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from harness import Context, Facts, Verdict, Where, claim, expect, holds, partial, quote, refuted

SEMLOCK = "Lib/multiprocessing/synchronize.py: SemLock (Lock, Semaphore) over CreateSemaphore on Windows"
SEMLOCK_POSIX = "Lib/multiprocessing/synchronize.py: SemLock over a POSIX named semaphore (sem_open)"
SPAWN_PREPARE = "Lib/multiprocessing/spawn.py: _main re-imports the target's module; the Process is unpickled"
PICKLED_ARGS = "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ pickles the Process (args, kwargs)"


# --- lock.serializes -------------------------------------------------------------------------------

WORKERS = 2  # two processes are enough to be "at the same time"; each one more is one more start
INSIDE, PEAK = 0, 1


def _log(log: Any, event: int) -> None:  # noqa: ANN401 -- a context Array, its lock held by the caller
    """Append an enter (+1) or exit (-1) to the shared log; log[0] is its length."""
    log[0] += 1
    log[log[0]] = event


def _critical_section(r: dict[str, Any]) -> None:
    """Wait for every worker, then enter the round's section and wait inside for all of them to be in too."""
    r["start"].wait(30)
    counts, log = r["counts"], r["log"]
    with r["guard"] if r["guard"] is not None else contextlib.nullcontext():
        with log.get_lock():
            counts[INSIDE] += 1
            counts[PEAK] = max(counts[PEAK], counts[INSIDE])
            _log(log, +1)
        with contextlib.suppress(threading.BrokenBarrierError):
            r["inner"].wait(r["window"])  # can only trip if all the workers are inside the section at once
        with log.get_lock():
            counts[INSIDE] -= 1
            _log(log, -1)


def _every_round(rounds: list[dict[str, Any]]) -> None:
    """Run the critical section once per round: unguarded, with a Lock, with a Semaphore(1)."""
    for r in rounds:
        _critical_section(r)


def _make_guard(mp: Context, kind: str) -> Any:  # noqa: ANN401 -- a context Lock or Semaphore
    if kind == "Lock":
        return mp.Lock()
    return mp.Semaphore(1) if kind == "Semaphore(1)" else None


def _new_round(mp: Context, kind: str) -> dict[str, Any]:
    # unguarded, the inner barrier trips at once (the long timeout only bounds a failed control);
    # guarded, the window is how long the other, already at the lock, gets to come in past it if the
    # lock let it (unguarded that takes milliseconds); only the first holder waits it out
    return {
        "kind": kind,
        "guard": _make_guard(mp, kind),
        "window": 10.0 if kind == "none" else 0.1,
        "start": mp.Barrier(WORKERS),
        "inner": mp.Barrier(WORKERS),
        "counts": mp.Array("i", 2, lock=False),
        "log": mp.Array("i", 1 + 2 * WORKERS),
    }


def _round_seen(r: dict[str, Any]) -> dict[str, Any]:
    """Read what one round left: who was inside when, and whether the inner barrier tripped."""
    return {
        "guard": r["kind"],
        "window_s": r["window"],
        "peak_inside": r["counts"][PEAK],
        "inner_barrier_tripped": not r["inner"].broken,
        "events": list(r["log"][1 : 1 + r["log"][0]]),
    }


def _run_all(procs: list[Any]) -> list[int | None]:
    """Start the workers side by side, join them, kill any still there; their exit codes."""
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    exitcodes = [p.exitcode for p in procs]
    for p in procs:
        if p.exitcode is None:
            p.kill()
            p.join(5)
    return exitcodes


@claim(
    "lock.serializes",
    "A Lock (or a Semaphore) keeps processes from using a resource at the same time.",
    topic="ipc",
    sources=[quote("004", "资源管理:使用lock或semaphore避免资源竞争和死锁")],
    deadline=40.0,
)
def lock_serializes(mp: Context) -> Facts:
    """Let two processes enter a section that waits for both: bare, with Lock, with Semaphore(1)."""
    rounds = [_new_round(mp, kind) for kind in ("none", "Lock", "Semaphore(1)")]
    procs = [mp.Process(target=_every_round, args=(rounds,)) for _ in range(WORKERS)]
    exitcodes = _run_all(procs)
    return {"exitcodes": exitcodes, **{r["kind"]: _round_seen(r) for r in rounds}}


def _contend_seen(run: dict[str, Any]) -> str:
    tripped = "tripped" if run["inner_barrier_tripped"] else f"timed out after {run['window_s']} s"
    return f"{run['guard']}: peak {run['peak_inside']} of {WORKERS} inside at once, inner barrier {tripped}"


def _serialized(run: dict[str, Any]) -> bool:
    alternating = run["events"] == [1, -1] * WORKERS
    return bool(run["peak_inside"] == 1 and alternating and not run["inner_barrier_tripped"])


@lock_serializes.judge
def _(facts: Facts, where: Where) -> Verdict:
    bare, guarded = facts["none"], [facts["Lock"], facts["Semaphore(1)"]]
    if any(code != 0 for code in facts["exitcodes"]):
        raise ValueError(f"a worker did not finish its rounds: exitcodes {facts['exitcodes']}")
    if bare["peak_inside"] != WORKERS or not bare["inner_barrier_tripped"]:
        raise ValueError(f"the unguarded control did not overlap: {_contend_seen(bare)}")
    seen = "; ".join(_contend_seen(r) for r in (bare, *guarded))
    ok = [r["guard"] for r in guarded if _serialized(r)]
    if len(ok) == len(guarded):
        return holds(seen)
    return partial(f"only {ok} kept the sections apart: {seen}") if ok else refuted(seen)


lock_serializes.expect(
    expect(
        "holds",
        "a SemLock admits one process at a time; without it both are inside together",
        os="linux",
    ),
    expect("holds", "same SemLock code, POSIX named semaphores", os="darwin", cite=SEMLOCK_POSIX),
    expect("holds", "SemLock over Windows semaphores", os="win32", cite=SEMLOCK),
)
lock_serializes.said(
    en=(
        "^Lock|Locks|Semaphore|Semaphores & same time|one at a time|simultaneous*|concurrently|concurrent access|race*|exclusive*|only one"
        "|mutual exclusion|mutually exclusive|serializ*|take turns|overwrite each other|interfere*|critical section & !interpreter lock|GIL"
        "|thread*|terminat*",
        "without & lock & mixed up|interleav*|garbled|race*|corrupt*|jumbled & !interpreter lock|GIL|terminat*",
    ),
    zh=(
        "lock|semaphore|锁 & 同一时间|同一个时间|同一时刻|同一个时刻|同时|竞争|只有一个|互斥|轮流|依次|排他|串行|排队|临界区 & !terminate|终止|永远|线程|解释器锁|gil",
        "拿到锁|获得锁|持有锁|获取锁|得到锁 & 才能|其他进程|其它进程 & 等待|等|阻塞",
        "不加锁|没有锁|不用锁|没加锁 & 混乱|错乱|交错|竞争|不对|乱 & !terminate|终止|解释器锁|gil",
    ),
    opposite=(
        "^Lock|Locks|lock|locks|锁 & {not}~prevent*|{not}~stop*|{not}~guarantee*|{not}~ensure*|{not}~protect* & same time|simultaneous*|at once|concurrent*",
        "锁 & 不能保证|无法保证|不能防止|无法防止|不能阻止 & 同时|同一时间",
    ),
)


# --- lock.avoids-deadlock -------------------------------------------------------------------------

# each worker holds its first lock and waits this long for the other's, which is held by a process that
# waits too: no release can come in any window, so a longer one would only cost time
DEADLOCK_WINDOW = 0.3


def _new_pair(mp: Context, kind: str) -> dict[str, Any]:
    make = mp.Lock if kind == "Lock" else lambda: mp.Semaphore(1)
    return {
        "kind": kind,
        "locks": (make(), make()),
        "holding": mp.Barrier(WORKERS),  # both hold their first lock
        "tried": mp.Barrier(WORKERS),  # both have tried for their second: only then is anything released
        "crossed": mp.Array("i", WORKERS),
        "same_order": mp.Array("i", WORKERS),
    }


def _cross(r: dict[str, Any], i: int) -> None:
    """Take my first lock, then (timed) the other's first lock; let go only when both have tried."""
    first, second = r["locks"] if i == 0 else r["locks"][::-1]
    first.acquire()
    r["holding"].wait(30)
    got = second.acquire(timeout=DEADLOCK_WINDOW)
    r["tried"].wait(30)
    if got:
        second.release()
    first.release()
    r["crossed"][i] = int(got)


def _in_order(r: dict[str, Any], i: int) -> None:
    """Take both locks in the same order as the other worker (the control: this cannot deadlock)."""
    a, b = r["locks"]
    got = a.acquire(timeout=30) and b.acquire(timeout=30)
    r["same_order"][i] = int(got)
    b.release()
    a.release()


def _every_pair(pairs: list[dict[str, Any]], i: int) -> None:
    for r in pairs:
        _cross(r, i)
        _in_order(r, i)


@claim(
    "lock.avoids-deadlock",
    "Using a Lock or a Semaphore avoids deadlock.",
    topic="ipc",
    sources=[quote("004", "资源管理:使用lock或semaphore避免资源竞争和死锁")],
    deadline=40.0,
)
def lock_avoids_deadlock(mp: Context) -> Facts:
    """Two processes take two locks in opposite orders (each holding one), then in the same order."""
    pairs = [_new_pair(mp, kind) for kind in ("Lock", "Semaphore(1)")]
    procs = [mp.Process(target=_every_pair, args=(pairs, i)) for i in range(WORKERS)]
    exitcodes = _run_all(procs)
    seen = {r["kind"]: {"crossed": list(r["crossed"]), "same_order": list(r["same_order"])} for r in pairs}
    return {"exitcodes": exitcodes, "window_s": DEADLOCK_WINDOW, **seen}


def _pair_seen(kind: str, run: dict[str, Any], window: float) -> str:
    got = sum(run["crossed"])
    return (
        f"{kind}: in opposite orders {got} of {WORKERS} workers got the second lock within {window} s "
        f"(each holding the one the other wanted); in the same order {sum(run['same_order'])} of {WORKERS} got both"
    )


@lock_avoids_deadlock.judge
def _(facts: Facts, where: Where) -> Verdict:
    kinds = [k for k in ("Lock", "Semaphore(1)") if k in facts]
    if any(code != 0 for code in facts["exitcodes"]):
        raise ValueError(f"a worker did not finish: exitcodes {facts['exitcodes']}")
    if not all(all(facts[k]["same_order"]) for k in kinds):
        raise ValueError(f"the control (both locks taken in one order) failed: {facts}")
    seen = "; ".join(_pair_seen(k, facts[k], facts["window_s"]) for k in kinds)
    stuck = [k for k in kinds if not any(facts[k]["crossed"])]
    if not stuck:
        return holds(f"no lock let the two processes deadlock: {seen}")
    told = "the locks themselves deadlocked" if len(stuck) == len(kinds) else f"{stuck} deadlocked"
    verdict = refuted if len(stuck) == len(kinds) else partial
    return verdict(
        f"{told}: two processes that each hold one and want the other's wait for ever; taken in one "
        f"order they did not. A lock is what deadlocks; the order it is taken in avoids it: {seen}"
    )


lock_avoids_deadlock.expect(
    expect("refuted", "SemLock waits with no deadlock detection: opposite orders wait for ever", os="linux"),
    expect("refuted", "the same SemLock code over POSIX named semaphores", os="darwin", cite=SEMLOCK_POSIX),
    expect(
        "refuted",
        "SemLock over Windows semaphores: WaitForSingleObject has no detection",
        os="win32",
        cite=SEMLOCK,
    ),
)
lock_avoids_deadlock.said(
    en=(
        "Lock|Locks|locking|Semaphore|Semaphores & avoid*|prevent*|protect* against|guard* against & deadlock*",
        "Lock|Locks|locking|Semaphore|Semaphores & no deadlock*|never deadlock*|without deadlock*|free of deadlock*|deadlock-free",
    ),
    zh="lock|semaphore|锁 & 避免|防止|不会 & 死锁 & !终止|terminate|永远|释放",
    opposite=(
        "Lock|Semaphore & itself|themselves|can also|may also|also & cause*|lead* to|introduce* & deadlock*"
        " & !terminat*|kill*|avoid*|prevent*",
        "锁 & 本身|也可能|也会 & 导致|引起|造成 & 死锁 & !终止|terminate|避免|防止",
        "Lock|Locks|locking|Semaphore|Semaphores & {not}~avoid*|{not}~prevent*|won't prevent & deadlock*",
        "锁 & 不能避免|无法避免|不能防止|无法防止 & 死锁",
    ),
)


# --- state.not-shared ------------------------------------------------------------------------------

SHARED_CTYPES = "Lib/multiprocessing/sharedctypes.py: RawValue (allocated from heap.BufferWrapper, an mmap shared by the children)"
_STATE: list[str] = ["as imported"]


def _change_mine(conn: Any, given: list[str], shared: Any) -> None:  # noqa: ANN401 -- the context's objects
    """Report the global, change it, the argument and the shared Value, let the parent change its own, report."""
    conn.send(list(_STATE))
    _STATE.append("changed by the child")
    given.append("changed by the child")
    shared.value = 1
    conn.send("changed")
    if conn.poll(15):
        conn.recv()
    conn.send({"global": list(_STATE), "argument": list(given)})
    conn.close()


@claim(
    "state.not-shared",
    "Unlike threads, processes share no state at all: what one process changes stays in that process.",
    topic="ipc",
    sources=[
        quote("002", "与线程不同,进程没有任何共享状态,进程修改的数据,改动仅限于该进程内。"),
        quote("003", "进程中间的数据,内存是不共享的"),
    ],
)
def state_not_shared(mp: Context) -> Facts:
    """Let the child change a global, an argument and a shared Value, then the parent its global; each looks."""
    _STATE[:] = ["as imported", "changed by the parent before start()"]
    given, shared = ["sent"], mp.Value("i", 0)
    here, there = mp.Pipe()
    p = mp.Process(target=_change_mine, args=(there, given, shared))
    p.start()
    at_start = here.recv() if here.poll(15) else None
    child_changed = here.poll(15) and here.recv() == "changed"
    parent_after_child = {"global": list(_STATE), "argument": list(given), "shared Value": shared.value}
    _STATE.append("changed by the parent after start()")
    here.send("parent changed")
    child_after_parent = here.recv() if here.poll(15) else None
    p.join(15)
    return {
        "thread_change_seen": _thread_change_seen(),
        "child_saw_at_start": at_start,
        "child_changed": child_changed,
        "parent_after_child_changed": parent_after_child,
        "child_after_parent_changed": child_after_parent,
        "exitcode": p.exitcode,
    }


def _thread_change_seen() -> bool:
    """The contrast the article draws: a thread's change to a list is the parent's list changed."""
    import threading

    seen: list[str] = []
    t = threading.Thread(target=seen.append, args=("changed by a thread",))
    t.start()
    t.join()
    return seen == ["changed by a thread"]


@state_not_shared.judge
def _(facts: Facts, where: Where) -> Verdict:
    mine, theirs = facts["parent_after_child_changed"], facts["child_after_parent_changed"]
    if not facts["child_changed"] or theirs is None:
        raise ValueError(f"the child did not finish its part: exitcode {facts['exitcode']}")
    leaked_up = "changed by the child" in mine["global"] + mine["argument"]
    leaked_down = "changed by the parent after start()" in theirs["global"]
    shared = mine["shared Value"] == 1  # made to be shared: the state the article says processes lack
    seen = (
        f"parent after the child's change: {mine}; child after the parent's change: {theirs}; "
        f"the child started with {facts['child_saw_at_start']}"
    )
    if leaked_up and leaked_down:
        return refuted(seen)
    if not facts["thread_change_seen"]:
        return partial(
            f"processes keep their changes, but so did a thread, unlike what the article contrasts: {seen}"
        )
    if leaked_up or leaked_down:
        return partial(f"one direction is shared: {seen}")
    if shared:
        return partial(
            f"plain objects stay in their process, but not 'no shared state at all': a multiprocessing.Value "
            f"the child set to 1 reads 1 in the parent (shared memory). {seen}",
            key="plain objects only",
        )
    return holds(seen)


state_not_shared.expect(
    expect(
        "partial",
        "each process has its own memory (fork copies it, spawn and forkserver rebuild it), but a "
        "Value is shared memory both processes see",
        os="linux",
    ),
    expect(
        "partial",
        "separate processes on macOS too; a Value lives in shared memory",
        os="darwin",
        cite=f"{SPAWN_PREPARE}; {SHARED_CTYPES}",
    ),
    expect(
        "partial",
        "separate processes; the child gets pickled copies, a Value's memory is shared",
        os="win32",
        cite=f"{PICKLED_ARGS}; {SHARED_CTYPES}",
    ),
)
state_not_shared.said(
    en=(
        "process* & {not}~shar*|no~shar* & memory|state|data|variable*|global* & !Manager|shared_memory|Value|Array",
        "process*|worker*|child*|children & see each other*|each other's variable*|own copy|own separate copy|own memory"
        "|separate memory|own address space"
        "|separate address space*",
        "child*|worker*|subprocess* & parent|main process & unchanged|invisible|not see|doesn't see|not affect*|not visible"
        "|not reflected|no effect|not seen|isn't seen|aren't seen"
        "|doesn't affect|does not affect & !fork*",
        "process* & share nothing|share no state|share no memory|nothing is shared|nothing shared",
    ),
    zh=(
        "进程 & 不共享|没有任何共享|没有共享|不会共享|看不到|不影响|互不影响|隔离 & 内存|状态|数据|变量 & !fork|manager",
        "进程 & 什么都不共享|不共享任何|什么也不共享",
        "进程 & 各自独立|独立的内存|各自的内存|自己的内存|自己独立的内存|独立的地址空间|各自的地址空间|一份拷贝|副本 & !fork|manager",
        "子进程 & 父进程|主进程 & 看不到|不影响|不会影响|不会改变|不变|没有变化 & 修改|改变|改了 & !fork|manager",
    ),
    opposite=(
        "process* & share* & memory|global variable*|variables|state|data & !not|n't|no|never|nothing|without|unlike"
        "|Manager*|manager*|prox*|Value*|Array*|shared_memory|SharedMemory|shared memory|sharedctypes|thread*"
        "|can be shared|can share|to share|way* to",
        "child* & parent & see*|visible|reflected & change*|modif* & !not|n't|never|invisible|unchanged|no|nothing",
        "子进程 & 看到|看得到|能看到 & 父进程|主进程 & 修改|改变|全局变量 & !看不到|不能|无法",
        "进程 & 共享 & 内存|全局变量|变量|数据 & !不共享|不会共享|没有共享|不能共享|无法共享|manager|value|array|共享内存|线程|不|没"
        "|可以|可用|如何|怎么|方式|方法",
    ),
)


# --- args.passed -----------------------------------------------------------------------------------


def _describe(value: Any) -> dict[str, Any]:  # noqa: ANN401 -- any argument at all
    """Describe a value by its type and content, the same way in the parent and in the child."""
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if kind == "numpy.ndarray":
        import hashlib

        return {
            "type": kind,
            "dtype": str(value.dtype),
            "shape": list(value.shape),
            "sha256": hashlib.sha256(value.tobytes()).hexdigest(),
            "sum": int(value.sum()),
        }
    return {"type": kind, "repr": repr(value)}


def _describe_all(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    return {"args": [_describe(a) for a in args], "kwargs": {k: _describe(v) for k, v in kwargs.items()}}


def _report_args(conn: Any, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 -- whatever was passed
    """Tell the parent what this target received."""
    conn.send(_describe_all(args, kwargs))
    conn.close()


def _image() -> Any:  # noqa: ANN401 -- a numpy array, or None without numpy
    """Make a small image-like array, as 000 passes cv2.imread()'s result; None without numpy."""
    try:
        import numpy as np
    except ImportError:
        return None
    return np.random.default_rng(0).integers(0, 256, size=(48, 64, 3), dtype=np.uint8)


def _sent_and_received(mp: Context, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
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
    "Arguments given in args/kwargs, several of them, reach the child's target.",
    topic="ipc",
    sources=[
        quote("000", "args: 表示与target相关联的函数的传入参数,可以传入多个"),
        quote("001", "還可以從主進程中向子進程傳遞參數, 例如上面例子中的pro_do的參數"),
    ],
)
def args_passed(mp: Context) -> Facts:
    """Pass plain values, kwargs and (where numpy exists) an image array; the child describes what it got."""
    image = _image()
    args = ("test", "dev", 7, 2.5, None, [1, 2], {"k": "v"}, b"\x00\xff")
    args += (image,) if image is not None else ()
    return {**_sent_and_received(mp, args, {"name": "egon", "age": 18}), "numpy_available": image is not None}


def _mismatches(facts: Facts) -> list[str]:
    """Name each argument whose description in the child differs from the parent's."""
    sent, got = facts["sent"], facts["received"] or {"args": [], "kwargs": {}}
    bad = [
        f"args[{i}] {s['type']}"
        for i, s in enumerate(sent["args"])
        if i >= len(got["args"]) or got["args"][i] != s
    ]
    bad += [f"kwargs[{k!r}]" for k, v in sent["kwargs"].items() if got["kwargs"].get(k) != v]
    return bad + (
        [f"{len(got['args'])} args received, {len(sent['args'])} sent"]
        if len(got["args"]) != len(sent["args"])
        else []
    )


@args_passed.judge
def _(facts: Facts, where: Where) -> Verdict:
    bad, sent = _mismatches(facts), facts["sent"]
    seen = f"{len(sent['args'])} args and kwargs {sorted(sent['kwargs'])}, child exitcode {facts['exitcode']}"
    if facts["numpy_available"]:  # 000's example passes cv2.imread()'s array: one is sent where numpy is
        array = sent["args"][-1]
        seen += f", among them a {array['dtype']} array {array['shape']} (sha256 {array['sha256'][:12]})"
    if facts["received"] is None:
        return refuted(f"the child reported nothing: {seen}")
    if bad:
        return partial(f"differs in the child: {bad}; {seen}")
    # an array is no part of the statement, but a drift report should not compare cells with and without
    key = "" if facts["numpy_available"] else "plain values only (no numpy)"
    return holds(f"the child received every value with the same type and content: {seen}", key=key)


args_passed.expect(
    expect(
        "holds", "fork copies the arguments; spawn and forkserver pickle them, arrays included", os="linux"
    ),
    expect(
        "holds",
        "the Process object, with its args and kwargs, is pickled to the child",
        os="darwin",
        cite=SPAWN_PREPARE,
    ),
    expect(
        "holds",
        "the Process object, with its args and kwargs, is pickled to the child",
        os="win32",
        cite=PICKLED_ARGS,
    ),
)
args_passed.said(
    en=(
        "args|kwargs & pass*|reach*|arriv*|given|hand|hands|handed|receiv*|go* into|forward*|supply*|provid*|end* up"
        "|unpacked"
        " & target|child process*|the child|in the child|to the child|children|Process|worker* & !must be a tuple"
        "|has to be a tuple|needs to be a tuple|list|comma|as keyword arguments|as keywords|by keyword",
        "argument*|parameter* & pass*|reach*|arriv*|handed|receiv*|forward* & target|child process*|the child"
        "|in the child|to the child|Process(|Process() & !must be a tuple|has to be a tuple|needs to be a tuple|list|comma"
        "|better|instead|resource*|global*|pickl*|stdout|stderr|stdin|subprocess*|by keyword|keyword argument*",
    ),
    zh=(
        "args|kwargs|参数 & 传入|传递|传给|传进|收到|拿到|接收到|传参数|传值 & 子进程|函数|target & !元组|列表|逗号|消息|通信|pickle"
        "|序列化|全局变量|而不是",
        "args|参数 & 可以传入多个|传入多个|多个参数|任意多个|任意个|任意数量 & target|函数|子进程",
    ),
    opposite=(
        "args|kwargs|argument* & {not}~reach*|{not}~arriv*|{not}~receiv*|never reach* & target|child*|process*",
        "args|参数 & 不能传|无法传|传不到|不能传递|无法传递 & 子进程|target|函数 & !pickle|序列化|lambda",
    ),
)

"""What the API reference, its notes and its warnings say: claims whose source is the documentation."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from harness import (
    Context,
    Facts,
    Verdict,
    Where,
    claim,
    doc,
    expect,
    holds,
    partial,
    program,
    refuted,
)

REFERENCE = "multiprocessing: Reference"
PROCESS_DOCS = f"{REFERENCE}: Process and exceptions"
QUEUE_DOCS = f"{REFERENCE}: Pipes and Queues"
POOL_DOCS = f"{REFERENCE}: Process Pools"
SHARED_DOCS = f"{REFERENCE}: Shared ctypes Objects"
MISC_DOCS = f"{REFERENCE}: Miscellaneous"
CONTEXT_DOCS = "multiprocessing: Introduction: Contexts and start methods"

PROCESS_PY = "Lib/multiprocessing/process.py"
WAIT = 15.0  # seconds: the bound of every wait that normally ends in milliseconds


def _error_of(call: Callable[[], object]) -> dict[str, str] | None:
    """Call it; what it raised (type and message), or None."""
    try:
        call()
    except Exception as exc:  # whatever it raises is the observation
        return {"type": type(exc).__name__, "message": str(exc)}
    return None


def _shown(error: dict[str, str] | None) -> str:
    return "nothing raised" if error is None else f"{error['type']}({error['message']!r})"


def _hold(ready: Any, go: Any) -> None:  # noqa: ANN401 -- Events of the context under test
    """Say it runs, then wait (bounded) until the parent lets it end."""
    ready.set()
    go.wait(WAIT)


def _start_held(mp: Context) -> tuple[Any, Any]:
    """A child that is certainly running (it said so) until the returned Event is set."""
    ready, go = mp.Event(), mp.Event()
    p = mp.Process(target=_hold, args=(ready, go))
    p.start()
    if not ready.wait(WAIT):
        p.kill()
        raise RuntimeError("the child never said it was running")
    return p, go


# --- api.start-once -------------------------------------------------------------------------------


def _count_run(runs: Any) -> None:  # noqa: ANN401 -- a Value of the context under test
    with runs.get_lock():
        runs.value += 1


def _start_again(p: Any) -> dict[str, str] | None:  # noqa: ANN401 -- a Process of the context
    """A second start(); if it was accepted, wait for that run too."""
    error = _error_of(p.start)
    if error is None:
        p.join(WAIT)
    return error


@claim(
    "api.start-once",
    "start() must be called at most once per process object: a second call is refused and the target "
    "runs once.",
    topic="process",
    sources=[doc(f"{PROCESS_DOCS}: Process.start()", "This must be called at most once per process object.")],
)
def start_once(mp: Context) -> Facts:
    """start() a counting child, start() it again while it runs and after it ended; count its runs."""
    runs = mp.Value("i", 0)
    p, go = _start_held(mp)
    counted = mp.Process(target=_count_run, args=(runs,))
    counted.start()
    counted.join(WAIT)
    while_running = _start_again(p)
    go.set()
    p.join(WAIT)
    return {
        "optimize": sys.flags.optimize,  # the refusal is an assert: -O would remove it
        "second_start_while_running": while_running,
        "second_start_after_end": _start_again(counted),
        "runs": runs.value,
    }


@start_once.judge
def _(facts: Facts, where: Where) -> Verdict:
    errors = [facts["second_start_while_running"], facts["second_start_after_end"]]
    seen = (
        f"a second start() while it ran: {_shown(errors[0])}; after it ended: {_shown(errors[1])}; "
        f"the target ran {facts['runs']} time(s) (python -O: {facts['optimize']})"
    )
    if all(errors) and facts["runs"] == 1:
        return holds(seen)
    if any(errors):
        return partial(seen)
    return refuted(seen)


START_ASSERT = f"{PROCESS_PY}: BaseProcess.start (assert self._popen is None, 'cannot start a process twice')"

start_once.expect(
    expect("holds", "start() asserts it has no Popen yet: AssertionError both times", os="linux"),
    expect("holds", "the same process.py on macOS", os="darwin", cite=START_ASSERT),
    expect("holds", "the same process.py on Windows", os="win32", cite=START_ASSERT),
)
start_once.said(
    en=(
        "^api & twice|second time|more than once|at most once|only once|a second call & must|at most|cannot|can't"
        "|not|error|rais*|refus*|fail*|AssertionError|RuntimeError & !set_start_method|start method",
        "api & again & cannot|can't|not|error|rais*|refus*|fail*|AssertionError & !set_start_method|start method",
        "api & once & per process object|per process|per object|only|at most & !start method|set_start_method",
        "started & only once|at most once|twice|more than once|again|a second time & cannot|can't|at most|not",
        "started|start() & only once|at most once & process*|Process|object",
        "cannot be restarted|can't be restarted|not be restarted|cannot restart|can't restart & process*|Process",
    ),
    zh=(
        "api & 一次|两次|多次|再次|第二次|重复 & 只能|不能|报错|异常|不允许|错误|AssertionError|不可以 & !一次性",
        "进程|Process & 只能启动一次|只能 start 一次|不能启动两次|不能重复启动|不能再次启动|只能被启动一次",
    ),
    api="start",
    opposite=(
        "api & again|twice|more than once|a second time & can|may|allowed|fine|works & !cannot|can't|not|never|only"
        "|error|rais*|fail*|program|server|command*|service|thread*",
        "api & 再次|两次|重复|多次 & 可以|能够|能 start|能调用|能启动|能否|能不能|没问题 & !不能|不可以|不允许|只能|报错|异常",
    ),
)


# --- api.close-releases ---------------------------------------------------------------------------

AFTER_CLOSE = ("is_alive", "join", "exitcode", "pid", "start", "terminate")


def _uses(p: Any) -> dict[str, Callable[[], object]]:  # noqa: ANN401 -- a closed Process
    """The methods and attributes the probe tries on a closed process object."""
    return {
        "is_alive": p.is_alive,
        "join": p.join,
        "exitcode": lambda: p.exitcode,
        "pid": lambda: p.pid,
        "start": p.start,
        "terminate": p.terminate,
        "name": lambda: p.name,
    }


def _reap_by_pid(pid: int) -> None:
    """Wait (bounded) for a child the process object no longer answers for."""
    import psutil

    with suppress(psutil.Error):
        psutil.Process(pid).wait(WAIT)


@claim(
    "api.close-releases",
    "Process.close() (3.7+) raises ValueError while the process still runs; once it has returned, "
    "most other methods and attributes of the object raise ValueError.",
    topic="process",
    sources=[
        doc(
            f"{PROCESS_DOCS}: Process.close()",
            "ValueError is raised if the underlying process is still running. Once close() returns "
            "successfully, most other methods and attributes of the Process object will raise ValueError.",
        )
    ],
)
def close_releases(mp: Context) -> Facts:
    """close() a running child, then close() it after join() and use it again."""
    p, go = _start_held(mp)
    pid = p.pid
    while_running = _error_of(p.close)
    go.set()
    if while_running is None:  # closed while running: the object cannot join it any more
        _reap_by_pid(pid)
    else:
        p.join(WAIT)
    after_join = _error_of(p.close)
    return {
        "close_while_running": while_running,
        "close_after_join": after_join,
        "after_close": {name: _error_of(use) for name, use in _uses(p).items()},
    }


@close_releases.judge
def _(facts: Facts, where: Where) -> Verdict:
    running, after = facts["close_while_running"], facts["after_close"]
    raised = sorted(n for n in AFTER_CLOSE if (after[n] or {}).get("type") == "ValueError")
    seen = (
        f"close() while running: {_shown(running)}; after join(): {_shown(facts['close_after_join'])}; "
        f"then ValueError from {raised} of {list(AFTER_CLOSE)} (name: {_shown(after['name'])})"
    )
    refused = running is not None and running["type"] == "ValueError"
    released = facts["close_after_join"] is None and len(raised) == len(AFTER_CLOSE)
    if refused and released:
        return holds(seen)
    return partial(seen) if refused or released else refuted(seen)


CLOSE_SRC = f"{PROCESS_PY}: BaseProcess.close and _check_closed (ValueError('process object is closed'))"

close_releases.expect(
    expect("holds", "close() polls the child first; every checked member calls _check_closed", os="linux"),
    expect("holds", "the same process.py on macOS", os="darwin", cite=CLOSE_SRC),
    expect("holds", "the same process.py on Windows", os="win32", cite=CLOSE_SRC),
)
close_releases.said(
    en=(
        "^api & ValueError & process*|Process|running|method*|attribute*|pid|is_alive|exitcode|access*",
        "api & releas* & resource*|process object|Process & !pool|worker*|queue|pipe|connection|shared memory"
        "|file*|lock*|semaphore*",
        "api & still running|still alive|is running & error|rais*|fail*|refus*|not allowed & !pool|worker*",
    ),
    zh=(
        "api & ValueError & 进程|运行|方法|属性",
        "api & 释放 & 资源|进程对象|Process & !pool|进程池|队列|管道|连接|共享内存|文件|锁",
        "api & 还在运行|仍在运行|正在运行 & 报错|异常|错误|失败|不允许 & !pool|进程池",
    ),
    api="close",
    opposite=(
        "^api & {not}~rais*|{not}~ValueError|no error & running|ValueError|alive",
    ),
)


# --- api.exitcode-values --------------------------------------------------------------------------


def _exit_with(code: int) -> None:
    sys.exit(code)


def _raise() -> None:
    raise RuntimeError("an exception not caught within run() (expected by the probe)")


def _ended(mp: Context, target: Callable[..., None], *args: object) -> int | None:
    """The exit code of a child running `target` to its end."""
    p = mp.Process(target=target, args=args)
    p.start()
    p.join(WAIT)
    return p.exitcode


@claim(
    "api.exitcode-values",
    "exitcode is None until the process has terminated; then 0 if run() returned normally, N after "
    "sys.exit(N), and 1 after an exception not caught within run().",
    topic="process",
    sources=[
        doc(
            f"{PROCESS_DOCS}: Process.exitcode",
            "The child’s exit code. This will be None if the process has not yet terminated.",
        ),
        doc(
            f"{PROCESS_DOCS}: Process.exitcode",
            "If the child’s run() method returned normally, the exit code will be 0. If it terminated via "
            "sys.exit() with an integer argument N, the exit code will be N.",
        ),
        doc(
            f"{PROCESS_DOCS}: Process.exitcode",
            "If the child terminated due to an exception not caught within run(), the exit code will be 1.",
        ),
    ],
)
def exitcode_values(mp: Context) -> Facts:
    """Read exitcode before start, while a held child runs, after it returned; and after exit(3), raise."""
    p, go = _start_held(mp)
    running = p.exitcode
    alive = p.is_alive()
    go.set()
    p.join(WAIT)
    return {
        "before_start": mp.Process(target=_exit_with, args=(0,)).exitcode,
        "while_running": running,
        "alive_then": alive,
        "returned": p.exitcode,
        "sys_exit_3": _ended(mp, _exit_with, 3),
        "uncaught_exception": _ended(mp, _raise),
    }


@exitcode_values.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = (
        f"exitcode before start {facts['before_start']}, while running {facts['while_running']} "
        f"(is_alive {facts['alive_then']}); after run() returned {facts['returned']}, after sys.exit(3) "
        f"{facts['sys_exit_3']}, after an uncaught exception {facts['uncaught_exception']}"
    )
    none_while_running = facts["while_running"] is None and facts["alive_then"]
    ended = [facts["returned"], facts["sys_exit_3"], facts["uncaught_exception"]]
    if none_while_running and ended == [0, 3, 1]:
        return holds(seen)
    return partial(seen) if none_while_running or ended == [0, 3, 1] else refuted(seen)


EXITCODE_SRC = (
    f"{PROCESS_PY}: BaseProcess.exitcode (Popen.poll), BaseProcess._bootstrap (0, sys.exit's code, 1)"
)
EXITCODE_WIN = "Lib/multiprocessing/popen_spawn_win32.py: Popen.poll (GetExitCodeProcess); " + EXITCODE_SRC

exitcode_values.expect(
    expect("holds", "poll() is None while the child runs; _bootstrap returns 0, N or 1", os="linux"),
    expect("holds", "the same process.py and popen_*.py on macOS", os="darwin", cite=EXITCODE_SRC),
    expect("holds", "the exit code comes from GetExitCodeProcess", os="win32", cite=EXITCODE_WIN),
)
exitcode_values.said(
    en=(
        "^{exitcode} & None & not|until|yet|still|before|alive|running|while",
        "exitcode|exit code & sys.exit & ^child*|process*|Process|exitcode|target|run()|worker*",
        "{exitcode} & 1 & exception*|error*|uncaught|unhandled|rais* & ^child*|process*|Process|exitcode|target"
        "|run()|worker*",
        "{exitcode} & 0|zero & normal*|success*|clean*|fine|without error*|no error* & ^child*|process*|Process|exitcode|target|run()|worker*"
        " & !negative|signal*|terminat*",
    ),
    zh=(
        "^{exitcode} & None & 还没|尚未|之前|运行中|没有结束|未结束|还在运行|正在运行|仍在运行|运行时|结束前",
        "exitcode|退出码 & sys.exit & ^子进程|进程|exitcode|Process",
        "{exitcode} & 1 & 异常|报错|出错|未捕获 & ^子进程|进程|exitcode|Process|target",
        "{exitcode} & 0 & 正常|成功|顺利 & ^子进程|进程|exitcode|Process|target & !负|信号|terminate|终止",
    ),
    opposite=(
        "^{exitcode} & {not}~None & running|alive|while|until|before",
        "^{exitcode} & 不是 None|不为 None|不会是 None & 运行",
    ),
)


# --- api.queue-unreliable -------------------------------------------------------------------------

QUEUE_TRIALS = 20
PAYLOAD = 30_000  # ints per item: an item the feeder thread takes a moment to pickle, as real data does


def _qsize(q: Any) -> int | str:  # noqa: ANN401 -- a Queue of the context under test
    try:
        return int(q.qsize())
    except NotImplementedError:
        return "NotImplementedError"


def _queue_trial(q: Any, item: int) -> dict[str, Any]:  # noqa: ANN401 -- a Queue of the context
    """put() one item into the empty queue and ask empty() and qsize() at once; then take it back."""
    q.put([item, *range(PAYLOAD)])
    trial = {"empty": q.empty(), "qsize": _qsize(q)}
    trial["got"] = q.get(timeout=WAIT)[0] == item
    return trial


@claim(
    "api.queue-unreliable",
    "Queue.empty() and qsize() are not reliable: right after put() the queue may still say it is empty; "
    "qsize() may raise NotImplementedError on macOS.",
    topic="ipc",
    sources=[
        doc(
            f"{QUEUE_DOCS}: Queue.empty()",
            "Return True if the queue is empty, False otherwise. Because of multithreading/multiprocessing "
            "semantics, this is not reliable.",
        ),
        doc(
            f"{QUEUE_DOCS}: Queue.qsize()",
            "Note that this may raise NotImplementedError on platforms like macOS where sem_getvalue() is "
            "not implemented.",
        ),
        doc(
            f"{QUEUE_DOCS}: the note on the background (feeder) thread",
            "After putting an object on an empty queue there may be an infinitesimal delay before the "
            "queue’s empty() method returns False",
        ),
    ],
)
def queue_unreliable(mp: Context) -> Facts:
    """Put an item into an empty queue and ask at once, 20 times; each item is then taken back."""
    q = mp.Queue()
    trials = [_queue_trial(q, i) for i in range(QUEUE_TRIALS)]
    q.close()
    q.join_thread()
    return {"ints_per_item": PAYLOAD, "trials": trials}


@queue_unreliable.judge
def _(facts: Facts, where: Where) -> Verdict:
    trials = facts["trials"]
    wrong = sum(t["empty"] and t["got"] for t in trials)
    sizes = sorted({str(t["qsize"]) for t in trials})
    seen = (
        f"right after put(), empty() said True {wrong} of {len(trials)} times although get() found the "
        f"item; qsize() gave {sizes}"
    )
    no_qsize = "NotImplementedError" in sizes
    if where.env.os == "darwin" and not no_qsize:
        return partial(f"qsize() works here: {seen}") if wrong else refuted(seen)
    if wrong:
        return holds(seen)
    return partial(f"empty() was right each time: {seen}") if no_qsize else refuted(seen)


QUEUE_SRC = (
    "Lib/multiprocessing/queues.py: Queue.put (a feeder thread writes to the pipe later), Queue.empty "
    "(polls the pipe), Queue.qsize (sem_getvalue)"
)
QSIZE_MAC = f"{QUEUE_SRC}; HAVE_BROKEN_SEM_GETVALUE on macOS -> NotImplementedError (gh-125828 open)"

queue_unreliable.expect(
    expect("holds", "the feeder thread has not written the item when empty() polls the pipe", os="linux"),
    expect("holds", "the same feeder thread; sem_getvalue() is missing", os="darwin", cite=QSIZE_MAC),
    expect("holds", "the same feeder thread; qsize() works on Windows", os="win32", cite=QUEUE_SRC),
)
queue_unreliable.said(
    en=(
        "^empty|qsize|full|empty()|qsize() & not reliable|unreliable|NotImplementedError|approximate|may be wrong"
        "|not implemented|cannot be trusted|{not}~trust*|{not}~rely on|{not}~implemented|{not}~reliabl*"
        "|can't be trusted|not accurate|inaccurate|not exact",
        "empty() & still|may|might|even though|even after|just|delay*|moment|briefly|race* & put* & True|return*|say*"
        "|report*",
    ),
    zh=(
        "^empty|qsize|full|empty()|qsize() & 不可靠|不准确|NotImplementedError|近似|不准|不一定准确|不能依赖|靠不住|不保证|没有实现",
        "empty( & 刚|之后|马上|立刻|立即 & put & 可能|仍|还",
    ),
    opposite=(
        "empty|qsize|full & reliabl*|exact*|accurate*|precise* & !not|unreliable|n't|approximate|inaccurate",
        "empty|qsize|full & 可靠|准确|精确 & !不可靠|不准确|不一定|近似|不准",
    ),
)


# --- pool helpers ---------------------------------------------------------------------------------

_SHARED: dict[str, Any] = {}
MAP_INPUTS = list(range(6))


def _pool_init(shared: dict[str, Any]) -> None:
    """Pool initializer: synchronisation objects reach the workers by inheritance, as they must."""
    _SHARED.update(shared)


def _worker_pids(mp: Context) -> list[int]:
    """The pool workers among this process's children."""
    return sorted(p.pid for p in mp.active_children() if "PoolWorker" in p.name and p.pid is not None)


def _os_view(pids: list[int]) -> list[str]:
    """Each pid's status for psutil, or 'gone'."""
    import psutil

    seen: list[str] = []
    for pid in pids:
        try:
            seen.append(psutil.Process(pid).status())
        except psutil.NoSuchProcess:
            seen.append("gone")
    return seen


# --- api.pool-map-order ---------------------------------------------------------------------------


def _first_finishes_late(i: int) -> int:
    """The first input waits until the last one ran, so results finish out of input order."""
    if i == MAP_INPUTS[0]:
        _SHARED["last_ran"].wait(WAIT)
    _finished(i)
    if i == MAP_INPUTS[-1]:
        _SHARED["last_ran"].set()  # after its own finish is counted: the first input's comes later
    return i


def _finished(i: int) -> None:
    """Count `i` as the next to finish: a rank in shared memory, written at once."""
    # not a Queue: each worker's feeder thread writes its puts when it runs, so the queue's order is the
    # order of those writes, and once in ten runs the first input's put overtook the others'
    rank, ranks = _SHARED["rank"], _SHARED["ranks"]
    with rank.get_lock():
        ranks[i], rank.value = rank.value, rank.value + 1


def _finish_order(shared: dict[str, Any]) -> list[int]:
    """The inputs in the order they finished, and the count set back for the next round."""
    order = sorted(MAP_INPUTS, key=lambda i: shared["ranks"][i])
    shared["rank"].value = 0
    return order


@claim(
    "api.pool-map-order",
    "Pool.map() returns the results in the order of its inputs; the order of imap_unordered()'s results "
    "should be considered arbitrary.",
    topic="pool",
    sources=[
        doc(f"{POOL_DOCS}: Pool.map()", "A parallel equivalent of the map() built-in function"),
        doc(
            f"{POOL_DOCS}: Pool.imap_unordered()",
            "The same as imap() except that the ordering of the results from the returned iterator should "
            "be considered arbitrary.",
        ),
    ],
)
def pool_map_order(mp: Context) -> Facts:
    """With Pool(2), make the first input finish last; see what map() and imap_unordered() return."""
    ranks = mp.Array("i", len(MAP_INPUTS))
    shared: dict[str, Any] = {"last_ran": mp.Event(), "rank": mp.Value("i", 0), "ranks": ranks}
    with mp.Pool(2, initializer=_pool_init, initargs=(shared,)) as pool:
        mapped = pool.map(_first_finishes_late, MAP_INPUTS, chunksize=1)
        map_finished = _finish_order(shared)
        shared["last_ran"].clear()
        unordered = list(pool.imap_unordered(_first_finishes_late, MAP_INPUTS, chunksize=1))
        _finish_order(shared)
        pool.close()
        pool.join()
    return {"inputs": MAP_INPUTS, "map": mapped, "map_finished": map_finished, "imap_unordered": unordered}


@pool_map_order.judge
def _(facts: Facts, where: Where) -> Verdict:
    inputs = facts["inputs"]
    seen = (
        f"tasks finished as {facts['map_finished']}; map() returned {facts['map']}, imap_unordered() "
        f"yielded {facts['imap_unordered']} (inputs {inputs})"
    )
    if facts["map"] != inputs:
        return refuted(seen)
    if facts["map_finished"] == inputs:
        return partial(f"the tasks finished in input order, so map()'s order proves little: {seen}")
    if sorted(facts["imap_unordered"]) == inputs and facts["imap_unordered"] != inputs:
        return holds(seen)
    return partial(f"imap_unordered() kept the input order although the tasks did not finish so: {seen}")


POOL_ORDER = (
    "Lib/multiprocessing/pool.py: MapResult._set (results placed by index), IMapUnorderedIterator._set "
    "(yielded as they come)"
)

pool_map_order.expect(
    expect("holds", "map() puts each chunk at its index; imap_unordered() yields on arrival", os="linux"),
    expect("holds", "the same pool.py on macOS", os="darwin", cite=POOL_ORDER),
    expect("holds", "the same pool.py on Windows", os="win32", cite=POOL_ORDER),
)
pool_map_order.said(
    en=(
        "^map|map() & order & result*|input* & !arbitrary order|any order|completion order|not in order|order they finish",
        "^map|map() & lines up with|line up with|correspond* to|match* & input*|iterable|argument*",
        "^map|map() & keeps order|keeps the order|keep* the order|preserv* the order|preserv* order|order preserved"
        "|in the same order & !imap_unordered|unordered",
        "^imap_unordered & order|arbitrary|unordered|no particular order|any order|random",
    ),
    zh=(
        "^map & 顺序|有序|按顺序 & 结果|输入|返回 & !不保证顺序|顺序不确定|乱序|不按顺序|无序|imap_unordered",
        "^map|map() & 一一对应 & 输入|参数|iterable",
        "^imap_unordered & 顺序|任意|完成|谁先|不确定|不保证|乱序",
    ),
    opposite=(
        "map & arbitrary order|any order|completion order|not in order|out of order|order they finish|order they complete"
        "|as they finish|as they complete|finish them & !imap_unordered|unordered|as_completed|imap|even if|even though"
        "|same order|input order|preserv*|keeps",
        "map & 不保证顺序|顺序不确定|乱序|不按顺序|顺序是随机 & !imap_unordered|unordered|imap",
        "^map|map() & {not}~order|{not}~keep*|{not}~preserv*|{not}~same order|{not}~in order & result*|input*|order"
        " & !imap_unordered|unordered|even if|even though|keeps|preserves",
        "^map & 不会按|不一定按|并不按|不是按|不按照|不会保持|不保持 & 顺序 & !imap_unordered|unordered",
    ),
)


# --- api.pool-with-terminates ---------------------------------------------------------------------


def _held_task() -> int:
    """Say it started, hold its worker for a while (an Event nobody sets), then count itself done."""
    _SHARED["started"].set()
    _SHARED["never"].wait(10)
    with _SHARED["done"].get_lock():
        _SHARED["done"].value += 1
    return os.getpid()


@claim(
    "api.pool-with-terminates",
    "Leaving a `with Pool()` block calls terminate(): the workers are stopped at once, without completing "
    "outstanding work.",
    topic="pool",
    sources=[
        doc(f"{POOL_DOCS}: Pool", "__enter__() returns the pool object, and __exit__() calls terminate()."),
        doc(
            f"{POOL_DOCS}: Pool.terminate()",
            "Stops the worker processes immediately without completing outstanding work.",
        ),
    ],
)
def pool_with_terminates(mp: Context) -> Facts:
    """Leave a with-block while a task is held inside a worker; look at the task and the workers."""
    # `never` is not set after the block either: setting an Event a terminated process was waiting on
    # blocks for ever (its Condition waits for the dead sleeper to wake)
    shared: dict[str, Any] = {"started": mp.Event(), "never": mp.Event(), "done": mp.Value("i", 0)}
    with mp.Pool(2, initializer=_pool_init, initargs=(shared,)) as pool:
        workers = _worker_pids(mp)
        pending = pool.apply_async(_held_task)
        started = shared["started"].wait(WAIT)
    return {
        "task_started": started,
        "workers": len(workers),
        "workers_after_exit": _os_view(workers),
        "ready_after_exit": pending.ready(),
        "done_after_exit": shared["done"].value,
    }


@pool_with_terminates.judge
def _(facts: Facts, where: Where) -> Verdict:
    after = facts["workers_after_exit"]
    seen = (
        f"a task held in a worker (started: {facts['task_started']}); after the with-block its "
        f"{facts['workers']} workers were {sorted(set(after))}, the task done: {facts['done_after_exit']}, "
        f"its result ready: {facts['ready_after_exit']}"
    )
    if not facts["task_started"]:
        raise ValueError(f"the held task never started, nothing to judge: {seen}")
    stopped = all(s == "gone" for s in after)
    if facts["done_after_exit"] == 0 and stopped:
        return holds(seen)
    return refuted(seen) if facts["done_after_exit"] else partial(seen)


POOL_EXIT = "Lib/multiprocessing/pool.py: Pool.__exit__ -> terminate -> _terminate_pool (terminates workers)"

pool_with_terminates.expect(
    expect("holds", "__exit__ is terminate(): the workers get SIGTERM and are joined", os="linux"),
    expect("holds", "the same pool.py on macOS", os="darwin", cite=POOL_EXIT),
    expect("holds", "the same pool.py (TerminateProcess) on Windows", os="win32", cite=POOL_EXIT),
)
pool_with_terminates.said(
    en=(
        "with Pool & terminat*|stop*|kill*|cancel*",
        "with statement|with block|with-block|context manager & terminate() & not close()|rather than close()"
        "|instead of close()|not close",
        "with-block|with statement|with block|context manager|__exit__|the block ends|end of the block|leav* the block"
        "|exit* the block & terminat*|stop*|kill*|cancel*|thrown away|discard*"
        " & ^pool|Pool|Pools|worker* & !async with|asyncio|patch*|Executor|shutdown|SharedMemoryManager|Manager()"
        "|manager.",
    ),
    zh="with & ^pool|进程池 & terminate|终止|停止|强制|杀掉|杀死|未完成|没完成|丢弃 & !Executor|shutdown",
    opposite=(
        "with Pool|with-block|with statement|with block|context manager & calls close|call close|close() and join()"
        "|close and join|waits for|wait for|finish* all|complete* all & pool & !terminat*|n't|not",
        "with & pool|进程池 & close() 和 join()|close 和 join|等待所有|等所有任务|等任务完成 & !terminate|终止|不会等|不等",
        "with block|with statement|with-block & close and join|close() and join()|close() + join()|close + join"
        "|calls close & !terminat*",
        "with 块|with 语句|with 语句块|with 代码块 & close + join|close+join|close 和 join|close() 和 join()|关闭并等待"
        " & !terminate|终止",
    ),
)


# --- api.value-lock -------------------------------------------------------------------------------


def _hold_lock(shared: Any, held: Any, release: Any) -> None:  # noqa: ANN401 -- context objects
    """Hold the shared value's own lock until the parent lets go."""
    with shared.get_lock():
        held.set()
        release.wait(WAIT)


def _blocked_by_child(mp: Context, shared: Any) -> bool | None:  # noqa: ANN401 -- a synchronized Value
    """Whether the parent cannot take the value's lock while a child holds it (None: no child held it)."""
    held, release = mp.Event(), mp.Event()
    p = mp.Process(target=_hold_lock, args=(shared, held, release))
    p.start()
    blocked = None
    if held.wait(WAIT):
        got = shared.get_lock().acquire(False)
        if got:
            shared.get_lock().release()
        blocked = not got
    release.set()
    p.join(WAIT)
    return blocked


def _reentrant(lock: Any) -> bool:  # noqa: ANN401 -- a context lock
    """Whether the same thread can take the lock twice."""
    with lock:
        again = lock.acquire(False)
        if again:
            lock.release()
    return bool(again)


@claim(
    "api.value-lock",
    "Value() and Array() come with a lock by default (get_lock()), a recursive one that guards the "
    "object across processes; with lock=False they have none.",
    topic="ipc",
    sources=[
        doc(
            f"{SHARED_DOCS}: Value()",
            "If lock is True (the default) then a new recursive lock object is created to "
            "synchronize access to the value.",
        ),
        doc(
            f"{SHARED_DOCS}: Value()",
            "If lock is False then access to the returned object will not be automatically protected by a "
            "lock, so it will not necessarily be “process-safe”.",
        ),
    ],
)
def value_lock(mp: Context) -> Facts:
    """Look for get_lock() on default and lock=False objects; take the lock twice; let a child hold it."""
    value, array = mp.Value("i", 0), mp.Array("i", 3)
    raw_value, raw_array = mp.Value("i", 0, lock=False), mp.Array("i", 3, lock=False)
    return {
        "default_get_lock": [hasattr(value, "get_lock"), hasattr(array, "get_lock")],
        "lock_type": type(value.get_lock()).__name__,
        "recursive": _reentrant(value.get_lock()),
        "parent_blocked_while_child_holds": _blocked_by_child(mp, value),
        "raw_types": [type(raw_value).__name__, type(raw_array).__name__],
        "raw_get_lock": [hasattr(raw_value, "get_lock"), hasattr(raw_array, "get_lock")],
    }


@value_lock.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = (
        f"get_lock() on Value/Array: {facts['default_get_lock']} ({facts['lock_type']}, recursive: "
        f"{facts['recursive']}, holds off the parent while a child has it: "
        f"{facts['parent_blocked_while_child_holds']}); with lock=False {facts['raw_types']}, get_lock(): "
        f"{facts['raw_get_lock']}"
    )
    locked = (
        all(facts["default_get_lock"]) and facts["recursive"] and facts["parent_blocked_while_child_holds"]
    )
    bare = not any(facts["raw_get_lock"])
    if locked and bare:
        return holds(seen)
    return partial(seen) if locked or bare else refuted(seen)


SHARED_SRC = "Lib/multiprocessing/sharedctypes.py: Value, Array (lock=True -> ctx.RLock(), synchronized)"

value_lock.expect(
    expect(
        "holds", "synchronized() wraps the object with a new RLock; lock=False returns it raw", os="linux"
    ),
    expect("holds", "the same sharedctypes.py on macOS", os="darwin", cite=SHARED_SRC),
    expect("holds", "the same sharedctypes.py on Windows", os="win32", cite=SHARED_SRC),
)
value_lock.said(
    en=(
        "^api & lock & default|get_lock|lock=False|synchroniz*|process-safe|built-in|own|comes with|come with"
        "|included|automatic*|wrapped",
        "get_lock",
    ),
    zh="api & 锁|lock & 默认|get_lock|同步|自带|内置|带锁|带有|附带|自动",
    api=("Value", "Array"),
    opposite=(
        "api & no lock|without a lock|not process-safe|not protected|unprotected|not safe & !lock=False|RawValue"
        "|RawArray",
        "api & 没有锁|不带锁|不是进程安全|不安全|没有加锁 & !lock=False|RawValue|RawArray",
        "^api & {not}~come* with|{not}~have a lock|{not}~has a lock|{not}~protected|{not}~synchroniz* & !lock=False|RawValue|RawArray",
    ),
)


# --- api.set-start-method-once --------------------------------------------------------------------

# A whole program: set_start_method() changes the interpreter's global state, which must not be the
# probe's own. The program first uses only a get_context() object, then sets the global method.
SET_ONCE_PROGRAM = """\
import sys
import multiprocessing as mp


def noop():
    pass


def attempt(label, method, **options):
    try:
        mp.set_start_method(method, **options)
    except RuntimeError as exc:
        print(label, "RuntimeError", exc, flush=True)
    else:
        print(label, "ok", mp.get_start_method(), flush=True)


if __name__ == "__main__":
    method, other = sys.argv[1], sys.argv[2]
    p = mp.get_context(method).Process(target=noop)
    p.start()
    p.join(15)
    print("context-child", p.exitcode, mp.get_start_method(allow_none=True), flush=True)
    attempt("first", method)
    attempt("second", method)
    attempt("forced", other, force=True)
    q = mp.Process(target=noop)
    q.start()
    q.join(15)
    print("global-child", q.exitcode, type(q._popen).__module__, flush=True)
"""

POPEN_OF = {
    "fork": {"multiprocessing.popen_fork"},
    "spawn": {"multiprocessing.popen_spawn_posix", "multiprocessing.popen_spawn_win32"},
    "forkserver": {"multiprocessing.popen_forkserver"},
}


def _outcome(stdout: str, label: str) -> list[str]:
    """The words after `label` on its line of the program's output (empty: it never got there)."""
    line = next((x for x in stdout.splitlines() if x.startswith(label + " ")), "")
    return line.split()[1:]


@claim(
    "api.set-start-method-once",
    "set_start_method() can be called once: a second call raises RuntimeError unless force=True; a program "
    "that only used a get_context() object has not set the start method yet.",
    topic="starting",
    sources=[
        doc(
            f"{MISC_DOCS}: set_start_method()",
            "Raises RuntimeError if the start method has already been set and force is not True.",
        ),
        doc(
            CONTEXT_DOCS,
            "Context objects have the same API as the multiprocessing module, and allow one to use multiple "
            "start methods in the same program.",
        ),
    ],
)
def set_start_method_once(mp: Context) -> Facts:
    """Run a program that uses a context, then sets the method twice, then forces another one."""
    import multiprocessing  # only its list of methods: reading it sets nothing

    method = mp.get_start_method()
    other = next((m for m in multiprocessing.get_all_start_methods() if m != method), method)
    run = program(SET_ONCE_PROGRAM, args=(method, other), timeout=15)  # inside the 20 s deadline
    steps = ("context-child", "first", "second", "forced", "global-child")
    return {
        **run.to_json(),
        "method": method,
        "other": other,
        "steps": {label: _outcome(run.stdout, label) for label in steps},
    }


def _set_once_seen(steps: dict[str, list[str]]) -> str:
    return "; ".join(f"{label}: {' '.join(words) or 'never reached'}" for label, words in steps.items())


@set_start_method_once.judge
def _(facts: Facts, where: Where) -> Verdict:
    steps = facts["steps"]
    if facts["returncode"] != 0 or not steps["global-child"]:
        tail = (facts["stderr"].strip().splitlines() or ["-"])[-1][:200]
        raise ValueError(f"the program failed: rc={facts['returncode']}, last: {tail}")
    seen = _set_once_seen(steps)
    second_refused = steps["second"][:1] == ["RuntimeError"]
    forced = steps["forced"][:2] == ["ok", facts["other"]]
    used = steps["global-child"][-1] in POPEN_OF[facts["other"]]
    if not second_refused or not forced or not used:
        return refuted(seen)
    if steps["first"][:1] == ["RuntimeError"]:
        return partial(
            f"using a get_context() object had already fixed the global start method: {seen}",
            key="a context's child fixed the global method (gh-109263)",
        )
    return holds(seen)


SET_METHOD_SRC = (
    "Lib/multiprocessing/context.py: DefaultContext.set_start_method ('context has already been set')"
)
GH_109263 = (
    "gh-109263: spawn.get_preparation_data() called get_start_method(), fixing the global method; "
    "fixed in 3.13.12 and 3.14.3"
)
FIXED = "the global method stays unset until the program sets it; the second call raises, force=True works"
FIXES_IT = "a spawn/forkserver child of a context fixed the global method: the first call raised"

set_start_method_once.expect(
    expect("holds", "a fork child needs no preparation data: " + FIXED, os="linux", method="fork"),
    expect("partial", FIXES_IT, os="linux", python="<3.13.12"),
    expect(
        "partial", FIXES_IT, os="linux", python=">=3.14,<3.14.3", cite=GH_109263
    ),  # not run here (3.14.10, fixed, was)
    expect("holds", FIXED, os="linux"),
    expect("holds", FIXED, os="darwin", method="fork", cite=SET_METHOD_SRC),
    expect("partial", FIXES_IT, os="darwin", python="<3.13.12", cite=f"{SET_METHOD_SRC}; {GH_109263}"),
    expect("partial", FIXES_IT, os="darwin", python=">=3.14,<3.14.3", cite=f"{SET_METHOD_SRC}; {GH_109263}"),
    expect("holds", FIXED, os="darwin", cite=f"{SET_METHOD_SRC}; {GH_109263}"),
    expect("partial", FIXES_IT, os="win32", python="<3.13.12", cite=f"{SET_METHOD_SRC}; {GH_109263}"),
    expect("partial", FIXES_IT, os="win32", python=">=3.14,<3.14.3", cite=f"{SET_METHOD_SRC}; {GH_109263}"),
    expect("holds", FIXED, os="win32", cite=f"{SET_METHOD_SRC}; {GH_109263}"),
)
set_start_method_once.said(
    en=(
        "^set_start_method & once|twice|again|more than once|RuntimeError|force",
        "get_context & not set|doesn't set|does not set|without setting|leaves",
        "start method & once|twice|again|more than once|second time & set* & only|cannot|can't|RuntimeError|error|must"
        "|should",
        "get_context|context object*|contexts & multiple|several|different|more than one & start method* & same program"
        "|one program|a program|side by side",
    ),
    zh=(
        "set_start_method & 一次|两次|再次|多次|重复|RuntimeError|force",
        "启动方式|启动方法 & 只能设置一次|只能设定一次|不能重复设置|重复设置|设置两次|再次设置 & !get_context",
        "get_context|上下文 & 多种|多个|不同 & 启动方式|启动方法 & 同一个程序|同一程序|一个程序",
    ),
    opposite=(
        "set_start_method & as often as|several times|many times|more than once|twice|again & can|may|fine|without error|no error|allowed & !cannot|can't|not|never|only|RuntimeError|force",
        "set_start_method & 多次|反复|重复 & 可以|没问题 & !不能|不可以|只能|RuntimeError|force",
    ),
)

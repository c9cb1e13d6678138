"""Speed: what the articles say processes cost, and what they gain over threads on several CPUs.

Every probe here is timing-sensitive, so each runs alone on the machine (`exclusive=True`) and is
judged by ratios measured within one run (medians of a few repetitions), never by absolute times.
"""

from __future__ import annotations

import bisect
import os
import statistics
import sys
import threading
import time
from itertools import pairwise
from multiprocessing.context import BaseContext
from typing import Any

import psutil

from harness import Facts, Verdict, Where, claim, expect, holds, not_applicable, partial, quote, refuted

MP_INTRO = ("docs: multiprocessing, Introduction ('side-stepping the Global Interpreter Lock by using "
            "subprocesses instead of threads ... fully leverage multiple processors')")
SPAWN_SLOW = ("docs: multiprocessing, Contexts and start methods (spawn: 'rather slow compared to using "
              "fork or forkserver'); Lib/multiprocessing/popen_spawn_win32.py: Popen._launch (CreateProcess)")
THREADING_GIL = ("docs: threading, 'CPython implementation detail: ... due to the Global Interpreter Lock, "
                 "only one thread can execute Python code at once'")
FREE_THREADING = "PEP 703; PEP 779; docs: howto 'Python support for free threading' (sys._is_gil_enabled)"
WAIT = 15.0  # seconds any single wait may take before the probe gives up on it
CHUNK = 250  # _burn steps between two samples of a trace (well under a millisecond)
BIN = 0.02  # seconds of wall time per slice when counting busy CPUs
UNIT = 0.06  # CPU-seconds of work in one unit of the GIL experiments
REPEATS = 5  # rounds of each GIL experiment (the best and the median are reported)


def _usable_cpus() -> int:
    """CPUs this process may run on (affinity-aware where the OS tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _burn(n: int) -> int:
    """Pure-Python CPU work that neither releases the GIL nor lets a JIT fold it away."""
    acc = 0
    for i in range(n):
        acc = (acc * 31 + hash(str(i) * 3)) & 0xFFFFFFFF
    return acc


def _traced_burn(n: int) -> list[tuple[float, float]]:
    """Burn `n` in small chunks, noting (wall clock, this thread's CPU time) after each."""
    trace = [(time.monotonic(), time.thread_time())]
    for _ in range(0, n, CHUNK):
        _burn(CHUNK)
        trace.append((time.monotonic(), time.thread_time()))
    return trace


def _calibrate(seconds: float) -> int:
    """How much `_burn` takes `seconds` of this thread's CPU time (CPU time: a busy machine cannot shrink it)."""
    n = 2000
    while True:
        cpu0 = time.thread_time()
        _burn(n)
        took = time.thread_time() - cpu0
        if took >= seconds / 4:
            return max(CHUNK, int(n * seconds / took))
        n *= 2


def _busy(traces: list[list[tuple[float, float]]], width: float = BIN) -> list[float]:
    """CPUs busy with the traced work in each `width`-second slice of wall time (CPU-s per wall-s)."""
    lo = min(t[0][0] for t in traces)
    slices = int((max(t[-1][0] for t in traces) - lo) / width)
    edges = [lo + i * width for i in range(slices + 1)]
    return [round(sum(_cpu_at(t, b) - _cpu_at(t, a) for t in traces) / width, 2) for a, b in pairwise(edges)]


def _cpu_at(trace: list[tuple[float, float]], when: float) -> float:
    """A trace's CPU time at wall time `when`, interpolated between its samples."""
    i = bisect.bisect_left(trace, (when, -1.0))
    if i == 0:
        return trace[0][1]
    if i == len(trace):
        return trace[-1][1]
    (w0, c0), (w1, c1) = trace[i - 1], trace[i]
    return c0 + (c1 - c0) * (when - w0) / (w1 - w0) if w1 > w0 else c1


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b > 0 else float("inf")


# --- process.parallel ----------------------------------------------------------------------------

def _parallel_child(barrier: Any, results: Any, n: int) -> None:  # noqa: ANN401 -- mp objects
    """Meet the four others at the barrier, then burn `n`, tracing CPU time and the CPUs that ran us."""
    try:
        barrier.wait(WAIT)
    except threading.BrokenBarrierError:
        results.put({"pid": os.getpid(), "barrier": "broken"})
        return
    me = psutil.Process()
    trace = _traced_burn(n)
    cpu = me.cpu_num() if hasattr(me, "cpu_num") else None
    results.put({"pid": os.getpid(), "barrier": "passed", "trace": trace, "last_cpu": cpu})


@claim(
    "process.parallel",
    "Five started processes run at the same time, truly in parallel on several CPUs.",
    topic="speed",
    sources=[quote("003", "上面的代码开启了 5 个子进程去执行函数,我们可以观察结果,是同时打印的,"
                          "这里实现了真正的并行操作,就是多个 CPU 同时执行任务。")],
    exclusive=True,
)
def process_parallel(mp: BaseContext) -> Facts:
    """Five children meet at a Barrier(5), then each burns CPU; how many CPUs did they keep busy at once?"""
    barrier, results = mp.Barrier(5), mp.Queue()
    children = [mp.Process(target=_parallel_child, args=(barrier, results, _calibrate(0.1))) for _ in range(5)]
    for p in children:
        p.start()
    seen = [results.get(timeout=WAIT) for _ in children]
    for p in children:
        p.join(WAIT)
    traces = [s["trace"] for s in seen if s["barrier"] == "passed"]
    busy = _busy(traces) if traces else []
    cpu = sum(t[-1][1] - t[0][1] for t in traces)
    wall = max(t[-1][0] for t in traces) - min(t[0][0] for t in traces) if traces else 0.0
    return {"usable_cpus": _usable_cpus(), "passed_barrier": len(traces), "children": len(children),
            "wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "cpu_per_wall": _ratio(cpu, wall),
            "busy_per_slice": busy, "slice_s": BIN, "slices_on_2_cpus": sum(b >= 1.5 for b in busy),
            "last_cpus": sorted({s["last_cpu"] for s in seen if s.get("last_cpu") is not None}),
            "exitcodes": [p.exitcode for p in children]}


@process_parallel.judge
def _(facts: Facts, where: Where) -> Verdict:
    twice = facts["slices_on_2_cpus"]
    seen = (f"{facts['passed_barrier']}/{facts['children']} children met at Barrier(5); "
            f"{facts['cpu_s']} CPU-s in {facts['wall_s']}s wall ({facts['cpu_per_wall']} CPUs on average), "
            f"{twice} of {len(facts['busy_per_slice'])} {facts['slice_s'] * 1e3:.0f}-ms slices with >= 1.5 CPUs "
            f"busy; last CPUs {facts['last_cpus'] or '-'}; usable CPUs {facts['usable_cpus']}")
    if facts["passed_barrier"] != facts["children"]:
        return refuted(f"not all alive at once: {seen}")
    if facts["usable_cpus"] < 2:
        return partial(f"at the same time, but only one usable CPU here, so not in parallel: {seen}")
    return holds(seen) if twice >= 2 else partial(f"at the same time, but never on several CPUs at once: {seen}")


process_parallel.expect(
    expect("holds", "all five are alive together and keep both CPUs busy at once", os="linux"),
    expect("holds", "separate OS processes are scheduled on several cores", os="darwin", cite=MP_INTRO),
    expect("holds", "separate OS processes are scheduled on several cores", os="win32", cite=MP_INTRO),
)


# --- process.start-cost --------------------------------------------------------------------------

def _noop() -> None:
    """A task that does nothing: what is timed is starting and ending its runner."""


def _hold(ready: Any, go: Any) -> None:  # noqa: ANN401 -- Events of the context under test
    """Stay alive (idle) until the parent has measured our memory."""
    ready.set()
    go.wait(WAIT)


def _start_join_times(make: Any, trials: int) -> list[float]:  # noqa: ANN401 -- a Process or Thread factory
    """Seconds to create, start and join a runner of `_noop`, once per trial."""
    times = []
    for _ in range(trials):
        started = time.perf_counter()
        runner = make(target=_noop)
        runner.start()
        runner.join(WAIT)
        times.append(time.perf_counter() - started)
    return times


def _child_memory(mp: BaseContext) -> dict[str, int]:
    """RSS and USS of an idle child of this method, and of this process, as the OS reports them."""
    ready, go = mp.Event(), mp.Event()
    p = mp.Process(target=_hold, args=(ready, go))
    p.start()
    try:
        if not ready.wait(WAIT):
            raise RuntimeError("the memory child never said it was running")
        child, parent = psutil.Process(p.pid).memory_full_info(), psutil.Process().memory_full_info()
    finally:
        go.set()
        p.join(WAIT)
    return {"child_rss": child.rss, "child_uss": child.uss, "parent_rss": parent.rss, "parent_uss": parent.uss}


@claim(
    "process.start-cost",
    "Starting and ending a process is expensive: memory is not shared, each process gets its own "
    "resources and a copy of the data.",
    topic="speed",
    sources=[
        quote("003", "每启动一个进程,都要独立分配资源和拷贝访问的数据,所以进程的启动和销毁的代价是比较大了。"),
        quote("004", "也需要考虑进程创建和管理的开销"),
    ],
    exclusive=True,
)
def process_start_cost(mp: BaseContext) -> Facts:
    """Start+join of a no-op process versus a no-op thread (best of several), and an idle child's own memory."""
    first = _start_join_times(mp.Process, 1)[0]  # forkserver starts its server here: kept apart
    process = _start_join_times(mp.Process, 7)
    thread = _start_join_times(threading.Thread, 30)
    # the best of several trials is the cost itself; anything above it is other load on the machine
    return {"first_process_s": round(first, 5), "process_s": [round(t, 5) for t in process],
            "thread_s": [round(t, 6) for t in thread], "best_process_s": round(min(process), 5),
            "best_thread_s": round(min(thread), 6), "process_per_thread": _ratio(min(process), min(thread)),
            "median_ratio": _ratio(statistics.median(process), statistics.median(thread)),
            "memory": _child_memory(mp)}


@process_start_cost.judge
def _(facts: Facts, where: Where) -> Verdict:
    mib, ratio = facts["memory"]["child_uss"] / 2**20, facts["process_per_thread"]
    seen = (f"start+join: process {facts['best_process_s'] * 1e3:.2f} ms vs thread "
            f"{facts['best_thread_s'] * 1e3:.3f} ms = {ratio}x (best of several; medians: "
            f"{facts['median_ratio']}x); an idle child owns {mib:.1f} MiB (USS)")
    if ratio >= 10:
        return holds(seen)
    return refuted(seen) if ratio < 3 else partial(f"only somewhat dearer: {seen}")


process_start_cost.expect(
    expect("holds", "fork: a few ms, tens of times a thread, with copy-on-write memory", os="linux",
           method="fork"),
    expect("holds", "spawn execs a new interpreter: hundreds of times a thread", os="linux", method="spawn"),
    expect("holds", "forkserver forks from its server and passes pickled data over a socket", os="linux",
           method="forkserver"),
    expect("holds", "spawn (the default) and fork both cost far more than a thread", os="darwin",
           cite=SPAWN_SLOW),
    expect("holds", "spawn is the only method: CreateProcess and a new interpreter", os="win32",
           cite=SPAWN_SLOW),
)


# --- process.short-task-overhead -----------------------------------------------------------------

def _tiny(x: int) -> int:
    """A task far shorter than any process start."""
    return x * x


def _pool_map(mp: BaseContext, work: Any, tasks: list[int]) -> float:  # noqa: ANN401 -- a task function
    """Seconds for Pool(2): start it, map, close and join it (all a user pays for the tasks)."""
    started = time.perf_counter()
    with mp.Pool(2) as pool:
        pool.map(work, tasks)
        pool.close()
        pool.join()
    return time.perf_counter() - started


def _serial(work: Any, tasks: list[int]) -> float:  # noqa: ANN401 -- a task function
    started = time.perf_counter()
    for t in tasks:
        work(t)
    return time.perf_counter() - started


@claim(
    "process.short-task-overhead",
    "For short tasks, processes can cost more than they gain.",
    topic="speed",
    sources=[quote("004", "对于短时间运行的任务,可能不值得使用多进程,因为进程创建的开销可能超过并行带来的收益。")],
    exclusive=True,
)
def short_task_overhead(mp: BaseContext) -> Facts:
    """200 tiny tasks serially versus through a fresh Pool(2); the same for 4 long CPU tasks as a contrast."""
    tiny = list(range(200))
    long = [_calibrate(0.1)] * 4
    return {"usable_cpus": _usable_cpus(),
            "tiny": {"tasks": len(tiny), "serial_s": round(_serial(_tiny, tiny), 6),
                     "pool_s": round(_pool_map(mp, _tiny, tiny), 5)},
            "long": {"tasks": len(long), "unit": long[0], "serial_s": round(_serial(_burn, long), 4),
                     "pool_s": round(_pool_map(mp, _burn, long), 4)}}


@short_task_overhead.judge
def _(facts: Facts, where: Where) -> Verdict:
    tiny, long = facts["tiny"], facts["long"]
    ratio = _ratio(tiny["pool_s"], tiny["serial_s"])
    seen = (f"{tiny['tasks']} tiny tasks: Pool(2) {tiny['pool_s'] * 1e3:.1f} ms vs serial "
            f"{tiny['serial_s'] * 1e3:.3f} ms = {ratio}x slower; {long['tasks']} long tasks: Pool(2) "
            f"{long['pool_s']:.3f}s vs serial {long['serial_s']:.3f}s")
    if ratio >= 2:
        return holds(seen)
    return refuted(seen) if ratio <= 1 else partial(f"the pool costs little more: {seen}")


short_task_overhead.expect(
    expect("holds", "starting two workers costs milliseconds; 200 tiny tasks take microseconds", os="linux"),
    expect("holds", "spawn (the default) makes the pool's start-up even dearer", os="darwin", cite=SPAWN_SLOW),
    expect("holds", "spawn is the only method: the pool's start-up dwarfs tiny tasks", os="win32",
           cite=SPAWN_SLOW),
)


# --- gil.threads-no-multicore --------------------------------------------------------------------

def _wall(traces: list[list[tuple[float, float]]]) -> float:
    return max(t[-1][0] for t in traces) - min(t[0][0] for t in traces)


def _two_threads(n: int) -> list[list[tuple[float, float]]]:
    """Two threads each burn `n` at once; their traces."""
    traces: list[list[tuple[float, float]]] = [[], []]

    def run(i: int) -> None:
        traces[i] = _traced_burn(n)

    runners = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in runners:
        t.start()
    for t in runners:
        t.join(WAIT)
    return traces


def _gil_enabled() -> bool | None:
    probe = getattr(sys, "_is_gil_enabled", None)
    return None if probe is None else bool(probe())


def _summary(alone: list[float], together: list[float], busy: list[list[float]]) -> dict[str, Any]:
    """Ratios of the best (and the median) times, and the peak number of CPUs busy in each joint round."""
    return {"alone_s": [round(t, 4) for t in alone], "together_s": [round(t, 4) for t in together],
            "ratio": _ratio(min(together), min(alone)),
            "median_ratio": _ratio(statistics.median(together), statistics.median(alone)),
            "peak_cpus_busy": [max(b, default=0.0) for b in busy]}


@claim(
    "gil.threads-no-multicore",
    "Python threads cannot use several cores for CPU-bound work.",
    topic="speed",
    sources=[
        quote("002", "python中的多线程无法利用多核优势"),
        quote("003", "Python 中的多线程无法利用多核优势,如果想要充分地使用多核 CPU 的资源,"
                     "在 python 中大部分情况需要使用多进程。"),
        quote("004", "由于GIL的存在,单个Python进程无法充分利用多核处理器的优势。"),
    ],
    exclusive=True,
)
def gil_threads(mp: BaseContext) -> Facts:
    """One unit of CPU work alone versus two units on two threads at once, five times each."""
    n = _calibrate(UNIT)
    alone, together, busy = [], [], []
    for _ in range(REPEATS):
        alone.append(_wall([_traced_burn(n)]))
        traces = _two_threads(n)
        together.append(_wall(traces))
        busy.append(_busy(traces))
    return {"usable_cpus": _usable_cpus(), "gil_enabled": _gil_enabled(), "unit": n,
            **_summary(alone, together, busy)}


@gil_threads.judge
def _(facts: Facts, where: Where) -> Verdict:
    ratio = facts["ratio"]
    seen = (f"2 units on 2 threads took {ratio}x one unit alone (best of {len(facts['alone_s'])}; median "
            f"{facts['median_ratio']}x; 1 = two cores used, 2 = one), peak CPUs busy "
            f"{max(facts['peak_cpus_busy'])}; GIL enabled: {facts['gil_enabled']}")
    if facts["usable_cpus"] < 2:
        return not_applicable(f"one usable CPU: no core for a second thread to use ({seen})")
    if ratio > 1.5:
        return holds(seen)
    return refuted(seen) if ratio < 1.25 else partial(f"threads gained a little: {seen}")


gil_threads.expect(
    expect("refuted", "free-threaded build with the GIL off: threads run Python code on both cores",
           os="linux", gil=False, cite=FREE_THREADING),
    expect("holds", "the GIL lets one thread run Python code at a time: two units take twice as long",
           os="linux", impl="cpython"),
    expect("holds", "PyPy has a GIL too", os="linux", impl="pypy"),
    expect("holds", "the GIL is the same on every OS (default builds)", os="darwin", cite=THREADING_GIL),
    expect("holds", "the GIL is the same on every OS (default builds)", os="win32", cite=THREADING_GIL),
)


# --- gil.per-process -----------------------------------------------------------------------------

def _burn_on_request(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """Burn whatever amount the parent sends and answer with the trace; stop on None."""
    while (n := conn.recv()) is not None:
        conn.send(_traced_burn(n))


def _round(conns: list[Any], n: int) -> list[list[tuple[float, float]]]:
    """Every worker in `conns` burns `n` once, at the same time; their traces."""
    for c in conns:
        c.send(n)
    traces = []
    for c in conns:
        if not c.poll(WAIT):
            raise TimeoutError("a worker did not finish its unit")
        traces.append([tuple(s) for s in c.recv()])
    return traces


def _process_rounds(conns: list[Any], n: int) -> dict[str, Any]:
    """A warm-up, then one worker alone and both together, five times each."""
    _round(conns, n)
    alone, together, busy = [], [], []
    for i in range(REPEATS):
        alone.append(_wall(_round([conns[i % 2]], n)))
        traces = _round(conns, n)
        together.append(_wall(traces))
        busy.append(_busy(traces))
    return _summary(alone, together, busy)


@claim(
    "gil.per-process",
    "Each process has its own GIL, so CPU-bound work speeds up with processes on a multi-core CPU.",
    topic="speed",
    sources=[
        quote("000", "每个进程有自己独立的GIL,所以不存在进程间争抢GIL的问题,在多核CPU环境中,可以大大提高运行效率。"),
        quote("004", "对于CPU密集型任务,使用多进程而不是多线程通常是更好的选择。"),
    ],
    exclusive=True,
)
def gil_per_process(mp: BaseContext) -> Facts:
    """Two started workers: one unit on one of them versus one unit on each at once (start-up not timed)."""
    pairs = [mp.Pipe() for _ in range(2)]
    workers = [mp.Process(target=_burn_on_request, args=(child,)) for _, child in pairs]
    for p in workers:
        p.start()
    conns = [mine for mine, _ in pairs]
    try:
        n = _calibrate(UNIT)
        rounds = _process_rounds(conns, n)
    finally:
        for c in conns:
            c.send(None)
        for p in workers:
            p.join(WAIT)
    return {"usable_cpus": _usable_cpus(), "gil_enabled": _gil_enabled(), "unit": n, **rounds,
            "exitcodes": [p.exitcode for p in workers]}


@gil_per_process.judge
def _(facts: Facts, where: Where) -> Verdict:
    ratio = facts["ratio"]
    seen = (f"2 units on 2 processes took {ratio}x one unit alone (best of {len(facts['alone_s'])}; median "
            f"{facts['median_ratio']}x; 1 = two cores used, 2 = no speed-up), peak CPUs busy "
            f"{max(facts['peak_cpus_busy'])}")
    if facts["usable_cpus"] < 2:
        return not_applicable(f"one usable CPU: nothing to speed up onto ({seen})")
    if ratio < 1.4:
        return holds(seen)
    return refuted(seen) if ratio > 1.75 else partial(f"less than a two-core speed-up: {seen}")


gil_per_process.expect(
    expect("holds", "each process runs its own interpreter: two units take about as long as one",
           os="linux"),
    expect("holds", "separate interpreters in separate processes on several cores", os="darwin",
           cite=MP_INTRO),
    expect("holds", "separate interpreters in separate processes on several cores", os="win32",
           cite=MP_INTRO),
)

"""Speed: what the articles say processes cost, and what they gain over threads on several CPUs.

Every probe here times something, so each runs alone among the probes (`exclusive=True`), asks the OS
to put it ahead of unrelated load while it measures (where allowed), and is judged by ratios measured
within one run, never by absolute times. Parallelism is also witnessed directly: each worker traces
its own CPU time against the wall clock, and two workers that both ran flat out through the same
stretch of wall time were running at once, on two CPUs.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, TypeAlias

from harness import (
    Context,
    Facts,
    Verdict,
    Where,
    claim,
    expect,
    holds,
    not_applicable,
    partial,
    quote,
    refuted,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

MP_INTRO = (
    "docs: multiprocessing, Introduction ('side-stepping the Global Interpreter Lock by using "
    "subprocesses instead of threads ... fully leverage multiple processors')"
)
SPAWN_SLOW = (
    "docs: multiprocessing, Contexts and start methods (spawn: 'rather slow compared to using "
    "fork or forkserver'); Lib/multiprocessing/popen_spawn_win32.py: Popen._launch (CreateProcess)"
)
THREADING_GIL = (
    "docs: threading, 'CPython implementation detail: ... due to the Global Interpreter Lock, "
    "only one thread can execute Python code at once'"
)
HASHLIB_GIL = (
    "docs: hashlib ('For better multithreading performance, the Python GIL is released for data larger "
    "than 2047 bytes'); docs: threading ('certain performance-oriented libraries might overcome this limitation')"
)
FREE_THREADING = "PEP 703; PEP 779; docs: howto 'Python support for free threading' (sys._is_gil_enabled)"

WAIT = 15.0  # seconds any single wait may take before the probe gives up on it
CHUNK = 50  # _burn steps between two looks at the clock
STEP = 0.0002  # seconds between two samples of a trace: far below a scheduler time slice
FLAT_OUT = 0.9  # a thread ran through a sampled stretch if it got this share of it as CPU time
# short units, many rounds: a median of paired rounds outlasts a burst of other load better than a
# long unit does, and the GIL claims need only a few switch intervals (5 ms) per unit
UNIT = 0.01  # CPU-seconds of work in one unit of the GIL experiments
HASH_BLOCK = 1 << 16  # bytes per hashlib update(): far over the 2 KiB from which hashlib lets go of the GIL
REPEATS = 7  # rounds of each GIL experiment; medians are reported
# the article starts five; what it claims is that started processes all run at once, on several CPUs.
# Three on two CPUs test both (more runners than CPUs), and a spawned child costs ~0.1 s of CPU to start
CHILDREN = 3
PARALLEL_CPU = 0.05  # CPU-seconds each child of process.parallel burns once all are up: ~50 ms on two CPUs
TOGETHER = 0.05  # two runners "used two cores" if both ran at once for this share of their running time
FINE = 0.001  # a thread CPU clock that ticks this finely shows, sample by sample, whether a thread ran
AUTOGROUP = "/proc/self/autogroup"  # Linux: this session's scheduling group and its nice value
BOOST = -20

Trace: TypeAlias = list[tuple[float, float]]  # (wall clock, this thread's CPU time) samples


# --- measuring -----------------------------------------------------------------------------------


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


def _traced_burn(n: int, cpu_s: float = float("inf")) -> Trace:
    """Burn `n` (or until `cpu_s` of CPU time) in chunks, noting wall clock and thread CPU time every STEP."""
    # CLOCK_MONOTONIC (and its macOS/Windows counterparts) is system-wide: traces compare across processes
    trace = [(time.monotonic(), time.thread_time())]
    until = trace[0][1] + cpu_s
    for _ in range(0, n, CHUNK):
        _burn(CHUNK)
        now = time.monotonic()
        if now - trace[-1][0] >= STEP:
            trace.append((now, time.thread_time()))
            if trace[-1][1] >= until:
                break
    trace.append((time.monotonic(), time.thread_time()))
    return trace


def _calibrate(seconds: float) -> int:
    """Find how much `_burn` takes `seconds` of this thread's CPU time (which other load cannot stretch)."""
    n, took = 2000, 0.0
    while took < seconds / 4:
        n, took = n * 2, _cpu_of_burn(n * 2)
    took = _cpu_of_burn(n)  # again, now that a JIT (PyPy's) has compiled the loop
    return max(CHUNK, int(n * seconds / took))


def _traced_hash(blocks: int) -> Trace:
    """Hash `blocks` blocks with sha256, one update() each (the GIL let go), noting the clocks every STEP."""
    import hashlib

    data, h = bytes(HASH_BLOCK), hashlib.sha256()
    trace = [(time.monotonic(), time.thread_time())]
    for _ in range(blocks):
        h.update(data)
        now = time.monotonic()
        if now - trace[-1][0] >= STEP:
            trace.append((now, time.thread_time()))
    trace.append((time.monotonic(), time.thread_time()))
    return trace


def _calibrate_hash(seconds: float) -> int:
    """How many blocks take `seconds` of this thread's CPU time to hash."""
    trace = _traced_hash(64)
    took = trace[-1][1] - trace[0][1]
    return max(8, int(64 * seconds / took)) if took > 0 else 64


def _cpu_of_burn(n: int) -> float:
    cpu0 = time.thread_time()
    _burn(n)
    return time.thread_time() - cpu0


def _clock_grain() -> float:
    """The smallest step this thread's CPU clock was seen to take (a scheduler tick on Windows)."""
    steps: list[float] = []
    last, until = time.thread_time(), time.perf_counter() + 0.05
    while len(steps) < 5 and time.perf_counter() < until:
        _burn(CHUNK)
        now = time.thread_time()
        if now > last:
            steps.append(now - last)
        last = now
    return round(min(steps, default=0.05), 6)


def _ran_at_once(facts: Facts) -> bool | None:
    """Whether the traces show both runners running at once; None where the CPU clock is too coarse."""
    if facts["clock_grain_s"] > FINE:
        return None
    return bool(facts["both_running_share"] >= TOGETHER)


def _flat_out(trace: Trace) -> list[tuple[float, float]]:
    """The stretches of wall time through which the traced thread was running."""
    return [
        (w0, w1)
        for (w0, c0), (w1, c1) in itertools.pairwise(trace)
        if w1 > w0 and c1 - c0 >= FLAT_OUT * (w1 - w0)
    ]


def _at_once(traces: list[Trace], k: int = 2) -> float:
    """Seconds of wall time during which at least `k` of the traced threads were running together."""
    stretches = [s for trace in traces for s in _flat_out(trace)]
    edges = sorted([(a, 1) for a, _ in stretches] + [(b, -1) for _, b in stretches])
    total, depth, last = 0.0, 0, 0.0
    for t, step in edges:
        total += t - last if depth >= k else 0.0
        depth, last = depth + step, t
    return total


def _wall(traces: list[Trace]) -> float:
    return max(t[-1][0] for t in traces) - min(t[0][0] for t in traces)


def _median(values: list[float]) -> float:
    """The middle value (mean of the two middle ones for an even count)."""
    ordered, mid = sorted(values), len(values) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _ratio(a: float, b: float) -> float:
    """Return a / b to 3 places (0 when b is not positive: facts must stay finite JSON)."""
    return round(a / b, 3) if b > 0 else 0.0


def _raise_priority() -> str | None:
    """Put this session's scheduling group ahead of unrelated load; the old nice value, or None if refused."""
    try:
        with open(AUTOGROUP) as f:
            before = f.read().split()[-1]
        _set_autogroup_nice(str(BOOST))
    except (OSError, IndexError):
        return None
    return before


def _set_autogroup_nice(nice: str) -> None:
    with open(AUTOGROUP, "w") as f:
        f.write(nice)


@contextlib.contextmanager
def _front_of_queue() -> Iterator[bool]:
    """Measure with raised priority where the OS allows it (Linux, CAP_SYS_NICE); say whether it did."""
    before = _raise_priority()
    try:
        yield before is not None
    finally:
        if before is not None:
            with contextlib.suppress(OSError):
                _set_autogroup_nice(before)


def _cpu_now() -> int | None:
    """The CPU this thread is running on, where the OS tells (Linux: field 39 of its stat)."""
    # read directly: importing psutil would cost each spawned child ~15 ms for this one number
    try:
        with open("/proc/thread-self/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[36])
    except (OSError, IndexError, ValueError):
        return None


@contextlib.contextmanager
def _pinned_here() -> Iterator[int | None]:
    """Keep this thread, and the threads and processes it starts, on its current CPU (where the OS allows)."""
    cpu = _cpu_now() if hasattr(os, "sched_setaffinity") else None
    if cpu is None:
        yield None
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, before)


def _spread(k: int) -> list[int | None]:
    """CPUs to pin `k` runners to, round-robin over the usable ones; all None if fewer than two or no pinning."""
    # pinning takes the scheduler's placement out of the timing: unpinned, runners woken together can
    # queue on one CPU, or behind unrelated work, while the other CPU is free (seen: three runners got
    # one CPU's worth in an 82 ms run); what runs at once is then what the CPUs allow, not where they land
    usable = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_setaffinity") else []
    return [usable[i % len(usable)] for i in range(k)] if len(usable) >= 2 else [None] * k


def _pin(cpu: int | None) -> None:
    """Run this thread on `cpu` only (nothing if None)."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})


def _process(mp: Context, target: Callable[..., object], *args: Any) -> Any:  # noqa: ANN401
    """Make an unstarted process of the context under test."""
    return mp.Process(target=target, args=args)


def _reap(processes: list[Any]) -> None:
    """Join every process; one that does not end in time is killed (a probe leaves nothing behind)."""
    for p in processes:
        p.join(WAIT)
        if p.is_alive():
            p.kill()
            p.join(WAIT)


# --- process.parallel ----------------------------------------------------------------------------


def _parallel_child(barrier: Any, results: Any, cpu: int | None) -> None:  # noqa: ANN401 -- mp objects
    """Meet the others at the barrier, then burn CPU, tracing CPU time against the wall clock."""
    _pin(cpu)
    try:
        barrier.wait(WAIT)
    except threading.BrokenBarrierError:
        results.put({"pid": os.getpid(), "barrier": "broken"})
        return
    # a budget of CPU time, not of work: no calibration needed, and other load cannot shorten it
    trace = _traced_burn(sys.maxsize, PARALLEL_CPU)
    results.put({"pid": os.getpid(), "barrier": "passed", "trace": trace, "cpu": _cpu_now()})


def _all_at_once(mp: Context) -> list[dict[str, Any]]:
    """Start CHILDREN children that meet at a Barrier and then burn; what each reported."""
    barrier, results = mp.Barrier(CHILDREN), mp.Queue()
    children = [_process(mp, _parallel_child, barrier, results, cpu) for cpu in _spread(CHILDREN)]
    for p in children:
        p.start()
    try:
        seen = [results.get(timeout=WAIT) for _ in children]
    finally:
        _reap(children)
    return [{**s, "exitcode": p.exitcode} for s, p in zip(seen, children, strict=True)]


@claim(
    "process.parallel",
    "Started processes (five in the article) run at the same time, truly in parallel on several CPUs.",
    topic="speed",
    sources=[
        quote(
            "003",
            "上面的代码开启了 5 个子进程去执行函数,我们可以观察结果,是同时打印的,"
            "这里实现了真正的并行操作,就是多个 CPU 同时执行任务。",
        )
    ],
    exclusive=True,
)
def process_parallel(mp: Context) -> Facts:
    """Children meet at a Barrier, then each burns CPU; time how long two or more ran at once."""
    with _front_of_queue() as boosted:
        seen = _all_at_once(mp)
    traces = [s["trace"] for s in seen if s["barrier"] == "passed"]
    cpu = sum(t[-1][1] - t[0][1] for t in traces)
    wall = _wall(traces) if traces else 0.0
    return {
        "usable_cpus": _usable_cpus(),
        "priority_raised": boosted,
        "clock_grain_s": _clock_grain(),
        "cpu_each_s": PARALLEL_CPU,
        "pinned_to": _spread(CHILDREN),
        "children": len(seen),
        "passed_barrier": len(traces),
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "cpus_busy": _ratio(cpu, wall),
        "two_at_once_s": round(_at_once(traces), 4),
        "cpus_at_end": sorted({s["cpu"] for s in seen if s.get("cpu") is not None}),
        "exitcodes": [s["exitcode"] for s in seen],
    }


@process_parallel.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = (
        f"{facts['passed_barrier']}/{facts['children']} children met at a Barrier; then "
        f"{facts['two_at_once_s'] * 1e3:.0f} ms of {facts['wall_s'] * 1e3:.0f} ms with two or more "
        f"running at once ({facts['cpus_busy']} CPUs busy on average; CPUs at the end "
        f"{facts['cpus_at_end'] or '-'}; usable CPUs {facts['usable_cpus']})"
    )
    if facts["passed_barrier"] != facts["children"]:
        return refuted(f"not all alive at once: {seen}")
    if facts["usable_cpus"] < 2:
        return partial(f"at the same time, but only one usable CPU here, so not in parallel: {seen}")
    coarse = facts["clock_grain_s"] > FINE  # then only the average load can speak (Windows' tick clock)
    if (facts["cpus_busy"] <= 1.5) if coarse else (facts["two_at_once_s"] < 0.01):
        return partial(f"at the same time, but hardly ever on two CPUs at once: {seen}")
    return holds(seen)


process_parallel.expect(
    expect("holds", "all are alive together and run on both CPUs at once", os="linux"),
    expect("holds", "separate OS processes are scheduled on several cores", os="darwin", cite=MP_INTRO),
    expect("holds", "separate OS processes are scheduled on several cores", os="win32", cite=MP_INTRO),
)
process_parallel.said(
    en=(
        "process* & {parallel}|truly concurrent* & cpu*|core*|processor*|truly|really|genuinely|several|multiple"
        " & !{thread}|GIL|interpreter*|wait*",  # a process's own GIL or interpreter: gil.per-process
    ),
    zh="进程 & 同时|并行 & cpu|核|真正|多个处理器 & !线程|gil|解释器|等待",  # with the GIL: gil.per-process
)


# --- process.start-cost --------------------------------------------------------------------------


DATA_BYTES = 32 * 2**20  # what a child is given to read: several times an idle child's own memory (1-10 MiB)
PAGE = 4096
FORK_SHARES = (
    "Lib/multiprocessing/popen_fork.py: Popen._launch calls os.fork and pickles nothing: the child "
    "reads the parent's pages, shared copy-on-write"
)
SPAWN_PICKLES = (
    "Lib/multiprocessing/popen_spawn_posix.py, popen_spawn_win32.py: Popen._launch / __init__ pickle the "
    "Process object, its args included, into the new interpreter"
)


def _hold(ready: Any, go: Any, *given: bytes) -> None:  # noqa: ANN401 -- Events of the context under test
    """Read a byte of each page of what we were given, then stay alive until the parent has measured us."""
    for data in given:
        data[::PAGE]  # the read is the point: the article's child copies "the data it accesses"
    ready.set()
    go.wait(WAIT)


def _start_join_times(make: Callable[..., Any], trials: int, budget: float) -> list[float]:
    """Seconds to create, start and join a no-op runner: `trials` times, fewer past `budget` (min 3)."""
    times: list[float] = []
    while len(times) < trials and (len(times) < 3 or sum(times) < budget):
        started = time.perf_counter()
        # a stdlib no-op: a spawned child unpickles it without importing this module, so the bare start
        # of a process is timed, not this module's import
        runner = make(target=os.getpid)
        runner.start()
        runner.join(WAIT)
        times.append(time.perf_counter() - started)
    return times


def _child_memory(mp: Context, *given: bytes) -> dict[str, Any]:
    """RSS and USS of an idle child of this method, given `given` to read, as the OS reports them."""
    import psutil  # dear to import: spawned children of this module never need it

    ready, go = mp.Event(), mp.Event()
    p = _process(mp, _hold, ready, go, *given)
    p.start()
    try:
        if not ready.wait(WAIT):
            raise RuntimeError("the memory child never said it was running")
        child = psutil.Process(p.pid).memory_full_info()
    finally:
        go.set()
        _reap([p])
    return {"child_rss": child.rss, "child_uss": child.uss}


def _start_costs(mp: Context) -> dict[str, Any]:
    # the best of several trials is the cost itself; anything above it is other load on the machine
    # (three spawn starts take ~0.2 s; cheaper methods get five within the budget)
    process = _start_join_times(mp.Process, 5, 0.05)
    thread = _start_join_times(threading.Thread, 30, 1.0)
    return {
        "process_s": [round(t, 5) for t in process],
        "thread_s": [round(t, 6) for t in thread],
        "best_process_s": round(min(process), 5),
        "best_thread_s": round(min(thread), 6),
        "process_per_thread": _ratio(min(process), min(thread)),
        "median_ratio": _ratio(_median(process), _median(thread)),
    }


@claim(
    "process.start-cost",
    "Starting and ending a process is expensive: memory is not shared, each process gets its own "
    "resources and a copy of the data.",
    topic="speed",
    sources=[
        quote(
            "003", "每启动一个进程,都要独立分配资源和拷贝访问的数据,所以进程的启动和销毁的代价是比较大了。"
        ),
        quote("004", "也需要考虑进程创建和管理的开销"),
        quote("004", "性能考虑:需评估进程创建和管理的开销"),
    ],
    exclusive=True,
)
def process_start_cost(mp: Context) -> Facts:
    """Start+join a no-op process versus a no-op thread (best of several); a child's own memory, given data."""
    # the memory child goes first: it also starts what a first start brings up (forkserver's server,
    # spawn's resource tracker), which would otherwise land in the first timed trial
    memory = {"idle": _child_memory(mp), "given_data": _child_memory(mp, b"\x01" * DATA_BYTES)}
    # on one CPU a new runner runs as soon as the parent waits for it; unpinned, it can be placed behind
    # unrelated work on the other CPU until the next tick (seen: 4 ms for every start, thread or process)
    with _front_of_queue() as boosted, _pinned_here() as cpu:
        costs = _start_costs(mp)
    return {"priority_raised": boosted, "pinned_to": cpu, **costs, "data_bytes": DATA_BYTES, "memory": memory}


@process_start_cost.judge
def _(facts: Facts, where: Where) -> Verdict:
    ratio, copied, idle = facts["process_per_thread"], _copied_mib(facts), facts["memory"]["idle"]
    seen = (
        f"start+join: process {facts['best_process_s'] * 1e3:.2f} ms vs thread "
        f"{facts['best_thread_s'] * 1e3:.3f} ms = {ratio}x (best of several; medians: "
        f"{facts['median_ratio']}x); a child given {facts['data_bytes'] / 2**20:.0f} MiB to read owns "
        f"{copied:.1f} MiB more (USS) than an idle one, which owns {idle['child_uss'] / 2**20:.1f} MiB of the "
        f"{idle['child_rss'] / 2**20:.1f} MiB it maps (RSS)"
    )
    # a fork start is typically 20-70x a thread start here, spawn 1000x+: 5x leaves room for a noisy machine
    if ratio < 2:
        return refuted(seen)
    if ratio < 5:
        return partial(f"only somewhat dearer: {seen}", key="somewhat dearer")
    if copied < facts["data_bytes"] / 2**20 / 2:  # a copy owns the whole of it; a shared page is no one's own
        return partial(
            f"dear to start, but not for the reason given: the child read the data without a copy of "
            f"its own, the memory is shared (copy-on-write): {seen}",
            key="data shared, not copied",
        )
    return holds(f"dear to start, and the child owns a copy of the data it reads: {seen}")


def _copied_mib(facts: Facts) -> float:
    """How many MiB more a child given the data owns (USS) than an idle one."""
    memory = facts["memory"]
    return float(memory["given_data"]["child_uss"] - memory["idle"]["child_uss"]) / 2**20


process_start_cost.expect(
    expect(
        "partial",
        "fork: a millisecond or more, tens of times a thread, but the child reads the parent's memory "
        "copy-on-write: nothing is copied at start",
        os="linux",
        method="fork",
    ),
    expect(
        "holds",
        "spawn execs a new interpreter (hundreds of times a thread) and unpickles its own copy of the args",
        os="linux",
        method="spawn",
    ),
    expect(
        "holds",
        "forkserver forks from its server and passes pickled data over a socket: the child owns a copy",
        os="linux",
        method="forkserver",
    ),
    expect(
        "partial",
        "fork: dear, but the parent's pages are shared copy-on-write",
        os="darwin",
        method="fork",
        cite=f"{SPAWN_SLOW}; {FORK_SHARES}",
    ),
    expect(
        "holds",
        "spawn (the default) and forkserver cost far more than a thread and unpickle a copy of the args",
        os="darwin",
        cite=f"{SPAWN_SLOW}; {SPAWN_PICKLES}",
    ),
    expect(
        "holds",
        "spawn is the only method: CreateProcess, a new interpreter, a pickled copy of the args",
        os="win32",
        cite=f"{SPAWN_SLOW}; {SPAWN_PICKLES}",
    ),
)
process_start_cost.said(
    en=(
        "process* & start*|creat*|spawn*|launch* & expensive|costl*|cost|overhead|heav*|slow*|longer|more time"
        "|time-consuming & !short|small|tiny"
        "|quick|trivial",
    ),
    zh="进程 & 创建|启动|销毁|开启 & 代价|开销|成本|昂贵|耗时|很重 & !短|小任务|不值得|很小|得不偿失",
)


# --- process.short-task-overhead -----------------------------------------------------------------


def _tiny(x: int) -> int:
    """Square `x`: a task far shorter than any process start."""
    return x * x


def _pool_map(mp: Context, work: Callable[[int], int], tasks: list[int]) -> float:
    """Seconds for Pool(2): start it, map, close and join it (all a user pays for the tasks)."""
    started = time.perf_counter()
    with mp.Pool(2) as pool:
        pool.map(work, tasks)
        pool.close()
        pool.join()
    return time.perf_counter() - started


def _serial(work: Callable[[int], int], tasks: list[int]) -> float:
    started = time.perf_counter()
    for t in tasks:
        work(t)
    return time.perf_counter() - started


def _serial_and_pool(mp: Context, work: Callable[[int], int], tasks: list[int]) -> dict[str, Any]:
    return {
        "tasks": len(tasks),
        "serial_s": round(_serial(work, tasks), 6),
        "pool_s": round(_pool_map(mp, work, tasks), 5),
    }


@claim(
    "process.short-task-overhead",
    "For short tasks, processes can cost more than they gain.",
    topic="speed",
    sources=[
        quote("004", "对于短时间运行的任务,可能不值得使用多进程,因为进程创建的开销可能超过并行带来的收益。")
    ],
    exclusive=True,
)
def short_task_overhead(mp: Context) -> Facts:
    """200 tiny tasks serially versus through a fresh Pool(2): start, map, close and join."""
    # no long-task contrast: a second pool would double the probe's process starts for a fact the
    # judgement never reads (that long tasks gain is process.parallel's and gil.per-process's claim)
    with _front_of_queue() as boosted:
        tiny = _serial_and_pool(mp, _tiny, list(range(200)))
    return {"usable_cpus": _usable_cpus(), "priority_raised": boosted, "tiny": tiny}


@short_task_overhead.judge
def _(facts: Facts, where: Where) -> Verdict:
    tiny = facts["tiny"]
    ratio = _ratio(tiny["pool_s"], tiny["serial_s"])
    seen = (
        f"{tiny['tasks']} tiny tasks: Pool(2) {tiny['pool_s'] * 1e3:.1f} ms vs serial "
        f"{tiny['serial_s'] * 1e3:.3f} ms = {ratio}x slower"
    )
    if ratio >= 2:
        return holds(seen)
    return refuted(seen) if ratio <= 1 else partial(f"the pool costs little more: {seen}")


short_task_overhead.expect(
    expect("holds", "starting two workers costs milliseconds; 200 tiny tasks take microseconds", os="linux"),
    expect(
        "holds", "spawn (the default) makes the pool's start-up even dearer", os="darwin", cite=SPAWN_SLOW
    ),
    expect(
        "holds",
        "spawn is the only method: the pool's start-up dwarfs tiny tasks",
        os="win32",
        cite=SPAWN_SLOW,
    ),
)
short_task_overhead.said(
    en=(
        "short|small|tiny|quick|trivial|cheap|millisecond*|microsecond* & task*|job*|work*|function* & cost*|overhead"
        "|outweigh*|slower|not worth|more than|dominat*",
    ),
    zh="短|小|简单 & 任务|函数|计算 & 开销|不值得|更慢|超过|反而|代价|得不偿失",
)


# --- the GIL: threads versus processes -----------------------------------------------------------


def _gil_enabled() -> bool | None:
    probe = getattr(sys, "_is_gil_enabled", None)
    return None if probe is None else bool(probe())


def _rounds(alone: Callable[[int], Trace], together: Callable[[], list[Trace]]) -> dict[str, Any]:
    """Time one unit alone, then two at once, REPEATS times; how much longer a runner takes beside another."""
    solo, same, both, at_once, running = [], [], [], 0.0, 0.0
    for i in range(REPEATS):
        solo.append(_wall([alone(i)]))
        traces = together()
        same.append(_wall([traces[i % 2]]))  # the runner just timed alone, now beside the other
        both.append(_wall(traces))
        at_once += _at_once(traces)
        running += sum(b - a for t in traces for a, b in _flat_out(t)) / 2
    # each joint round is compared with the solo round just before it, on the same runner (and, where
    # pinned, the same CPU): both saw the same load, and a CPU slower than the other does not count
    return {
        "alone_s": [round(t, 4) for t in solo],
        "beside_s": [round(t, 4) for t in same],
        "both_done_s": [round(t, 4) for t in both],
        "ratio": _median_ratio(same, solo),
        "both_done_ratio": _median_ratio(both, solo),
        "both_running_s": round(at_once, 4),
        "both_running_share": _ratio(at_once, running),
    }


def _median_ratio(tops: list[float], bottoms: list[float]) -> float:
    return round(_median([_ratio(t, b) for t, b in zip(tops, bottoms, strict=True)]), 3)


def _gil_seen(facts: Facts, runners: str) -> str:
    return (
        f"on 2 {runners}, 2 units were done after {facts['both_done_ratio']}x the time of 1 unit alone, "
        f"and a unit took {facts['ratio']}x as long beside the other as alone (medians of "
        f"{len(facts['alone_s'])} paired rounds; 1 = two cores used, 2 = one); both running at once for "
        f"{facts['both_running_s'] * 1e3:.1f} ms ({facts['both_running_share']} of their running time); "
        f"GIL enabled: {facts['gil_enabled']}"
    )


def _two_threads(work: Callable[[], Trace]) -> list[Trace]:
    """Two threads each do `work` at once; their traces."""
    traces: list[Trace] = [[], []]

    def run(i: int) -> None:
        traces[i] = work()

    runners = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in runners:
        t.start()
    for t in runners:
        t.join(WAIT)
    return traces


@claim(
    "gil.threads-no-multicore",
    "Python threads cannot use several cores for CPU-bound work.",
    topic="speed",
    sources=[
        quote("002", "python中的多线程无法利用多核优势"),
        quote(
            "003",
            "Python 中的多线程无法利用多核优势,如果想要充分地使用多核 CPU 的资源,"
            "在 python 中大部分情况需要使用多进程。",
        ),
        quote("004", "由于GIL的存在,单个Python进程无法充分利用多核处理器的优势。"),
    ],
    exclusive=True,
)
def gil_threads(mp: Context) -> Facts:
    """One unit of CPU work alone versus two units on two threads at once, REPEATS times each."""
    with _front_of_queue() as boosted:
        n, chunks = _calibrate(UNIT), _calibrate_hash(UNIT)
        rounds = _rounds(lambda i: _traced_burn(n), lambda: _two_threads(lambda: _traced_burn(n)))
        hashing = _rounds(lambda i: _traced_hash(chunks), lambda: _two_threads(lambda: _traced_hash(chunks)))
    return {
        "usable_cpus": _usable_cpus(),
        "gil_enabled": _gil_enabled(),
        "priority_raised": boosted,
        "clock_grain_s": _clock_grain(),
        "unit": n,
        **rounds,
        "gil_releasing": {
            "work": f"hashlib.sha256 over {HASH_BLOCK // 1024} KiB blocks",
            "blocks": chunks,
            **hashing,
        },
    }


@gil_threads.judge
def _(facts: Facts, where: Where) -> Verdict:
    released = {
        **facts["gil_releasing"],
        "clock_grain_s": facts["clock_grain_s"],
        "gil_enabled": facts["gil_enabled"],
    }
    seen = f"pure Python: {_gil_seen(facts, 'threads')}; {released['work']}: {_gil_seen(released, 'threads')}"
    if facts["usable_cpus"] < 2:
        return not_applicable(f"one usable CPU: no core for a second thread to use ({seen})")
    python, other = _threads_parallel(facts), _threads_parallel(released)
    if python == "parallel":
        return refuted(f"threads ran Python code on two cores: {seen}", key="python code in parallel")
    if (
        other != "one core"
    ):  # both threads ran flat out through the same stretch: two cores, whatever the gain
        return partial(
            f"pure-Python work kept to one core, but code that releases the GIL ran on two: {seen}",
            key="only GIL-releasing code in parallel",
        )
    if python == "at once, little gain":
        return partial(f"ran at once, but gained little: {seen}", key="at once, little gain")
    return holds(f"neither kind of work used a second core: {seen}", key="one core")


def _threads_parallel(facts: Facts) -> str:
    """`parallel`, `at once, little gain` or `one core`, from the traces (and the timing where the clock is coarse)."""
    # PyPy's GIL may let one thread run most of its unit first, so the threads are timed till both are done
    done = facts["both_done_ratio"]
    together = _ran_at_once(facts)
    if together is None:  # a coarse CPU clock: the timing alone decides
        together = done < 1.5
    if not together:
        return "one core"
    return "parallel" if done < 1.5 else "at once, little gain"


gil_threads.expect(
    expect(
        "refuted",
        "free-threaded build with the GIL off: threads run Python code on both cores",
        os="linux",
        gil=False,
        cite=FREE_THREADING,
    ),
    expect(
        "partial",
        "the GIL lets one thread run Python code at a time (two units take twice as long), but "
        "hashlib lets go of it while hashing, and two threads hash on two cores",
        os="linux",
        impl="cpython",
    ),
    expect(
        "partial",
        "PyPy has a GIL too; its hashlib (OpenSSL through cffi) lets go of it",
        os="linux",
        impl="pypy",
    ),
    expect(
        "partial",
        "the same GIL, and the same GIL-free hashing",
        os="darwin",
        cite=f"{THREADING_GIL}; {HASHLIB_GIL}",
    ),
    expect(
        "partial",
        "the same GIL, and the same GIL-free hashing",
        os="win32",
        cite=f"{THREADING_GIL}; {HASHLIB_GIL}",
    ),
)
gil_threads.said(
    en=(
        "{gil} & {thread} & never|not|n't|only one|one thread|cannot|can't|take turns|one at a time|serializ*"
        "|no benefit|no faster & !own|each process|per process|separate",
        "thread* & not|n't|never|cannot|can't|won't|no & core*|cpu*|parallel|faster|speed* & !process*|Pipe|Queue",
        # (a thread inside another thing compared, "a Pipe is faster than a Queue: no feeder thread", is no GIL)
    ),
    zh=(
        "线程|threading & 无法|不能|没法|不会|跑不满|用不满|利用不了|用不上|只能用到一个|只能用一个|只用到一个"
        " & 多核|多个|核心|核|cpu|加速|并行",
        "{gil} & 线程 & 无法|不能|没法|不会|只有一个|同一时刻|轮流|只能|一次只|限制|只允许|没用 & !每个进程|独立",
        "{gil} & 无法|不能|没法 & 多核|核心",
    ),
)


def _burn_on_request(conn: Any, cpu: int | None) -> None:  # noqa: ANN401 -- a Connection of the context
    """Burn whatever amount the parent sends and answer with the trace; stop on None."""
    _pin(cpu)
    while (n := conn.recv()) is not None:
        conn.send(_traced_burn(n))


def _round(conns: list[Any], n: int) -> list[Trace]:
    """Every worker in `conns` burns `n` once, at the same time; their traces."""
    for c in conns:
        c.send(n)
    traces = []
    for c in conns:
        if not c.poll(WAIT):
            raise TimeoutError("a worker did not finish its unit")
        traces.append(c.recv())
    return traces


def _process_rounds(mp: Context) -> dict[str, Any]:
    """Two started workers: one unit on one of them versus one unit on each at once (start-up not timed)."""
    # pinned to two CPUs: one GIL shared by both would still serialise them
    pairs, cpus = [mp.Pipe() for _ in range(2)], _spread(2)
    workers = [_process(mp, _burn_on_request, pair[1], cpu) for pair, cpu in zip(pairs, cpus, strict=True)]
    for p in workers:
        p.start()
    conns = [mine for mine, _ in pairs]
    try:
        n = _calibrate(UNIT)
        _round(conns, n)  # warm-up (PyPy's JIT in each worker)
        rounds = _rounds(lambda i: _round([conns[i % 2]], n)[0], lambda: _round(conns, n))
    finally:
        for c in conns:
            with contextlib.suppress(OSError):
                c.send(None)
        _reap(workers)
    return {"unit": n, "pinned_to": cpus, **rounds, "exitcodes": [p.exitcode for p in workers]}


@claim(
    "gil.per-process",
    "Each process has its own GIL, so CPU-bound work speeds up with processes on a multi-core CPU: "
    "for it, processes are usually a better choice than threads.",
    topic="speed",
    sources=[
        quote(
            "000",
            "每个进程有自己独立的GIL,所以不存在进程间争抢GIL的问题,在多核CPU环境中,可以大大提高运行效率。",
        ),
        quote("004", "对于CPU密集型任务,使用多进程而不是多线程通常是更好的选择。"),
        quote("004", "对于cpu密集型任务,多进程优于多线程"),
    ],
    exclusive=True,
)
def gil_per_process(mp: Context) -> Facts:
    """One unit of CPU work on one worker process versus one on each of two; then the same on two threads."""
    with _front_of_queue() as boosted:
        rounds = _process_rounds(mp)
        n = rounds["unit"]  # 004's comparison: the same units on two threads of this process
        threads = _rounds(lambda i: _traced_burn(n), lambda: _thread_pair(n))
    return {
        "usable_cpus": _usable_cpus(),
        "gil_enabled": _gil_enabled(),
        "priority_raised": boosted,
        "clock_grain_s": _clock_grain(),
        **rounds,
        "threads": threads,
    }


def _thread_pair(n: int) -> list[Trace]:
    """Two threads of this process each burn `n` at once; their traces."""
    traces: list[Trace] = [[], []]

    def run(i: int) -> None:
        traces[i] = _traced_burn(n)

    runners = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in runners:
        t.start()
    for t in runners:
        t.join(WAIT)
    return traces


@gil_per_process.judge
def _(facts: Facts, where: Where) -> Verdict:
    threads = facts["threads"]
    seen = (
        f"{_gil_seen(facts, 'processes')} (the workers pinned to CPUs {facts['pinned_to']}); the same units "
        f"on 2 threads, unpinned, were done after {threads['both_done_ratio']}x"
    )
    if facts["usable_cpus"] < 2:
        return not_applicable(f"one usable CPU: nothing to speed up onto ({seen})")
    if _ran_at_once(facts) is False:
        return refuted(f"never ran at once: {seen}")
    # a worker beside the other should take as long as alone (2 = they took turns); its own CPU is
    # compared with itself, so a CPU slower than the other does not count against the claim
    if facts["ratio"] >= 1.5:
        if facts["both_running_share"] >= 0.5:  # at once, yet slower: the (virtual) CPUs slowed, no gain seen
            return partial(f"ran at once, but no speed-up was seen: {seen}", key="at once, no speed-up seen")
        return partial(
            f"ran at once only part of the time, and sped up little: {seen}", key="little speed-up"
        )
    if threads["both_done_ratio"] < 1.5:  # threads gained as much: processes are no better choice here
        return partial(f"processes sped up, but so did threads: {seen}", key="threads as fast")
    return holds(f"processes sped up, threads did not: {seen}")


gil_per_process.expect(
    expect(
        "partial",
        "free-threaded build with the GIL off: processes speed up, but threads do as well",
        os="linux",
        gil=False,
        cite=FREE_THREADING,
    ),
    expect(
        "holds",
        "each process runs its own interpreter: two units take about as long as one; two threads take twice",
        os="linux",
    ),
    expect(
        "holds",
        "separate interpreters in separate processes on several cores; threads share one GIL",
        os="darwin",
        cite=f"{MP_INTRO}; {THREADING_GIL}",
    ),
    expect(
        "holds",
        "separate interpreters in separate processes on several cores; threads share one GIL",
        os="win32",
        cite=f"{MP_INTRO}; {THREADING_GIL}",
    ),
)
gil_per_process.said(
    en=(
        "process*|worker* & own|separate|each|every|private|independent & GIL|interpreter|lock"
        " & !thread*|manager|server",
        "cpu-bound|CPU bound|cpu-intensive|cpu heavy|number-crunching|arithmetic|compute*|computation*"
        " & process*|multiprocessing & better|instead|prefer*|reach for|faster|the way|rather than|should",
    ),
    zh=(
        "进程 & 独立|自己|各自|每个 & gil|解释器",
        "cpu密集|计算密集|cpu 密集|纯计算 & 进程 & 更好|选择|应该|建议|优于|胜过|更快",
    ),
)

"""Pools: how many workers they start, how many tasks run at once, close/join, and what cpu_count() says."""

from __future__ import annotations

import os
import queue
import threading
import time
from typing import Any

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

POOL_INIT = (
    "Lib/multiprocessing/pool.py: Pool.__init__ (processes = os.process_cpu_count() from 3.13, gh-109649)"
)


def _pool_size(mp: Context) -> dict[str, int]:
    """Start Pool() and count what it started, as the pool says and as the OS sees children."""
    with mp.Pool() as pool:
        facts = {
            "pool_processes": pool._processes,  # type: ignore[attr-defined]
            "started_workers": len(mp.active_children()),
            "cpu_count": mp.cpu_count(),
        }
        pool.terminate()
    return facts


def _restricted(mp: Context) -> dict[str, Any] | None:
    """The same with this process's affinity cut to one CPU, where the OS allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        return {"usable_cpus": len(os.sched_getaffinity(0)), **_pool_size(mp)}
    finally:
        os.sched_setaffinity(0, before)


@claim(
    "pool.default-size",
    "Pool() starts as many worker processes as the machine has CPUs (cpu_count()).",
    topic="pool",
    sources=[quote("001", "之所以立即輸出了上面兩個是因為誒Pool 進程池默認是按照cpu的數量開啟子進程的")],
)
def pool_default_size(mp: Context) -> Facts:
    """Count Pool()'s workers, then again with the affinity restricted to one CPU."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"usable_cpus": usable, "default": _pool_size(mp), "restricted_to_one_cpu": _restricted(mp)}


@pool_default_size.judge
def _(facts: Facts, where: Where) -> Verdict:
    full, cut = facts["default"], facts["restricted_to_one_cpu"]
    if not full["pool_processes"] == full["started_workers"] == full["cpu_count"]:
        return refuted(f"workers={full['started_workers']}, cpu_count={full['cpu_count']}")
    seen = f"workers={full['started_workers']} = cpu_count={full['cpu_count']}"
    if cut is None or cut["usable_cpus"] == full["cpu_count"]:
        return holds(seen + " (affinity could not be narrowed here)")
    if cut["started_workers"] == cut["cpu_count"]:
        return holds(seen + f"; with affinity cut to 1 CPU still {cut['started_workers']} (os.cpu_count)")
    return partial(
        f"{seen}, but with affinity cut to 1 CPU: workers={cut['started_workers']}, "
        f"cpu_count={cut['cpu_count']} (Pool() counts usable CPUs since 3.13)"
    )


pool_default_size.expect(
    expect("holds", "Pool() uses os.cpu_count(), affinity ignored", os="linux", python="<3.13"),
    expect(
        "partial",
        "Pool() uses os.process_cpu_count() (affinity-aware) while cpu_count() does not",
        os="linux",
        python=">=3.13",
        impl="cpython",
    ),
    expect("holds", "PyPy's stdlib is 3.11's: Pool() uses os.cpu_count()", os="linux", impl="pypy"),
    expect("holds", "no affinity API on macOS: both counts are the machine's", os="darwin", cite=POOL_INIT),
    expect(
        "holds", "the probe cannot narrow affinity on Windows: both counts agree", os="win32", cite=POOL_INIT
    ),
)
pool_default_size.said(
    en=(
        "^api & default*|without|no argument*|not given|omit*|None & cpu*|core*|processor* & !cpu-bound|CPU-intensive"
        "|cpu intensive|CPU-heavy",
        "api & cpu_count|one worker per|per cpu|per core|as many worker*|as many processes|number of cores"
        "|number of CPUs",
        "processes & None|omit*|not given|not specified|default*|leave out|leave it out|left out|skip*|don't pass"
        "|do not pass & cpu_count|cpu*|core*|processor* & !max_workers"
        "|Executor|thread*",
        "pass nothing|no argument*|without argument*|without an argument|by default & cpu_count & worker*|processes"
        " & !max_workers|Executor|thread*",
    ),
    zh=(
        "^api|进程池 & 默认|预设|不给参数|不传参数|不指定|不传|省略|缺省|不写|不填|不带参数|自动 & cpu|核|处理器 & !max_workers|线程"
        "|密集",
        "^api|进程池 & 进程数|进程数量|进程个数|大小 & 等于|就是|一样|相同 & cpu|核|处理器 & !max_workers|线程|密集",
        "processes & 不指定|不传|默认|省略|缺省|None & cpu|cpu_count|核|处理器 & !max_workers|线程",
    ),
    api="Pool",
    opposite=(
        "^api & default*|without|no argument*|omit* & cpu*|core*|processor*|cpu_count & {not}~start*|{not}~creat*|{not}~use*|{not}~one|{not}~as many|{not}~equal*|{not}~match*|{not}~spawn*",
        "^api|进程池 & 默认|不指定|不传 & cpu|核 & 不会按|不是按|不会根据|不等于|并不是|不会创建|不会使用",
    ),
)


# --- shared by the pool cases below ----------------------------------------------------------------

POOL_WORKER = "Lib/multiprocessing/pool.py: worker (one task at a time per worker process)"
POOL_REPOPULATE = "Lib/multiprocessing/pool.py: Pool.__init__ -> _repopulate_pool starts every worker"
POOL_CLOSE = "Lib/multiprocessing/pool.py: Pool._check_running (ValueError('Pool not running')); Pool.join"
CPU_COUNT_DOCS = "docs: os.cpu_count, 'Return the number of logical CPUs in the system'; mp.cpu_count"

_SHARED: dict[str, Any] = {}


def _pool_init(shared: dict[str, Any]) -> None:
    """Pool initializer: synchronisation objects reach the workers by inheritance, as they must."""
    _SHARED.update(shared)


def _worker_pids(mp: Context) -> list[int]:
    """List the pool workers among this process's children (Pool starts them with the context's Process)."""
    return sorted(p.pid for p in mp.active_children() if "PoolWorker" in p.name and p.pid is not None)


def _os_view(pids: list[int]) -> dict[str, str]:
    """Ask the OS about each pid: its psutil status, or 'gone'."""
    import psutil

    seen: dict[str, str] = {}
    for pid in pids:
        try:
            seen[str(pid)] = psutil.Process(pid).status()
        except psutil.NoSuchProcess:
            seen[str(pid)] = "gone"
    return seen


# --- pool.concurrency-limit ------------------------------------------------------------------------

RUNNING, PEAK, STARTED, FINISHED = range(4)


def _held_task(task: int) -> dict[str, Any]:
    """Count itself in, say so, hold its worker until the parent lets go, count itself out."""
    counts, lock = _SHARED["counts"], _SHARED["lock"]
    with lock:
        counts[RUNNING] += 1
        counts[STARTED] += 1
        counts[PEAK] = max(counts[PEAK], counts[RUNNING])
        running = counts[RUNNING]
    _SHARED["entered"].put(os.getpid())
    released = _SHARED["go"].wait(15)
    with lock:
        counts[RUNNING] -= 1
        counts[FINISHED] += 1
    return {"task": task, "pid": os.getpid(), "running_at_start": running, "released": released}


def _wait_until_all_busy(entered: Any, workers: list[int], tasks: int) -> list[int]:  # noqa: ANN401 -- a context Queue
    """Collect task pids until every worker of the pool is inside a held task."""
    seen: list[int] = []
    while set(workers) - set(seen) and len(seen) < tasks:
        try:
            seen.append(entered.get(timeout=15))
        except queue.Empty:
            break
    return seen


def _limit_run(mp: Context, size: int | None) -> dict[str, Any]:
    """Give a pool 3 more held tasks than workers; read the counts while every worker is held."""
    shared = {
        "counts": mp.Array("i", 4, lock=False),
        "lock": mp.Lock(),
        "go": mp.Event(),
        "entered": mp.Queue(),
    }
    with mp.Pool(size, initializer=_pool_init, initargs=(shared,)) as pool:
        workers, n = _worker_pids(mp), pool._processes  # type: ignore[attr-defined]
        pending = [pool.apply_async(_held_task, (i,)) for i in range(n + 3)]
        first = _wait_until_all_busy(shared["entered"], workers, n + 3)
        with shared["lock"]:
            started_while_busy = shared["counts"][STARTED]
        shared["go"].set()
        done = [r.get(15) for r in pending]
        pool.close()
        pool.join()
    return {
        "requested": size,
        "pool_processes": n,
        "workers": len(workers),
        "tasks": n + 3,
        "workers_held": len(set(first)),
        "started_while_all_held": started_while_busy,
        "peak_running": shared["counts"][PEAK],
        "distinct_task_pids": len({d["pid"] for d in done}),
        "task_pids_are_workers": {d["pid"] for d in done} <= set(workers),
        "all_released": all(d["released"] for d in done),
    }


@claim(
    "pool.concurrency-limit",
    "With Pool() only as many tasks run at once as the pool has workers; the rest wait for a free worker.",
    topic="pool",
    sources=[quote("001", "所以先立即啟動兩個子進程, 剩下的進程要等到前面的進程執行完成后才能啟動。")],
    deadline=40.0,
)
def pool_concurrency_limit(mp: Context) -> Facts:
    """Pool(2) and Pool(): hold every worker inside a task, then count how many tasks had started."""
    return {"pool_2": _limit_run(mp, 2), "pool_default": _limit_run(mp, None)}


def _limit_seen(run: dict[str, Any]) -> str:
    return (
        f"Pool({run['requested'] or ''}) with {run['workers']} workers, {run['tasks']} tasks: "
        f"{run['started_while_all_held']} started while all workers were held, "
        f"peak {run['peak_running']} running at once, tasks ran on {run['distinct_task_pids']} pids"
    )


def _within_limit(run: dict[str, Any]) -> bool:
    n = run["pool_processes"]
    counts = (run["workers"], run["workers_held"], run["started_while_all_held"], run["peak_running"])
    return bool(
        all(c == n for c in counts)
        and run["distinct_task_pids"] <= n
        and run["task_pids_are_workers"]
        and run["all_released"]
    )


@pool_concurrency_limit.judge
def _(facts: Facts, where: Where) -> Verdict:
    runs = [facts["pool_2"], facts["pool_default"]]
    seen = "; ".join(_limit_seen(r) for r in runs)
    if all(_within_limit(r) for r in runs):
        return holds(seen)
    if any(
        r["peak_running"] > r["pool_processes"] or r["started_while_all_held"] > r["pool_processes"]
        for r in runs
    ):
        return refuted(seen)
    return partial(f"never more than the pool size ran, but the rest of the picture differs: {seen}")


pool_concurrency_limit.expect(
    expect("holds", "each worker runs one task at a time; the others stay in the task queue", os="linux"),
    expect("holds", "same pool.py on macOS", os="darwin", cite=POOL_WORKER),
    expect("holds", "same pool.py on Windows (spawn)", os="win32", cite=POOL_WORKER),
)
pool_concurrency_limit.said(
    en=(
        "task*|job*|submission*|work item*|work & queued|queue|wait*|sit*|pending|held back|beyond|more than"
        " & free*|idle|available|busy|finish*|done|at a time|rest|remaining|others|extra|capacity & worker*|process*"
        "|pool"
        " & !close|join|cancel*|result*",
        "^more tasks than|more jobs than|more work than|tasks than workers & wait*|queue*|queued|pending|sit"
        "|wait their turn",
        "worker*|process* & next task|next job|another task|new task & only when|only after|once it|when it has"
        " finished|after it finish*",
        "only|at most|no more than|never|not more & task*|job*|function* & at a time|at once|at the same time|simultaneous*"
        "|concurrent*|in parallel"
        " & worker*|pool & !thread*",
    ),
    zh=(
        "任务|进程 & 等|排队|等待 & 空闲|前面|执行完|完成后|忙|占满|满了 & !join|close",
        "剩下|其余|多出 & 等|排队 & 任务|进程",
        "^任务比进程多|任务数多于|任务多于|任务数比进程数多|多出来的任务|多余的任务 & 排队|等|等待",
        "进程池|pool|工作进程 & 同时|同一时间|一次 & 最多|只有|只能|不超过 & 任务|进程",
        "同时|同一时间 & 超过|最多|不超过 & processes|进程数|工作进程数|进程池|pool & 不会|不能|最多|不超过",
        "进程|任务 & 结束后|完成后|执行完|空闲 & 才开始|才能开始|才会开始|才能启动|才会执行|才执行|才启动|才能执行",
    ),
    opposite=(
        "pool|Pool & all & task*|job* & at the same time|at once|simultaneous*|in parallel & no matter|regardless|however many",
    ),
)


# --- pool.explicit-size ----------------------------------------------------------------------------


def _meet(task: int) -> dict[str, Any]:
    """Wait at a barrier that only trips when five tasks are in it at once."""
    try:
        met = _SHARED["barrier"].wait(15) is not None
    except threading.BrokenBarrierError:
        met = False
    return {"task": task, "pid": os.getpid(), "met": met}


@claim(
    "pool.explicit-size",
    "Pool(5) starts 5 worker processes at once.",
    topic="pool",
    sources=[quote("001", "不過也可以在p=Poo() 中使用Pool(5)來指定啟動的子進程數量")],
    deadline=40.0,
)
def pool_explicit_size(mp: Context) -> Facts:
    """Count Pool(5)'s workers before any task, as the pool and the OS see them; then make 5 tasks meet."""
    shared = {"barrier": mp.Barrier(5)}
    with mp.Pool(5, initializer=_pool_init, initargs=(shared,)) as pool:
        workers = _worker_pids(mp)
        os_view = _os_view(workers)
        met = [r.get(20) for r in [pool.apply_async(_meet, (i,)) for i in range(5)]]
        pool.close()
        pool.join()
    return {
        "cpu_count": mp.cpu_count(),
        "pool_processes": pool._processes,  # type: ignore[attr-defined]
        "workers_before_any_task": len(workers),
        "os_view": os_view,
        "tasks_met_at_barrier_of_5": sum(m["met"] for m in met),
        "distinct_task_pids": len({m["pid"] for m in met}),
    }


@pool_explicit_size.judge
def _(facts: Facts, where: Where) -> Verdict:
    alive = sum(s not in ("gone", "zombie") for s in facts["os_view"].values())
    seen = (
        f"right after Pool(5): {facts['workers_before_any_task']} workers, {alive} alive for psutil "
        f"(cpu_count()={facts['cpu_count']}); {facts['tasks_met_at_barrier_of_5']} of 5 tasks "
        f"were running together at a barrier, on {facts['distinct_task_pids']} pids"
    )
    if facts["workers_before_any_task"] == alive == 5 and facts["tasks_met_at_barrier_of_5"] == 5:
        return holds(seen)
    if facts["workers_before_any_task"] == 5 or facts["tasks_met_at_barrier_of_5"] == 5:
        return partial(seen)
    return refuted(seen)


pool_explicit_size.expect(
    expect("holds", "Pool.__init__ starts all 5 workers before it returns, whatever the CPUs", os="linux"),
    expect("holds", "same pool.py on macOS", os="darwin", cite=POOL_REPOPULATE),
    expect("holds", "same pool.py on Windows (spawn)", os="win32", cite=POOL_REPOPULATE),
)
pool_explicit_size.said(
    en=(
        "Pool(#|Pool(processes & worker*|process*|processes",
        "Pool(#|Pool(processes & start*|creat*|launch*|spawn*|give*|make* & !took|second*|faster|slower|time*|speed*",
        "processes=#|processes argument|processes parameter & worker*|pool & number|many|start*|launch*|get*|give*"
        "|creat*|make*|spawn*",
    ),
    zh=(
        "Pool(#|Pool(processes|processes= & 启动|创建|指定|开|产生|运行|有|包含|表示|意味着 & 进程|数量|worker",
        "Pool(#|Pool(processes|processes= & 个进程|个工作进程|个子进程|个 worker",
    ),
    opposite=(
        "Pool(#|Pool(processes & {not}~start*|{not}~creat*|{not}~launch*|{not}~give*|{not}~spawn*",
    ),
)


# --- pool.close-join -------------------------------------------------------------------------------


def _work_then_count(seconds: float) -> int:
    """Work a little, then count this task done."""
    time.sleep(seconds)  # the task's work
    with _SHARED["done"].get_lock():
        _SHARED["done"].value += 1
    return os.getpid()


def _join_and_count(pool: Any, done: Any, out: dict[str, Any]) -> None:  # noqa: ANN401 -- context Pool/Value
    """join() the pool and read the done-counter the moment it returns."""
    pool.join()
    out["done_when_join_returned"] = done.value


def _add_after_close(pool: Any) -> dict[str, str] | None:  # noqa: ANN401 -- a context Pool
    """Try to give a closed pool one more task."""
    try:
        pool.apply_async(_work_then_count, (0.0,))
    except Exception as exc:  # whatever it raises is the observation
        return {"type": type(exc).__name__, "message": str(exc)}
    return None


@claim(
    "pool.close-join",
    "close() stops new tasks from being added to a pool; join() waits for the workers.",
    topic="pool",
    sources=[quote("001", "p.close() # 禁止在增加新的進程 p.join()")],
)
def pool_close_join(mp: Context) -> Facts:
    """Queue 4 short tasks, close(), try to add one, then join() and look at tasks and workers."""
    done = mp.Value("i", 0)
    pool = mp.Pool(2, initializer=_pool_init, initargs=({"done": done},))
    workers = _worker_pids(mp)
    results = [pool.apply_async(_work_then_count, (0.05,)) for _ in range(4)]
    pool.close()
    out: dict[str, Any] = {
        "tasks": 4,
        "error_after_close": _add_after_close(pool),
        "workers_before_join": _os_view(workers),
    }
    joiner = threading.Thread(target=_join_and_count, args=(pool, done, out))
    joiner.start()
    joiner.join(15)
    out["join_returned"] = not joiner.is_alive()
    out["ready_after_join"] = sum(r.ready() for r in results)
    out["workers_after_join"] = _os_view(workers)
    if not out["join_returned"]:
        pool.terminate()
    return out


@pool_close_join.judge
def _(facts: Facts, where: Where) -> Verdict:
    error = facts["error_after_close"]
    refused = error is not None and error["type"] == "ValueError"
    gone = all(s == "gone" for s in facts["workers_after_join"].values())
    waited = facts["join_returned"] and facts.get("done_when_join_returned") == facts["tasks"] and gone
    seen = (
        f"apply_async after close(): {error['type'] + ': ' + error['message'] if error else 'accepted'}; "
        f"when join() returned {facts.get('done_when_join_returned')}/{facts['tasks']} tasks were done, "
        f"{facts['ready_after_join']} results ready, "
        f"workers after join: {sorted(set(facts['workers_after_join'].values()))}"
    )
    if refused and waited:
        return holds(seen)
    return partial(seen) if refused or waited else refuted(seen)


pool_close_join.expect(
    expect(
        "holds",
        "apply_async checks the pool state; join() joins the handler threads, then every worker",
        os="linux",
    ),
    expect("holds", "same pool.py on macOS", os="darwin", cite=POOL_CLOSE),
    expect("holds", "same pool.py on Windows (spawn)", os="win32", cite=POOL_CLOSE),
)
pool_close_join.said(
    en=(
        "close* & join* & pool|worker*|no more|new task*",
        "^close*|close() & no more|new task*|further|stop* accept*|any more|additional|new work|new jobs|be submitted|being submitted"
        " & pool|task*|work",
        "pool.join|^pool & join* & wait* & worker*|task*|process*|children",
        "^pool.join & wait* & worker*|task*|process*|children",
        "close() & join() & before|first & must|need*|have to|has to|call",
    ),
    zh=(
        "^close & 新任务|新的任务|提交|增加|添加|新的进程|接收任务|接受任务|停止接收|停止接受|不再接收|不再接受",
        "关闭进程池|关闭 pool|close & join & 等待|等 & 工作进程|子进程|所有进程",
        "close & join & ^进程池|pool|工作进程",
        "pool.join|^进程池|pool & join & 等待|等 & 子进程|工作进程|任务|进程",
        "close & join & 之前|先 & 必须|要|需要|一定",
    ),
    opposite=(
        "close* & {not}~stop*|{not}~prevent*|still accept*|can still & new task*|task*|submit* & !if you do not|if you don't"
        "|without calling|until|before",
        "close & 仍然可以|还可以|依然可以|不会阻止 & 提交|添加|任务",
    ),
)


# --- cpu-count.cores -------------------------------------------------------------------------------


def _report_cpu_count(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    import multiprocessing

    conn.send(multiprocessing.cpu_count())
    conn.close()


def _child_cpu_count(mp: Context) -> int | None:
    """cpu_count() as a child started with the method under test sees it."""
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_report_cpu_count, args=(send,))
    p.start()
    send.close()
    seen = receive.recv() if receive.poll(15) else None
    p.join(15)
    return seen if isinstance(seen, int) else None


def _counts_with_one_cpu(mp: Context) -> dict[str, Any] | None:
    """cpu_count() and friends with this process's affinity cut to one CPU, where the OS allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        return {
            "usable_cpus": len(os.sched_getaffinity(0)),
            "cpu_count": mp.cpu_count(),
            "os_cpu_count": os.cpu_count(),
            "process_cpu_count": _process_cpu_count(),
        }
    finally:
        os.sched_setaffinity(0, before)


def _process_cpu_count() -> int | None:
    count = getattr(os, "process_cpu_count", None)  # 3.13+
    return count() if count else None


@claim(
    "cpu-count.cores",
    "multiprocessing.cpu_count() returns the number of CPU cores of the machine.",
    topic="pool",
    sources=[quote("000", "multiprocessing.cpu_count(): 返回机器上cpu核的总数量")],
)
def cpu_count_cores(mp: Context) -> Facts:
    """Compare cpu_count() with the machine's logical CPUs and physical cores, and with affinity cut."""
    import psutil

    return {
        "cpu_count": mp.cpu_count(),
        "os_cpu_count": os.cpu_count(),
        "child_cpu_count": _child_cpu_count(mp),
        "logical_cpus": psutil.cpu_count(logical=True),
        "physical_cores": psutil.cpu_count(logical=False),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "process_cpu_count": _process_cpu_count(),
        "restricted_to_one_cpu": _counts_with_one_cpu(mp),
    }


def _affinity_note(cut: dict[str, Any] | None) -> str:
    if cut is None:
        return "affinity cannot be narrowed here"
    return f"with affinity cut to {cut['usable_cpus']} CPU cpu_count() = {cut['cpu_count']}" + (
        f" (process_cpu_count() = {cut['process_cpu_count']})" if cut["process_cpu_count"] else ""
    )


@cpu_count_cores.judge
def _(facts: Facts, where: Where) -> Verdict:
    count, logical, cores = facts["cpu_count"], facts["logical_cpus"], facts["physical_cores"]
    cut = facts["restricted_to_one_cpu"]
    seen = (
        f"cpu_count()={count} (child: {facts['child_cpu_count']}), the OS's logical CPUs={logical}, "
        f"physical cores={cores}; {_affinity_note(cut)}"
    )
    if cores is None:
        return not_applicable(f"psutil cannot tell the physical cores here: {seen}")
    total = facts["child_cpu_count"] == count and (cut is None or cut["cpu_count"] == count)
    if total and count == cores != logical:
        return holds(f"the machine's cores, not its logical CPUs: {seen}", key="cores")
    if total and count == logical:
        here = "the same number as the cores here (no SMT)" if logical == cores else "more than the cores"
        return partial(
            f"the machine's total, not the CPUs this process may use, but of logical CPUs, as the "
            f"docs say, not cores ({here}): {seen}",
            key="logical CPUs" + (" = cores here" if logical == cores else " > cores"),
        )
    return refuted(f"neither the machine's fixed total of logical CPUs nor its cores: {seen}", key="other")


CPU_COUNT_C = "Modules/posixmodule.c: os_cpu_count_impl"
cpu_count_cores.expect(
    expect(
        "partial",
        "cpu_count() is os.cpu_count(): the logical CPUs the OS reports, unchanged by affinity; "
        "equal to the cores only where there is no SMT (as on this machine)",
        os="linux",
    ),
    expect(
        "partial",
        "os.cpu_count() is sysconf(_SC_NPROCESSORS_ONLN), the online logical CPUs, whatever the "
        "hardware; there is no affinity to cut",
        os="darwin",
        cite=f"{CPU_COUNT_DOCS}; {CPU_COUNT_C}",
    ),
    expect(
        "partial",
        "os.cpu_count() is GetActiveProcessorCount(ALL_PROCESSOR_GROUPS): logical processors, "
        "whatever the hardware",
        os="win32",
        cite=f"{CPU_COUNT_DOCS}; {CPU_COUNT_C}",
    ),
)
cpu_count_cores.said(
    en=(
        "cpu_count & core*|cpu*|processor* & return*|give*|number|count*|report*|tell*|how many & !Pool|worker*"
        "|processes|default*"
        "|logical|hyperthread*|hyper-thread*|affinity",
    ),
    zh="^cpu_count & 核|cpu|数量|处理器 & !pool|进程池|逻辑|超线程|processes|进程数|默认|不指定|worker*",
    opposite=(
        "^cpu_count & logical|hyperthread*|hyper-thread* & not|no|n't|rather than|instead|include*|including"
        "|physical",
        "^cpu_count & 逻辑|超线程 & 不是|并非|而不是|包括|包含|物理",
        "^cpu_count & {not}~return*|{not}~give*|{not}~count*|{not}~the number of & core*|cpu*|processor*",
        "^cpu_count & 不是|并不是|不等于|并非 & 核|cpu",
    ),
)

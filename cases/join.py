"""join() and the main's exit: what join() waits for, and what becomes of children nobody joins."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
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
    partial,
    quote,
    refuted,
)

from ._programs import WAIT, Gate, LiveProgram, process_group

JOIN = "Lib/multiprocessing/process.py: BaseProcess.join (self._popen.wait(timeout), then _children.discard)"
JOIN_ASSERT = (
    "Lib/multiprocessing/process.py: BaseProcess.join "
    "(assert self._popen is not None, 'can only join a started process')"
)
POSIX_WAIT = "Lib/multiprocessing/popen_fork.py: Popen.wait (connection.wait on the sentinel, timeout)"
WIN32_WAIT = "Lib/multiprocessing/popen_spawn_win32.py: Popen.wait (WaitForSingleObject(handle, msecs))"
EXIT_FUNCTION = (
    "Lib/multiprocessing/util.py: _exit_function, registered with atexit (terminates daemonic "
    "children, then joins every remaining child)"
)
START = "Lib/multiprocessing/process.py: BaseProcess.start (returns once the Popen has launched the child)"


# --- shared pieces: an order log, a gate, a watched program ---------------------------------------


def _append(path: str, line: str) -> None:
    """Append one line in a single write (O_APPEND), so two processes' lines never mix."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


def _lines(path: str) -> list[str]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def _status(pid: int | None) -> str:
    """What the OS says of a process, read without reaping it."""
    import psutil

    if pid is None:
        return "not started"
    try:
        return str(psutil.Process(pid).status())
    except psutil.Error as exc:
        return type(exc).__name__


# --- join.blocks ----------------------------------------------------------------------------------

BLOCKS_TRIALS = 2  # join() either waits or not: a second trial only rules out a lucky order
# The child's work: long enough that a join() that did not wait would let the parent's line come
# first, even after a fork child that runs at once (the parent writes within a millisecond).
WORK = 0.05


def _work_then_say(path: str, line: str) -> None:
    """The child's work (a short sleep), then its line in the shared log."""
    time.sleep(WORK)
    _append(path, line)


def _joined_trial(mp: Context, n: int) -> dict[str, Any]:
    """Start a working child, join() it, then write the parent's next line."""
    path = f"blocks-{n}.log"
    p = mp.Process(target=_work_then_say, args=(path, "child"))
    p.start()
    status = _status(p.pid)
    p.join(WAIT)
    alive = p.is_alive()
    _append(path, "parent, after join()")
    return {
        "child_status_before_join": status,
        "alive_after_join": alive,
        "exitcode": p.exitcode,
        "order": _lines(path),
    }


def _wait_for_other(path: str, other_ran: Any) -> None:  # noqa: ANN401 -- an Event of the context
    """The joined child: it can end only once the other child has run (bounded)."""
    said = other_ran.wait(WAIT)
    _append(path, f"joined child (the other had run: {said})")


def _run_when_joining(path: str, joining: Any, other_ran: Any) -> None:  # noqa: ANN401 -- Events
    """The other child: it runs once the parent is at its join() of the first, and tells the first."""
    said = joining.wait(WAIT)
    _append(path, f"other child (the parent was joining: {said})")
    other_ran.set()


OTHERS_ORDER = [
    "parent: join() of the first",
    "other child (the parent was joining: True)",
    "joined child (the other had run: True)",
    "parent, after join()",
]


def _others_trial(mp: Context) -> dict[str, Any]:
    """Join one child that can end only after another child has run while the parent is in join()."""
    path, joining, other_ran = "others.log", mp.Event(), mp.Event()
    first = mp.Process(target=_wait_for_other, args=(path, other_ran))
    other = mp.Process(target=_run_when_joining, args=(path, joining, other_ran))
    first.start()
    other.start()
    _append(path, "parent: join() of the first")
    joining.set()
    first.join(WAIT)
    _append(path, "parent, after join()")
    other.join(WAIT)
    return {"order": _lines(path), "exitcodes": [first.exitcode, other.exitcode]}


@claim(
    "join.blocks",
    "join() blocks the parent until the child ends, and does not hold back the other children; with it, "
    "the child's output comes before the parent's next line.",
    topic="join",
    sources=[
        quote(
            "000",
            "p1.join(): 定义子进程p1的运行阻塞主进程,只有p1子进程执行完成之后才会继续执行join之后的主进程,"
            "但是子进程间互相不受join影响",
        ),
        quote("001", "#是否阻塞方式執行, 如果有, 則阻塞方式, 否則非阻塞 pro.join()"),
        quote("004", "最后,我们使用join()方法等待所有进程完成"),
        quote("002", "p.join([timeout]):主线程等待p终止(强调:是主线程处于等的状态,而p是处于运行的状态)"),
    ],
)
def join_blocks(mp: Context) -> Facts:
    """Children that work 50 ms before writing, each joined; then two children, one joined while the other runs."""
    return {"trials": [_joined_trial(mp, n) for n in range(BLOCKS_TRIALS)], "others": _others_trial(mp)}


@join_blocks.judge
def _(facts: Facts, where: Where) -> Verdict:
    trials, others = facts["trials"], facts["others"]
    ordered = sum(t["order"] == ["child", "parent, after join()"] for t in trials)
    ended = sum(not t["alive_after_join"] and t["exitcode"] == 0 for t in trials)
    free = others["order"] == OTHERS_ORDER and others["exitcodes"] == [0, 0]
    seen = (
        f"child's line first in {ordered} of {len(trials)} joined runs; child ended (exitcode 0) when "
        f"join() returned in {ended} of {len(trials)}; child before join: "
        f"{sorted({t['child_status_before_join'] for t in trials})}; while the parent joined one child "
        f"the other {'ran on' if free else 'did not run as it should'}: {others['order']}, exitcodes "
        f"{others['exitcodes']}"
    )
    if ordered == ended == len(trials) and free:
        return holds(seen)
    return partial(seen) if ordered or free else refuted(seen)


join_blocks.expect(
    expect(
        "holds",
        "join() waits on that child's sentinel until it exits; the other children are processes of "
        "their own and run on",
        os="linux",
    ),
    expect("holds", "same POSIX wait as Linux", os="darwin", cite=f"{JOIN}; {POSIX_WAIT}"),
    expect("holds", "join() waits on the process handle", os="win32", cite=f"{JOIN}; {WIN32_WAIT}"),
)
join_blocks.said(
    en=(
        "join* & wait*|block*|suspend*|until|paus*|hang*|sits? there|halt* & !expir*|second*|at most|time is up"
        "|timeout=|time runs out|pool|close|without|never|don't|queue|Thread.join|thread.join|str.join|', '",
        "^join* & blocks until|block until|blocks the|will block|waits for|wait for|waits until|wait until|suspends"
        "|pauses|sits there & !expir*|second*|at most|time is up|timeout=|pool|close|without|never|don't|queue"
        "|Thread.join|thread.join|str.join",
    ),
    zh=(
        "^join & 等待|阻塞|等到|一直等|等子进程|等它|等其|挂起|卡住|直到 & !超时|秒|进程池|pool|close|不调用|没有|队列",
    ),
)


# --- join.order-without ---------------------------------------------------------------------------

# The parent's line came first in 3 of 3 plain runs under spawn and forkserver, and in 579 of 600 under
# fork (3.12), where the child runs at once. The probe runs the
# article's shape until the parent's line comes first, at most PLAIN_TRIALS times: at a rate of one half
# or more, 8 runs miss it with a chance of 0.4%; one such run is all that "may appear before" needs.
PLAIN_TRIALS = 8


def _plain_trial(mp: Context, n: int) -> list[str]:
    """The article's shape: start(), the parent's next print, and no join() before it."""
    path = f"plain-{n}.log"
    p = mp.Process(target=_append, args=(path, "child"))
    p.start()
    _append(path, "parent: Process end")
    p.join(WAIT)  # only to clean up, after the parent's line
    return _lines(path)


@claim(
    "join.order-without",
    "Without join(), the parent's later output may appear before the child's.",
    topic="join",
    sources=[
        quote(
            "001",
            "如果沒有pro.join(), 則表示非阻塞方式運行, "
            "那么最終的Process end的輸出位置就有可能出現在pro_do 方法執行之前了",
        )
    ],
)
def join_order_without(mp: Context) -> Facts:
    """Run the article's shape (no join() before the parent's print) until the parent's line comes first."""
    plain: list[list[str]] = []
    while len(plain) < PLAIN_TRIALS and (not plain or plain[-1][:1] != ["parent: Process end"]):
        plain.append(_plain_trial(mp, len(plain)))
    return {"plain": plain}


@join_order_without.judge
def _(facts: Facts, where: Where) -> Verdict:
    plain = facts["plain"]
    if any(sorted(run) != ["child", "parent: Process end"] for run in plain):
        raise ValueError(f"a run did not log one line of each: {plain}")
    parent_first = sum(run[0] == "parent: Process end" for run in plain)
    seen = f"the parent's line came first in {parent_first} of {len(plain)} runs without join()"
    if parent_first:
        return holds(f"start() returned before the child wrote: {seen}")
    return refuted(f"the child's line always came first: {seen}")


join_order_without.expect(
    expect("holds", "start() does not wait for the child; nothing orders the two prints", os="linux"),
    expect("holds", "same start() as Linux", os="darwin", cite=START),
    expect("holds", "start() returns once CreateProcess has started the child", os="win32", cite=START),
)
join_order_without.said(
    en=(
        "without|no|don't|never|forget*|omit*|skip*|leave out|left out|remov* the|drop* the|delet* the"
        "|comment* out & join* & output|print*|before|order|first|message*"
        " & !daemon*",
    ),
    zh="不调用|不写|没写|没有|不加|不用|去掉|删掉|注释掉|忘记|忘了|省略 & join & 输出|打印|之前|先|顺序 & !留在|残留|守护",
)


# --- join.timeout ---------------------------------------------------------------------------------

JOIN_TIMEOUT = 0.05  # short is enough: join(t) polls the sentinel with t rounded up to whole ms


def _wait_for(ready: Any, release: Any) -> None:  # noqa: ANN401 -- Events of the context under test
    """Say we run, then wait until the parent releases us (bounded)."""
    ready.set()
    release.wait(WAIT)


@claim(
    "join.timeout",
    "join(timeout) stops waiting after timeout seconds, the child still running.",
    topic="join",
    sources=[
        quote("000", "可以定义子进程阻塞主进程的时间--p1.join(100),超时之后,主进程不再等待,开始执行。"),
        quote("002", "timeout是可选的超时时间。"),
    ],
)
def join_timeout(mp: Context) -> Facts:
    """join(0.05) a child blocked on an Event; then see what join returned and whether the child still runs."""
    ready, release = mp.Event(), mp.Event()
    p = mp.Process(target=_wait_for, args=(ready, release))
    p.start()
    running = ready.wait(WAIT)
    started = time.monotonic()
    returned = p.join(JOIN_TIMEOUT)
    waited = time.monotonic() - started
    facts = {
        "child_running": running,
        "timeout": JOIN_TIMEOUT,
        "join_returned": repr(returned),
        "waited_s": round(waited, 3),
        "child_status_after": _status(p.pid),
        "is_alive": p.is_alive(),
        "exitcode": p.exitcode,
    }
    release.set()
    p.join(WAIT)
    return {**facts, "exitcode_after_release": p.exitcode}


@join_timeout.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = (
        f"join({facts['timeout']}) returned {facts['join_returned']} after {facts['waited_s']} s; then "
        f"is_alive()={facts['is_alive']}, exitcode={facts['exitcode']}, OS status "
        f"{facts['child_status_after']!r}"
    )
    if not facts["child_running"]:
        raise ValueError("the child never said it was running")
    if not facts["is_alive"] or facts["exitcode"] is not None:
        return refuted(seen)
    if facts["waited_s"] < 0.95 * facts["timeout"]:
        return partial(f"it returned before the timeout: {seen}")
    return holds(seen)


join_timeout.expect(
    expect("holds", "join(t) waits on the sentinel for t seconds and returns None", os="linux"),
    expect("holds", "same POSIX wait as Linux", os="darwin", cite=f"{JOIN}; {POSIX_WAIT}"),
    expect(
        "holds",
        "WaitForSingleObject with the timeout in ms, then returns None",
        os="win32",
        cite=f"{JOIN}; {WIN32_WAIT}",
    ),
)
join_timeout.said(
    en=(
        "join* & timeout|second*|time is up|time limit|time runs out & return*|stop* wait*|expir*|still|keep*"
        "|give up|gives up|no longer|comes back|come back|unblock*|alive|running|at most|up to",
        "join(timeout)|join(timeout=#)|join(#)|join(#.#) & at most|up to|no more than|second*|return*|give* up",
        "join(timeout)",
    ),
    zh=(
        "join & 超时|timeout|秒 & 不再等待|不会被杀|之后|继续|最多|返回|仍在运行|还在运行|不再阻塞|放弃",
        "timeout & 超时",
    ),
)


# --- join.after-start -----------------------------------------------------------------------------


def _nothing() -> None:
    """A target that returns at once."""


@claim(
    "join.after-start",
    "join() must be called after start().",
    topic="join",
    sources=[quote("000", "join()需要放在start()方法之后;")],
)
def join_after_start(mp: Context) -> Facts:
    """join() a process that was never started; then start it and join() it the right way round."""
    p = mp.Process(target=_nothing)
    try:
        p.join(WAIT)
        refusal = None
    except Exception as exc:  # whatever join() raises is the observation
        refusal = {"type": type(exc).__name__, "message": str(exc)}
    p.start()
    p.join(WAIT)
    return {"join_before_start": refusal, "exitcode_after_start_then_join": p.exitcode}


@join_after_start.judge
def _(facts: Facts, where: Where) -> Verdict:
    refusal, code = facts["join_before_start"], facts["exitcode_after_start_then_join"]
    if code != 0:
        raise ValueError(f"the control (start, then join) failed: exitcode {code}")
    if refusal is None:
        return refuted("join() before start() returned without an error")
    return holds(
        f"join() before start() raised {refusal['type']}: {refusal['message']!r}; "
        "after start() it joined (exitcode 0)"
    )


join_after_start.expect(
    expect("holds", "AssertionError('can only join a started process')", os="linux"),
    expect("holds", "the same assert in process.py", os="darwin", cite=JOIN_ASSERT),
    expect("holds", "the same assert in process.py", os="win32", cite=JOIN_ASSERT),
)
join_after_start.said(
    en=(
        "join* & after|before|once|only after & start*|started & !daemon|wait*|until|block*",
        "join* & never started|not started|unstarted|before starting|before it is started|before start()"
        "|not been started|not yet started|hasn't been started|isn't started|before it has been started",
    ),
    zh=(
        "join & start 之后|start() 之后|start() 方法之后|start 后|start() 后|start 以后|启动之后|启动后|start 之前"
        "|start() 之前|启动之前|启动前 & !daemon|守护",
        "join & 未启动|没有启动|还没启动|没启动|没有 start|还没有 start|还没 start|未 start|没 start"
        " & 报错|错误|异常|不能|无法",
    ),
)


# --- exit.children-linger -------------------------------------------------------------------------

# The children's work is waiting on the probe's gate instead of sleeping: it cannot end before the
# probe says so, so what the main did at its exit is seen without any race.
UNJOINED = """\
import multiprocessing
import os
import socket
import sys
import threading

import psutil


def say(*words):
    os.write(1, (" ".join(map(str, words)) + "\\n").encode())  # one write: lines of two processes never mix


def alive(pid):
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def work(n, port, main_pid, ready):
    gate = socket.create_connection(("127.0.0.1", port), timeout=30)
    ready.send(n)
    gate.recv(1)
    with open("done-%d.txt" % n, "w") as f:
        f.write("%d %s" % (os.getpid(), alive(main_pid)))


if __name__ == "__main__":
    how, port = sys.argv[1], int(sys.argv[2])
    receive, send = multiprocessing.Pipe(duplex=False)
    children = [multiprocessing.Process(target=work, args=(n, port, os.getpid(), send)) for n in range(2)]
    for p in children:
        p.start()
    running = [receive.recv() for p in children if receive.poll(30)]
    say("main done", os.getpid(), len(running), *[p.pid for p in children])
    if how == "os._exit":
        os._exit(0)
    if how == "killed":
        threading.Event().wait(60)
"""
ENDINGS = {"normal": "a normal exit", "os._exit": "os._exit() in the main", "killed": "a kill of the main"}


def _census(pgid: int, children: list[int]) -> list[dict[str, Any]]:
    """Every process left of a program: its children wherever they went, and its group."""
    import psutil

    left = {p.pid: p for p in process_group(pgid)}
    for pid in children:
        with contextlib.suppress(psutil.Error):
            left.setdefault(pid, psutil.Process(pid))
    seen = []
    for pid, p in sorted(left.items()):
        with contextlib.suppress(psutil.Error):
            role = "child" if pid in children else _helper(" ".join(p.cmdline()))
            seen.append({"pid": pid, "ppid": p.ppid(), "status": p.status(), "role": role})
    return seen


def _helper(cmdline: str) -> str:
    return next((k for k in ("forkserver", "resource_tracker") if k in cmdline), cmdline[:80] or "?")


def _done(folder: str) -> list[dict[str, Any]]:
    """What each child wrote when its work was done: its pid, and whether the main was alive then."""
    found = []
    for name in sorted(n for n in os.listdir(folder) if re.fullmatch(r"done-\d+\.txt", n)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            pid, parent_alive = f.read().split()
        found.append({"pid": int(pid), "main_alive": parent_alive == "True"})
    return found


# A main that does not wait for its children is gone within milliseconds of its last line; one that
# is still there this long later, its children held at the gate, is waiting for them.
HOLD = 0.5


def _ended_within(proc: subprocess.Popen[str], timeout: float) -> bool:
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        return False
    return True


def _end_main(run: LiveProgram, how: str, gate: Gate) -> bool:
    """End the main the way `how` says; True if it ended while its children were still held."""
    if how == "killed":
        run.proc.kill()
    if _ended_within(run.proc, HOLD if how == "normal" else WAIT):
        return True
    gate.open(2)  # a main still there after its last line: let its children go on
    run.proc.wait(WAIT)
    return False


def _unjoined(method: str, how: str) -> dict[str, Any]:
    """Run the program, end its main `how`, and see who is left; then let the children finish."""
    gate = Gate()
    run = LiveProgram(UNJOINED, method, how, (how, str(gate.port)))
    try:
        said = run.line("main done")
        main_pid, running, children = int(said[2]), int(said[3]), [int(w) for w in said[4:]]
        ended_held = _end_main(run, how, gate)
        left = _census(run.proc.pid, children)
        if ended_held:
            gate.open(2)
        still = _still_running_after(children, WAIT)
    finally:
        gate.close()
        output = run.stop()
    return {
        "main_pid": main_pid,
        "children": children,
        "running_when_main_ended": running,
        "main_ended_while_children_held": ended_held,
        "left_after_main": left,
        "still_running": still,
        "done": _done(run.folder),
        **output,
    }


def _still_running_after(pids: list[int], timeout: float) -> int:
    """How many of `pids` are still running after waiting up to `timeout` for them to end."""
    import psutil

    procs = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            procs.append(psutil.Process(pid))
    return len(psutil.wait_procs(procs, timeout=timeout)[1])


@claim(
    "exit.children-linger",
    "Without join(), children stay behind after the main process exits and must be killed by hand.",
    topic="join",
    sources=[
        quote(
            "003",
            "注意,使用进程对象调用 join() 方法。"
            "如果没有 join() ,主进程退出之后子进程会留在idle中,你必须手动杀死它们。",
        )
    ],
    deadline=40.0,
)
def exit_children_linger(mp: Context) -> Facts:
    """A program starts two busy children, never joins them, and its main ends: normally, os._exit, killed."""
    from concurrent.futures import ThreadPoolExecutor

    method = mp.get_start_method()
    with ThreadPoolExecutor(len(ENDINGS)) as pool:  # independent programs, each with its own gate
        runs = {how: pool.submit(_unjoined, method, how) for how in ENDINGS}
    return {how: run.result() for how, run in runs.items()}


def _lingering(run: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in run["left_after_main"] if c["role"] == "child" and c["status"] != "zombie"]


def _abnormal(run: dict[str, Any], how: str) -> str:
    """What the children did when the main ended `how`."""
    stayed = _lingering(run)
    parents = sorted({c["ppid"] for c in stayed})
    ended = sum(not d["main_alive"] for d in run["done"])
    return (
        f"after {how} {len(stayed)} of {len(run['children'])} stayed (ppid now {parents}), "
        f"did their work after the main was gone ({ended}) and ended by themselves "
        f"({len(run['children']) - run['still_running']})"
    )


@exit_children_linger.judge
def _(facts: Facts, where: Where) -> Verdict:
    normal = facts["normal"]
    stayed, count = _lingering(normal), len(normal["children"])
    waited = sum(d["main_alive"] for d in normal["done"])
    others = "; ".join(_abnormal(facts[how], words) for how, words in ENDINGS.items() if how != "normal")
    if stayed and normal["still_running"]:
        return holds(f"{len(stayed)} children outlived a normal exit and did not end by themselves")
    if stayed:
        return partial(f"{len(stayed)} children outlived a normal exit but ended by themselves; {others}")
    if normal["main_ended_while_children_held"] or waited != count:
        raise ValueError(f"no child was left, yet the main did not wait for them: {normal}")
    return refuted(
        f"on a normal exit the main was still there {HOLD} s after its last line while its {count} "
        f"unjoined children were held, their work ended with the main alive ({waited} of {count}), "
        f"and no child was left behind; {others}"
    )


exit_children_linger.expect(
    expect(
        "refuted",
        "multiprocessing's atexit handler joins non-daemonic children: the main waits for "
        "them; only a main killed or ended by os._exit leaves them, and they still end on their own",
        os="linux",
    ),
    expect("refuted", "the same atexit handler joins them", os="darwin", cite=EXIT_FUNCTION),
    expect("refuted", "the same atexit handler joins them", os="win32", cite=EXIT_FUNCTION),
)
exit_children_linger.said(
    en=(
        "without|no|never|forget*|don't|not|omit* & join* & child*|worker* & stay*|remain*|linger*"
        "|left behind|manual*|by hand|zombie*|defunct",
    ),
    zh="不调用|没有|不加|不用|忘记|忘了|不 join|没 join|不去 join & join & 子进程 & 留在|残留|手动|杀掉|杀死|僵尸",
    opposite=(
        "join* & automatic* & exit*|end*|finish*",
        "exit*|shut* down|quit* & wait* for|join* & non-daemon*",
        "自动 & join|等待 & 退出|结束",
        "退出前|结束前|退出之前|结束之前 & join|等待 & 非守护",
    ),
)

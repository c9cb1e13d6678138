"""Daemonic processes: when the flag may be set, what becomes of a child when the main ends, and Ctrl+C."""

from __future__ import annotations

import os
import signal
import sys
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
    program,
    quote,
    refuted,
)

from ._exits import await_exit
from ._programs import TERMINAL_LIKE, WAIT, Gate, LiveProgram

DAEMON_SETTER = (
    "Lib/multiprocessing/process.py: BaseProcess.daemon setter "
    "(assert self._popen is None, 'process has already started')"
)
EXIT_FUNCTION = (
    "Lib/multiprocessing/util.py: _exit_function, registered with atexit (terminates daemonic "
    "children, then joins every remaining child)"
)
WIN32_CREATE = (
    "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ calls _winapi.CreateProcess with "
    "creationflags 0 (no CREATE_NEW_PROCESS_GROUP, no DETACHED_PROCESS): "
    "the child shares the console"
)
ATEXIT_DOCS = (
    "docs: atexit ('not called when the program is killed by a signal not handled by Python ... or when "
    "os._exit() is called')"
)
FORKSERVER_REAPS = (
    "Lib/multiprocessing/forkserver.py: main forks each child and reaps it (os.waitpid in its SIGCHLD "
    "handling), writing the exit status to the child's pipe for Popen.poll"
)
POSIX_SPAWN = (
    "Lib/multiprocessing/popen_fork.py: Popen._launch (os.fork, no setsid/setpgid); "
    "Lib/multiprocessing/spawn.py and forkserver.py likewise start no new session or group"
)


PR_SET_CHILD_SUBREAPER, PR_GET_CHILD_SUBREAPER = 36, 37  # linux/prctl.h


# --- shared pieces: a gate, a watched program, who is left --------------------------------------


def _running(pid: int) -> dict[str, Any] | None:
    """The OS's view of a process that is still running (not a zombie), or None."""
    import psutil

    try:
        p = psutil.Process(pid)
        found = {"pid": pid, "ppid": p.ppid(), "status": p.status()}
    except psutil.Error:
        return None
    return None if found["status"] == psutil.STATUS_ZOMBIE else found


# --- daemon.before-start --------------------------------------------------------------------------


def _report_flag(conn: Any, go: Any) -> None:  # noqa: ANN401 -- a Connection and an Event of the context
    """Once the parent is done with the flag, send back whether this process is daemonic."""
    import multiprocessing

    go.wait(WAIT)
    conn.send(multiprocessing.current_process().daemon)
    conn.close()


def _flag_seen(mp: Context, before: bool) -> dict[str, Any]:
    """Set daemon=True before or after start(); what the parent raised, and what the child says it is."""
    receive, send = mp.Pipe(duplex=False)
    go = mp.Event()
    p = mp.Process(target=_report_flag, args=(send, go))
    refusal = None
    if before:
        p.daemon = True
    p.start()
    if not before:
        try:
            p.daemon = True
        except Exception as exc:  # whatever the setter raises is the observation
            refusal = {"type": type(exc).__name__, "message": str(exc)}
    go.set()
    child = receive.recv() if receive.poll(WAIT) else None
    p.join(WAIT)
    return {"refusal": refusal, "parent_flag": p.daemon, "child_says_daemon": child, "exitcode": p.exitcode}


@claim(
    "daemon.before-start",
    "daemon must be set before start().",
    topic="daemon",
    sources=[quote("000", "如果 .daemon设置为True,表示子进程随着主进程的结束而结束;必须在start之前设置;")],
)
def daemon_before_start(mp: Context) -> Facts:
    """Set daemon=True before start() and after it; ask the child which it became."""
    return {"before": _flag_seen(mp, before=True), "after": _flag_seen(mp, before=False)}


@daemon_before_start.judge
def _(facts: Facts, where: Where) -> Verdict:
    before, after = facts["before"], facts["after"]
    if before["child_says_daemon"] is not True:
        raise ValueError(f"the control (daemon=True before start) failed: {before}")
    if after["refusal"] is None:
        return refuted(
            f"daemon=True after start() raised nothing; the parent's flag became "
            f"{after['parent_flag']}, the child says daemon={after['child_says_daemon']}"
        )
    return holds(
        f"set before start() the child is daemonic; after start() the setter raised "
        f"{after['refusal']['type']}: {after['refusal']['message']!r} and the child stayed "
        f"daemon={after['child_says_daemon']}"
    )


daemon_before_start.expect(
    expect("holds", "AssertionError('process has already started')", os="linux"),
    expect("holds", "the same assert in process.py", os="darwin", cite=DAEMON_SETTER),
    expect("holds", "the same assert in process.py", os="win32", cite=DAEMON_SETTER),
)
daemon_before_start.said(
    en=(
        "^{daemon} & set*|assign*|flag*|mark*|chang*|True|attribute|property|must|has to|have to|need* & {before}"
        " & start*|launch*",
        "^{daemon} & set*|assign*|chang*|flag|attribute|property|it & after|once|later|afterwards|already"
        " & start*|running & error*|rais*|cannot|can't|not allowed|assert*|too late|no longer|no effect",
    ),
    zh=(
        "^{daemon} & start 之前|start() 之前|start 前|start() 前|start 以前|启动之前|启动前|启动以前|开始之前",
        "^{daemon} & start|启动 & 之前|以前 & 设置|设定|设为|赋值|必须|需要|一定要",
        "^{daemon} & start 之后|start() 之后|start 后|start() 后|启动之后|启动后 & 异常|报错|错误|不能|无法|不可以",
    ),
)


# --- the child that works until the probe says so, and the main that ends before it -------------

# The child's work is waiting on the probe's gate instead of sleeping: it cannot end before the probe
# lets it, so whether the main's exit waited for it, killed it or left it is seen without any race.
ONE_CHILD = """\
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


def work(port, main_pid, ready):
    gate = socket.create_connection(("127.0.0.1", port), timeout=30)
    ready.send(os.getpid())
    gate.recv(1)
    with open("done.txt", "w") as f:
        f.write("%d %s" % (os.getpid(), alive(main_pid)))
    say("child done")


if __name__ == "__main__":
    daemon, how, port = sys.argv[1] == "daemon=True", sys.argv[2], int(sys.argv[3])
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=work, args=(port, os.getpid(), send))
    child.daemon = daemon
    child.start()
    running = receive.poll(30) and receive.recv() == child.pid
    say("main finished", os.getpid(), child.pid, child.daemon, running)
    if how == "killed":
        threading.Event().wait(60)
"""


def _done(folder: str) -> dict[str, Any] | None:
    """What the child wrote when its work was done: its pid, and whether the main was alive then."""
    path = os.path.join(folder, "done.txt")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        pid, main_alive = f.read().split()
    return {"pid": int(pid), "main_alive": main_alive == "True"}


def _state_when_ended(main: int, child: int) -> str | None:
    """The child's state once `main` (our child) has ended, before the main is reaped; None if unseen.

    Only where this probe adopts orphans: then, the main ended, nobody but this probe reaps the child,
    so a child already gone was reaped by its own parent before the main ended.
    """
    import threading

    import psutil

    if not (_adopting() and hasattr(os, "waitid")):
        return None
    waiter = threading.Thread(target=os.waitid, args=(os.P_PID, main, os.WEXITED | os.WNOWAIT), daemon=True)
    waiter.start()
    waiter.join(WAIT)
    if waiter.is_alive():
        return None  # the main did not end by the bound: the probe's later waits say so
    try:
        return "zombie" if psutil.Process(child).status() == psutil.STATUS_ZOMBIE else "running"
    except psutil.NoSuchProcess:
        return "reaped"


def _adopting() -> bool:
    """Whether this process is a child subreaper (Linux), which it becomes through `_adopt_orphans`."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return False
    flag = ctypes.c_int(0)
    ctypes.CDLL(None).prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(flag), 0, 0, 0)
    return flag.value == 1


def _adopt_orphans() -> bool:
    """Linux: make this probe the reaper of its programs' orphans (a child subreaper); whether it is one."""
    import ctypes

    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    return _adopting()


def _one_child(method: str, daemon: bool, how: str, watch: bool = False) -> dict[str, Any]:
    """Run ONE_CHILD; a normal main ends at its last line, a killed one by Popen.kill(); see who is left.

    With `watch`, also the child's parent while a killed main still waits, and the child's state the
    moment a normal main has ended (before anyone reaps the main).
    """
    gate = Gate()
    run = LiveProgram(ONE_CHILD, method, f"{how}-daemon={daemon}", (f"daemon={daemon}", how, str(gate.port)))
    watched: dict[str, Any] = {}
    try:
        said = run.line("main finished")
        child, released = int(said[3]), 0
        if how == "killed":
            if watch:
                watched["parent"] = _running(child)  # this main waits until it is killed: no race
            run.proc.kill()
        elif not daemon:
            released = gate.open()  # the main has run its last statement: the child's work goes on now
        elif watch:
            watched["at_main_exit"] = _state_when_ended(run.proc.pid, child)
        run.proc.wait(WAIT)
        left = _running(child)
        if not released:
            gate.open()
        ended = await_exit(child, WAIT)  # a zombie counts: its parent may be a fork server, or gone
    finally:
        gate.close()
        output = run.stop()
    return {
        "main_pid": int(said[2]),
        "child": child,
        "daemon": said[4],
        "child_running": said[5],
        **watched,
        "left_after_main": left,
        "ended_after_release": ended,
        "done": _done(run.folder),
        **output,
    }


# --- daemon.false-outlives ------------------------------------------------------------------------


@claim(
    "daemon.false-outlives",
    "With daemon=False the child can go on running after the main process has finished.",
    topic="daemon",
    sources=[quote("000", "如果 .daemon设置为False表示子进程可以在主进程完成之后继续执行;")],
    deadline=30.0,
)
def daemon_false_outlives(mp: Context) -> Facts:
    """A non-daemonic child does its work only after the main's last statement: which ends first."""
    return {"normal": _one_child(mp.get_start_method(), daemon=False, how="normal")}


@daemon_false_outlives.judge
def _(facts: Facts, where: Where) -> Verdict:
    run = facts["normal"]
    done, left = run["done"], run["left_after_main"]  # the child could work only after the main's last line
    if left is not None:
        return holds(f"the child was still running after the main process ended: {left}")
    if done is None:
        return refuted(
            f"the child did no work after the main's last statement (exit status "
            f"{run['returncode']}, stderr {run['stderr'][-200:]!r})"
        )
    if done["main_alive"]:
        return partial(
            "the child worked on after the main's last statement, but it did not outlive the main "
            "process: the main waited at its exit, was alive when the child's work ended, and "
            f"left nothing behind (main exit status {run['returncode']})"
        )
    return holds("the child finished its work after the main process had ended")


daemon_false_outlives.expect(
    expect(
        "partial",
        "the child runs past the main's code, but multiprocessing's atexit handler joins it: "
        "the main process ends after it",
        os="linux",
    ),
    expect("partial", "the same atexit handler joins non-daemonic children", os="darwin", cite=EXIT_FUNCTION),
    expect("partial", "the same atexit handler joins non-daemonic children", os="win32", cite=EXIT_FUNCTION),
)
daemon_false_outlives.said(
    en=(
        "{daemon} & False|not a daemon & keep*|continu*|outliv*|surviv*|after|go on|goes on|carr* on",
        "non-daemon*|non-daemonic|not daemonic & keep*|continu*|outliv*|surviv*|go on|goes on|still run*|carr* on",
    ),
    zh=(
        "{daemon} & False|不是守护|设为假 & 继续|仍然|依然|照常|不会随",
        "非守护 & 继续|仍然|依然|照常|不会随",
    ),
)


# --- daemon.true-dies-with-main -------------------------------------------------------------------


@claim(
    "daemon.true-dies-with-main",
    "With daemon=True the child ends when the main process ends: it ends before the main, which reaps it.",
    topic="daemon",
    sources=[
        quote("000", "如果 .daemon设置为True,表示子进程随着主进程的结束而结束;"),
        quote(
            "003", "当主进程终止时,守护进程随机终止(本质上是在主进程结束之前结束的,主进程需要负责回收资源)。"
        ),
    ],
    deadline=30.0,
)
def daemon_true_dies_with_main(mp: Context) -> Facts:
    """A daemonic child is busy when the main ends: normally (seen before anyone reaps the main), and killed."""
    from concurrent.futures import ThreadPoolExecutor

    method = mp.get_start_method()
    _adopt_orphans()  # where it cannot, the normal run's state at the main's end is None
    with ThreadPoolExecutor(2) as pool:  # independent programs, each with its own gate
        runs = {how: pool.submit(_one_child, method, True, how, watch=True) for how in ("normal", "killed")}
    return {how: run.result() for how, run in runs.items()}


def _killed_main_fault(killed: dict[str, Any]) -> str | None:
    """What a killed main left behind, or None if its daemon went with it."""
    stayed, done = killed["left_after_main"], killed["done"]
    if stayed is None and done is None:
        return None
    work = "did its work with the main gone" if done and not done["main_alive"] else "did no work"
    return (
        f"only when the main exits normally: after kill() of the main its daemon stayed ({stayed}) and {work}"
    )


def _reaping_fault(facts: Facts) -> str | None:
    """Whether the daemon was gone, reaped by the main, the moment the main ended; None if so (or unseen)."""
    state, parent = facts["normal"]["at_main_exit"], facts["killed"]["parent"]
    if parent is not None and parent["ppid"] != facts["killed"]["main_pid"]:
        return f"the main does not reap it: its parent is pid {parent['ppid']} (not the main), which reaps it"
    if state == "zombie":
        return "it ended, but the main ended without reaping it (it was left a zombie)"
    return None if state in ("reaped", None) else f"it was {state} the moment the main ended"


@daemon_true_dies_with_main.judge
def _(facts: Facts, where: Where) -> Verdict:
    normal, killed = facts["normal"], facts["killed"]
    if normal["daemon"] != "True" or normal["child_running"] != "True":
        raise ValueError(f"the child was not a running daemon: {normal['daemon']}, {normal['child_running']}")
    if normal["left_after_main"] is not None or normal["done"] is not None:
        return refuted(
            f"the daemon outlived the main's normal exit: {normal['left_after_main']}, done={normal['done']}"
        )
    seen = {
        "reaped": "already reaped by its parent the moment the main ended",
        None: "gone (when it was reaped is not seen here: no subreaper)",
    }.get(normal["at_main_exit"], f"{normal['at_main_exit']} the moment the main ended")
    found = (
        ("not reaped by the main", _reaping_fault(facts)),
        ("killed main leaves it", _killed_main_fault(killed)),
    )
    faults = {key: fault for key, fault in found if fault}
    said = f"when the main ended normally the busy daemon was {seen}, its work never done"
    if faults:
        return partial(f"{said}; but {'; and '.join(faults.values())}", key=" + ".join(faults))
    return holds(
        f"{said}; a killed main took it along too", key="" if normal["at_main_exit"] else "reaping unseen"
    )


daemon_true_dies_with_main.expect(
    expect(
        "partial",
        "the fork server is its parent and reaps it (the main reads its status from the server); a killed "
        "main leaves it running",
        os="linux",
        method="forkserver",
    ),
    expect(
        "partial",
        "the main's atexit handler terminates and joins (reaps) it, but only on a normal "
        "exit: a killed main leaves it running",
        os="linux",
    ),
    expect(
        "partial",
        "the same atexit handler (SIGTERM, then join), run only on a normal exit",
        os="darwin",
        cite=f"{EXIT_FUNCTION}; {ATEXIT_DOCS}; {FORKSERVER_REAPS}",
    ),
    expect(
        "partial",
        "the same atexit handler (TerminateProcess, then join), run only on a normal exit",
        os="win32",
        cite=f"{EXIT_FUNCTION}; {ATEXIT_DOCS}",
    ),
)
daemon_true_dies_with_main.said(
    en=(
        "{daemon} & kill*|terminat*|end*|die*|dies|stop*|exit*|shut* down|taken down|go* away|with it & {main}"
        " & !False|non-daemon*|非守护|not|never|n't|detach*|terminal|ctrl*|sigint|surviv*|outliv*|keep*|continu*",
        "^{daemon} & kill*|terminat*|die*|dies|stopped|shut down|taken down|goes away|go away|ends with|exits with"
        " & when|once|as soon as|with|after|if|together & {main} & !False|non-daemon*|非守护|not|never|n't|detach*"
        "|surviv*|outliv*|keep*|continu*",
        "^{daemon} & {not}~outliv*|{not}~surviv* & {main}|program|script|interpreter & !False|non-daemon*",
    ),
    zh=(
        "{daemon} & child*|children & terminat*|kill* & when|once|as soon as|before & exit*|ends|finish*|quit*"
        " & !False|non-daemon*|not|never|n't",
        "{daemon} & {main} & 结束|终止|退出|杀|关闭|停止|消亡 & !False|非守护|继续运行|脱离|终端|不会|不随",
        "^{daemon} & 随着|跟随|随|一起|一同|跟着 & {main} & 结束|终止|退出|杀|消亡 & !非守护|不会|不随",
        "^{daemon} & {main} & 结束|退出|终止 & 被终止|被杀|被自动|自动终止|自动结束|也会结束|也结束|也退出|也会退出|随之"
        " & !非守护|不会|不随",
    ),
    opposite=(
        "{daemon} & surviv*|outliv*|keep* running|continu* running|still running|carr* on & after|when|once|beyond"
        " & {main} & !not|n't|never|non-daemon*|False",
        "{daemon} & {main} & 结束后|退出后|结束之后|退出之后 & 继续运行|仍在运行|还在运行|继续执行 & !不会|非守护|False",
    ),
)


# --- daemon.no-output -----------------------------------------------------------------------------


def _example() -> str:
    """Article 003's fourth example, read from the raw article by the tutorial checker (as code.runs-003 is)."""
    from harness._tutorial._examples import find_examples
    from harness._tutorial._read import read

    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")
    name = next(n for n in sorted(os.listdir(folder)) if n.startswith("003_"))
    return find_examples(read(os.path.join(folder, name)))[3].code


# The example runs as printed, two at a time, RUNS times or until the count of runs in which the daemon
# printed has settled which side of OFTEN it falls. Measured here (runs in which the daemon printed its
# first line): fork 79/100 (3.12), 70/100 (3.13), 26/40 (3.14), 22/40 (3.15), 30/40 (PyPy); forkserver
# 10/300 (3.12), 14/300 (3.13), 2/40 (PyPy) but 78/100 (3.14) and 29/40 (3.15), whose server preloads
# __main__ (gh-126631); spawn 0 of 100-200 on every version (1 of about 1,600 on 3.12). "Often" is
# OFTEN of RUNS (30 %), where a reader who runs the example three times sees the daemon speak more likely
# than not. Rates as measured sit far from it on both sides: at 55 % the chance of fewer than 12 in 40 is
# under 0.1 %; at 15 % (three times forkserver's rate here) that of 12 or more is under 1 %. No number of
# runs could tell spawn's 0.06 % from forkserver's 3-5 % stably (1,000s of runs), so both are "rare".
RUNS = 40
OFTEN = 12
PLAIN_SCALE = (
    0.02  # foo's 3 s become 60 ms: the daemon's first print comes before it, its fate at the main's exit
)


def _printed(stdout: str) -> dict[str, bool]:
    return {
        f"{who} {what}": f"{what} {name}" in stdout
        for who, name in (("daemon", "background_process"), ("other", "NO_background_process"))
        for what in ("Starting", "Exiting")
    }


def _as_printed(example: str, method: str, n: int) -> dict[str, Any]:
    """One run of the example as printed, in a folder of its own."""
    os.mkdir(f"run-{n}")
    done = program(
        example, method=method, timeout=WAIT, sleep_scale=PLAIN_SCALE, env=TERMINAL_LIKE, cwd=f"run-{n}"
    )
    return {**_printed(done.stdout), "returncode": done.returncode, "stderr": done.stderr[-300:]}


@claim(
    "daemon.no-output",
    "(In 003's example) the daemon child prints nothing; the non-daemon child prints.",
    topic="daemon",
    sources=[
        quote(
            "003",
            "background_process.daemon = TrueNO_background_process = multiprocessing.Process("
            "name='NO_background_process', target=foo)NO_background_process.daemon = False",
        ),
        quote(
            "003",
            "在非后台运行的进程会看到一个输出,后台运行的没有输出,后台运行进程在主进程结束之后会自动结束。",
        ),
    ],
    deadline=60.0,  # 48 spawn runs took 16 s with the machine busy: at most 40 are needed
)
def daemon_no_output(mp: Context) -> Facts:
    """Run the example as printed, two at a time, until it is settled whether the daemon speaks OFTEN in RUNS."""
    from concurrent.futures import ThreadPoolExecutor

    method, example = mp.get_start_method(), _example()
    runs: list[dict[str, Any]] = []
    with ThreadPoolExecutor(2) as pool:
        while not _settled(runs):
            runs += pool.map(lambda n: _as_printed(example, method, n), (len(runs), len(runs) + 1))
    return {"runs": runs, "max_runs": RUNS, "often": OFTEN}


def _settled(runs: list[dict[str, Any]]) -> bool:
    """Whether OFTEN is reached, or out of reach in the runs left."""
    spoke = sum(_spoke(r) for r in runs)
    return spoke >= OFTEN or spoke + RUNS - len(runs) < OFTEN


def _spoke(run: dict[str, Any]) -> bool:
    return bool(run["daemon Starting"] or run["daemon Exiting"])


@daemon_no_output.judge
def _(facts: Facts, where: Where) -> Verdict:
    runs = facts["runs"]
    count = {what: sum(r[what] for r in runs) for what in _printed("")}
    spoke = sum(_spoke(r) for r in runs)
    tally = (
        f"in {len(runs)} runs as printed (of at most {facts['max_runs']}, until it was settled whether it "
        f"prints in {facts['often']} or more) the daemon printed 'Starting background_process' in {count['daemon Starting']} "
        f"and 'Exiting background_process' in {count['daemon Exiting']}; the non-daemon child its two "
        f"lines in {count['other Starting']} and {count['other Exiting']}"
    )
    other_prints = count["other Starting"] == count["other Exiting"] == len(runs)
    silent = spoke < facts["often"]
    if other_prints and silent:
        stray = f" (a race it wins rarely: {spoke} of {len(runs)} runs)" if spoke else ""
        return holds(f"{tally}{stray}", key="silent or rare")
    if other_prints:
        cut = "" if count["daemon Exiting"] else ", cut off by the main's exit (never its last line)"
        return partial(
            f"the non-daemon child prints, but the daemon is not silent{cut}: {tally}",
            key="the daemon prints",
        )
    if silent:
        return partial(
            f"the daemon is silent, but the non-daemon child did not always print: {tally}",
            key="other silent",
        )
    return refuted(tally)


daemon_no_output.expect(
    expect(
        "partial",
        "a fork child runs at once: in most runs (55-80 % here) its first line beats the main's exit, "
        "which terminates it; never its last line. The non-daemon child prints both",
        os="linux",
        method="fork",
    ),
    expect(
        "partial",
        "from 3.14 the fork server preloads __main__ (gh-126631): its children start soon enough to "
        "print their first line in most runs (78/100 on 3.14, 29/40 on 3.15)",
        os="linux",
        method="forkserver",
        python=">=3.14",
    ),
    expect(
        "holds",
        "before 3.14 a child forked by the server still imports __main__ and loses the race to the "
        "main's exit in nearly every run (it printed in 3-5 % here): rare, not what a reader sees",
        os="linux",
        method="forkserver",
    ),
    expect(
        "holds",
        "a spawn child boots a fresh interpreter and imports __main__, far longer than the main takes "
        "to reach its exit and terminate it: it printed in 1 run of about 1,600 on 3.12",
        os="linux",
    ),
    expect(
        "partial",
        "as on Linux: a fork child runs at once and may print before the main's exit terminates it",
        os="darwin",
        method="fork",
        cite=EXIT_FUNCTION,
    ),
    expect(
        "partial",
        "as on Linux from 3.14: the fork server preloads __main__, so its children print in most runs",
        os="darwin",
        method="forkserver",
        python=">=3.14",
        cite=f"{EXIT_FUNCTION}; Lib/multiprocessing/forkserver.py: main (preloads __main__ from 3.14, gh-126631)",
    ),
    expect(
        "holds",
        "as on Linux before 3.14: a child of the fork server still imports __main__ and rarely prints",
        os="darwin",
        method="forkserver",
        cite=f"{EXIT_FUNCTION}; Lib/multiprocessing/forkserver.py: main (forks each child from the server)",
    ),
    expect(
        "holds",
        "spawn is the default: the child is terminated at the main's exit while it still boots",
        os="darwin",
        cite=f"{EXIT_FUNCTION}; docs: multiprocessing, Contexts and start methods (spawn, the macOS default since 3.8)",
    ),
    expect(
        "holds",
        "spawn, the only method: terminated at the main's exit while it still boots",
        os="win32",
        cite=EXIT_FUNCTION,
    ),
)
daemon_no_output.said(
    en="^{daemon} & print*|output & nothing|no|not|never|n't",
    zh="后台|守护 & 没有输出|不输出|没有打印|不会打印|看不到输出|没有任何输出",
)


# --- daemon.ignores-terminal ----------------------------------------------------------------------

CTRL_C = """\
import multiprocessing
import os
import signal
import threading


def say(*words):
    os.write(1, (" ".join(map(str, words)) + "\\n").encode())  # one write: lines of two processes never mix


def background():
    try:
        say("daemon running", os.getpid(), os.getpgid(0), os.getsid(0),
            signal.getsignal(signal.SIGINT) is signal.default_int_handler)
        threading.Event().wait(30)
        say("daemon not interrupted")
    except KeyboardInterrupt:
        say("daemon KeyboardInterrupt")
        raise


if __name__ == "__main__":
    d = multiprocessing.Process(target=background, name="background", daemon=True)
    d.start()
    try:
        say("main waiting", os.getpid(), os.getpgid(0), os.getsid(0))
        threading.Event().wait(30)
    except KeyboardInterrupt:
        say("main KeyboardInterrupt")
    d.join(5)
    say("daemon exitcode", d.exitcode)
"""


@claim(
    "daemon.ignores-terminal",
    "A daemon process is detached from the terminal and not affected by its signals, such as Ctrl+C.",
    topic="daemon",
    sources=[quote("003", "守护进程是一种进程驻留内存的后台进程,它脱离终端控制,不受终端信号影响,即 Ctrl+C,")],
    deadline=30.0,
)
def daemon_ignores_terminal(mp: Context) -> Facts:
    """A program with a waiting daemon child gets SIGINT on its process group, as a terminal's Ctrl+C does."""
    if not hasattr(os, "killpg"):
        return {"supported": False}
    inherited = signal.getsignal(signal.SIGINT)
    # a shell starts a program with SIGINT at its default; a background job of a script inherits it ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run = LiveProgram(CTRL_C, mp.get_start_method(), "ctrl-c")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if inherited is None else inherited)
    try:
        daemon, main = run.line("daemon running"), run.line("main waiting")
        os.killpg(run.proc.pid, signal.SIGINT)
        run.proc.wait(WAIT)
    finally:
        output = run.stop()
    said = output["stdout"].splitlines()
    code = next((line.split()[-1] for line in said if line.startswith("daemon exitcode")), None)
    return {
        "supported": True,
        "probe_inherited_sigint": getattr(inherited, "name", repr(inherited)),
        "group": run.proc.pid,
        "daemon": {
            "pid": int(daemon[2]),
            "pgid": int(daemon[3]),
            "sid": int(daemon[4]),
            "default_sigint_handler": daemon[5] == "True",
        },
        "main": {"pid": int(main[2]), "pgid": int(main[3]), "sid": int(main[4])},
        "daemon_interrupted": "daemon KeyboardInterrupt" in output["stdout"],
        "main_interrupted": "main KeyboardInterrupt" in output["stdout"],
        "daemon_exitcode": code,
        **output,
    }


@daemon_ignores_terminal.judge
def _(facts: Facts, where: Where) -> Verdict:
    if not facts["supported"]:
        return not_applicable("no process groups here: a console Ctrl+C cannot be sent to the program alone")
    daemon, main = facts["daemon"], facts["main"]
    same = daemon["pgid"] == main["pgid"] and daemon["sid"] == main["sid"]
    hit = facts["daemon_interrupted"] or facts["daemon_exitcode"] not in (None, "None")
    seen = (
        f"daemon pgid {daemon['pgid']} / sid {daemon['sid']}, main pgid {main['pgid']} / sid "
        f"{main['sid']}; after SIGINT to the group: KeyboardInterrupt in the daemon="
        f"{facts['daemon_interrupted']}, its exitcode {facts['daemon_exitcode']}"
    )
    if same and hit:
        return refuted(f"the daemon is in the terminal's process group and Ctrl+C stops it: {seen}")
    if not same and not hit:
        return holds(seen)
    return partial(seen)


daemon_ignores_terminal.expect(
    expect(
        "refuted",
        "daemon=True is not daemonisation: no setsid, same process group; SIGINT gives the "
        "daemon a KeyboardInterrupt, exitcode 1",
        os="linux",
    ),
    expect(
        "refuted",
        "the same fork/exec without setsid; a terminal's Ctrl+C reaches the whole group",
        os="darwin",
        cite=POSIX_SPAWN,
    ),
    expect(
        "not-applicable",
        "the probe cannot send a console Ctrl+C to the program alone; by the source the "
        "child shares the console, so a real Ctrl+C reaches it (the claim is false there too)",
        os="win32",
        cite=WIN32_CREATE,
    ),
)
daemon_ignores_terminal.said(
    en="^{daemon} & terminal|ctrl+c|ctrl-c|sigint|keyboard & detach*|ignor*|not affect*|unaffected|immune|independent",
    zh="^守护|daemon & 终端|ctrl+c & 脱离|不受|不会受",
    opposite=(
        "^{daemon} & terminal|ctrl+c|ctrl-c|sigint & receiv*|deliver*|sent to|still|not detach*|is affected|are affected|also get*",
        "^守护|daemon & 终端|ctrl+c & 不会脱离|并不会脱离|不脱离|一样会|也会|收到|送到|发到|发给|送给",
    ),
)

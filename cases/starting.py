"""Starting processes: the __main__ guard, start() and run()."""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar, cast

from harness import (
    Context,
    Facts,
    ProgramRun,
    Verdict,
    Where,
    claim,
    context,
    expect,
    finish_program,
    holds,
    partial,
    quote,
    refuted,
    start_program,
)

SPAWN_CHECK = "Lib/multiprocessing/spawn.py: _check_not_importing_main (RuntimeError 'bootstrapping phase')"
SAFE_IMPORT = "docs: multiprocessing, Programming guidelines, 'Safe importing of main module'"

UNGUARDED = """\
import multiprocessing, os
print("top-level ran in", __name__, flush=True)

def work():
    print("child ran", flush=True)

p = multiprocessing.Process(target=work)
p.start()
p.join()
print("child exitcode", p.exitcode, flush=True)
"""

GUARDED = UNGUARDED.replace("p = multiprocessing", "if __name__ == '__main__':\n    p = multiprocessing")
GUARDED = re.sub(r"\n(p\.|print\(\"child exitcode)", r"\n    \1", GUARDED)


def _run_side_by_side(sources: dict[str, str], method: str) -> dict[str, dict[str, Any]]:
    """Start each program in a folder of its own (they are independent), then read what each did."""
    started, procs = time.monotonic(), {}
    for name, source in sources.items():
        os.mkdir(name)
        procs[name] = start_program(source, method=method, cwd=name)
    return {name: _seen(finish_program(proc, timeout=20, started=started)) for name, proc in procs.items()}


def _seen(done: ProgramRun) -> dict[str, Any]:
    """What a run of GUARDED or UNGUARDED printed and raised."""
    out = done.stdout
    code = re.search(r"child exitcode (-?\d+|None)", out)
    return {
        **done.to_json(),
        "top_level_runs": out.count("top-level ran in"),
        "child_ran": "child ran" in out,
        "child_exitcode": code.group(1) if code else None,
        "bootstrapping_error": "bootstrapping phase" in done.stderr,
        "last_error_line": (done.stderr.strip().splitlines() or [""])[-1][:200],
    }


@claim(
    "main-guard.windows",
    "On Windows, code that creates a Process must sit under `if __name__ == '__main__':` "
    "(003: to prevent infinite recursion).",
    topic="start",
    sources=[
        quote("002", "注意:在windows中Process()必须放到# if __name__ == '__main__':下"),
        quote("003", "通过在 main 代码块中实例化进程对象,我们可以预防无限递归调用。"),
    ],
)
def main_guard_windows(mp: Context) -> Facts:
    """Run the same small program with and without the guard, as a real __main__, under the method."""
    method = mp.get_start_method()
    return {"method": method, **_run_side_by_side({"guarded": GUARDED, "unguarded": UNGUARDED}, method)}


def _works(run: dict[str, Any]) -> bool:
    return bool(run["returncode"] == 0 and run["child_ran"] and run["child_exitcode"] == "0")


@main_guard_windows.judge
def _(facts: Facts, where: Where) -> Verdict:
    guarded, bare = facts["guarded"], facts["unguarded"]
    if not _works(guarded):
        raise ValueError(
            f"the guarded control failed: rc={guarded['returncode']} {guarded['last_error_line']}"
        )
    how = (
        f"unguarded: program rc={bare['returncode']}, child exitcode={bare['child_exitcode']}, "
        f"top level ran {bare['top_level_runs']}x, "
        f"'bootstrapping phase' error={bare['bootstrapping_error']}, "
        f"last error: {bare['last_error_line'] or '-'}"
    )
    needed, recursion = not _works(bare), _recursed(bare)
    key = _where_it_fails(bare) + (", recursion" if recursion else "")
    if not needed:
        verdict = refuted if where.env.os == "win32" else holds
        return verdict(f"not needed under {where.method}, so no recursion to prevent ({how})", key=key)
    raiser = "start() in the parent" if key.startswith("start() raises") else "the child"
    reason = (
        "and it does prevent a recursion seen without it"
        if recursion
        else f"but not against infinite recursion: without it {raiser} raises RuntimeError once, and "
        "nothing recurses"
    )
    if where.env.os == "win32":
        return (holds if recursion else partial)(f"the guard is needed on Windows, {reason} ({how})", key=key)
    return partial(f"the guard is needed here too, not only on Windows, {reason} ({how})", key=key)


def _recursed(bare: dict[str, Any]) -> bool:
    """Whether the unguarded program kept starting itself: its deadline hit, or its top level ran on and on."""
    return bool(bare["timed_out"] or bare["top_level_runs"] > 3)


def _where_it_fails(bare: dict[str, Any]) -> str:
    """Where the unguarded program breaks: the verdict key, so drift shows a change of failure site."""
    if _works(bare):
        return "unguarded works"
    if bare["returncode"] != 0 or bare["child_exitcode"] is None:
        return "start() raises in the parent"
    return "the child fails, the parent goes on"


main_guard_windows.expect(
    expect(
        "holds", "fork children do not re-import __main__: unguarded code works", os="linux", method="fork"
    ),
    expect(
        "partial",
        "spawn re-imports __main__ and start() raises RuntimeError in the child: needed on Linux "
        "too, and it is an error, not infinite recursion",
        os="linux",
        method="spawn",
    ),
    expect(
        "partial",
        "forkserver re-imports __main__ (in the child before 3.13.8, in the server from "
        "3.13.8/3.14.1, gh-126631): needed on Linux too",
        os="linux",
        method="forkserver",
    ),
    expect(
        "holds", "fork on macOS does not re-import __main__", os="darwin", method="fork", cite=SPAWN_CHECK
    ),
    expect(
        "partial",
        "spawn (macOS default) re-imports __main__: needed on macOS too",
        os="darwin",
        cite=SPAWN_CHECK,
    ),
    expect(
        "partial",
        "needed, but the reason is false: spawn re-imports __main__ and the child's start() raises "
        "RuntimeError, once; nothing recurses",
        os="win32",
        cite=f"{SPAWN_CHECK}; {SAFE_IMPORT}",
    ),
)
main_guard_windows.said(
    en=(
        "{guard}|main guard|the guard|main block & {must}|should|otherwise|prevent*|protect*|recurs*|windows|spawn"
        "|forget*|without|omit* & !main module|__main__ module|importable",
        "^{guard} & the block|the guard|this block|this check|this line|it & {must}|should|otherwise|prevent*"
        "|recurs*|re-import*|imports? your script|import* the main|again",
        "^{guard} & forget*|without|omit*|leave* out|leaving out|skip* & child*|recurs*|endless*|infinite*"
        "|again|RuntimeError|crash*",
        "^{guard} & linux|fork & not needed|not required|not strictly required|optional|works without|get away",
        "unguarded|unprotected|without a guard|without the guard & spawn*|windows|child*|import*|recurs*|again",
        "bootstrapping phase",  # the RuntimeError of a child that starts processes while importing main
    ),
    zh=(
        "{guard}|main 代码块 & {must}|否则|不然|防止|预防|递归|windows|报错|出错 & !main module|__main__ module"
        "|importable|主模块",
        "递归 & 创建|实例化|子进程 & 进程",
        "^{guard} & linux|fork|mac & 不写|不加|没有写|不需要|不用|省略|不会出错|不会报错|不容易暴露|没问题",
    ),
)


# --- shared: Process subclasses on top of each start method --------------------------------------

PROCESS_PY = (
    "Lib/multiprocessing/process.py: BaseProcess.start calls self._Popen(self); _bootstrap calls "
    "self.run(); BaseProcess.run calls self._target"
)
POPEN_WIN32 = (
    "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ (CreateProcess, then pickles the "
    "process object to the child, which spawn._main unpickles and _bootstraps)"
)
WAIT = 15.0

P = TypeVar("P", bound=BaseProcess)


def _on_each_method(body: type[P]) -> dict[str, type[P]]:
    """`body` on top of every start method's Process class, as module globals (`Talker_spawn`, ...).

    spawn and forkserver unpickle a Process subclass by name, so it must exist at import time.
    """
    made = {}
    for method in multiprocessing.get_all_start_methods():
        name = f"{body.__name__.strip('_')}_{method}"
        base = context(method).Process
        namespace = {"__module__": __name__, "__qualname__": name}
        made[method] = globals()[name] = cast("type[P]", type(name, (body, base), namespace))
    return made


def _subclass(made: Mapping[str, type[P]], mp: Context) -> type[P]:
    """The subclass for the method under test, checked to really be one of mp.Process."""
    cls, base = made[mp.get_start_method()], mp.Process
    if not issubclass(cls, base):
        raise TypeError(f"{cls} is not a subclass of {base}")
    return cls


def _heard(receive: Any) -> list[Any]:  # noqa: ANN401 -- a Connection of the context under test
    """Everything a finished child sent down the pipe (poll() is also true at end of file)."""
    got = []
    try:
        while receive.poll(0):
            got.append(receive.recv())
    except EOFError:
        pass
    return got


def _run_to_end(p: BaseProcess, receive: Any, send: Any) -> dict[str, Any]:  # noqa: ANN401 -- Connections
    """Start `p`, wait for it, and collect what it sent (after exit, everything it sent is in the pipe)."""
    p.start()
    send.close()
    p.join(WAIT)
    if p.exitcode is None:
        p.kill()
        p.join(WAIT)
    return {"exitcode": p.exitcode, "heard": _heard(receive), "name_in_parent": p.name}


# --- start.returns-immediately -------------------------------------------------------------------

CHILD_PATIENCE = 5.0  # how long the child waits for the parent; only reached if start() waited for the child


def _wait_for_parent(started: Any, go: Any, conn: Any) -> None:  # noqa: ANN401 -- context Events, Connection
    """The target: it cannot finish before the parent has run the statement after start()."""
    started.set()
    conn.send({"saw_go": go.wait(CHILD_PATIENCE)})
    conn.close()


@claim(
    "start.returns-immediately",
    "start() does not wait for the child: the parent's next statement runs at once.",
    topic="start",
    sources=[
        quote(
            "002",
            "开一个进程和主进程是并发的关系,我start一下就是先告诉操作系统我要开一个进程"
            "然而它不会等待,他会去执行下面的代码.",
        )
    ],
)
def start_returns_immediately(mp: Context) -> Facts:
    """The child waits for an Event that the parent sets in the statement after start()."""
    started, go = mp.Event(), mp.Event()
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_wait_for_parent, args=(started, go, send))
    p.start()
    after_start = {"child_started": started.is_set(), "child_finished": receive.poll(0)}
    go.set()
    send.close()
    heard = receive.recv() if receive.poll(WAIT) else None
    p.join(WAIT)
    return {"after_start": after_start, "child": heard, "exitcode": p.exitcode}


@start_returns_immediately.judge
def _(facts: Facts, where: Where) -> Verdict:
    after, child = facts["after_start"], facts["child"]
    if child is None or facts["exitcode"] != 0:
        raise ValueError(f"the child did not report (exitcode {facts['exitcode']})")
    if after["child_finished"] or not child["saw_go"]:
        return refuted(f"start() returned only after the child gave up waiting for the parent: {facts}")
    return holds(
        f"the statement after start() ran while the child was still waiting for it (child had "
        f"{'already' if after['child_started'] else 'not yet'} begun when start() returned)"
    )


start_returns_immediately.expect(
    expect(
        "holds",
        "start() launches the child and returns; the child waited for the parent's next statement",
        os="linux",
    ),
    expect(
        "holds", "same POSIX Popen classes as Linux: none waits for the child", os="darwin", cite=PROCESS_PY
    ),
    expect(
        "holds",
        "CreateProcess returns once the child is created; Popen does not wait for it",
        os="win32",
        cite=POPEN_WIN32,
    ),
)
start_returns_immediately.said(
    en=(
        "api & {not}~block*|{not}~wait*|without block*|without wait*",
        "api & non-blocking|nonblocking|asynchronous*|in the background & !join",
        "^api & return*|comes back|come back|hands control back|control back|returns control|gives control back"
        " & {at once}",
        "api & return*|returned|came back|comes back & before & child*|process*|target|function",
        "^api & parent|main|your code|control|caller|the script & continu*|next line|next statement|comes back"
        "|come back|carries on|moves on|goes on & !join|child*|daemon*",
    ),
    zh=(
        "api|start & 不阻塞|不会阻塞|不会等待|不等待|非阻塞|不会等|异步|立即返回|马上返回|立刻返回 & !join",
        "^api|start & 立刻|立即|马上|接着|继续 & 下一行|下面的代码|往下执行|后面的代码|返回 & !join",
    ),
    api=(".start", "start()"),  # the call, not the verb nor "the spawn start method"
    opposite=(
        "api & blocks until|blocks the|is blocking|is a blocking|wait for|waits for|wait until|waits until|block"
        " & !not|n't|never|non-block*|without|join|instead",
        "api|start & 会阻塞|会等待|等待子进程|等子进程 & !不会|不|非阻塞|join",
    ),
)


# --- start.calls-run -----------------------------------------------------------------------------


def _name_callers(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """The target: name the functions that called it, nearest first."""
    chain: list[str] = []
    frame = sys._getframe(1)
    while frame is not None and len(chain) < 6:
        chain.append(f"{frame.f_code.co_name} ({os.path.basename(frame.f_code.co_filename)})")
        frame = frame.f_back  # type: ignore[assignment]
    conn.send({"target_pid": os.getpid(), "callers": chain})


class _RunSpy(BaseProcess):
    """Overrides run() only to say it was called, then lets Process.run() call the target."""

    def __init__(self, conn: Any, **kwargs: Any) -> None:  # noqa: ANN401 -- a Connection
        super().__init__(**kwargs)
        self.conn = conn

    def run(self) -> None:
        """Report, then do what Process.run() does."""
        self.conn.send({"run_pid": os.getpid()})
        super().run()


_RUN_SPY = _on_each_method(_RunSpy)


@claim(
    "start.calls-run",
    "start() starts the process and calls run() in it; run() calls target.",
    topic="start",
    sources=[
        quote("002", "p.start():启动进程,并调用该子进程中的p.run()"),
        quote("002", "p.run():进程启动时运行的方法,正是它去调用target指定的函数"),
        quote("003", "target :是由 run() 方法调用的可调用对象"),
    ],
)
def start_calls_run(mp: Context) -> Facts:
    """A plain Process and one whose run() reports itself; the target names its callers."""
    receive, send = mp.Pipe(duplex=False)
    plain = _run_to_end(mp.Process(target=_name_callers, args=(send,)), receive, send)
    receive, send = mp.Pipe(duplex=False)
    spied = _run_to_end(_subclass(_RUN_SPY, mp)(send, target=_name_callers, args=(send,)), receive, send)
    return {"parent_pid": os.getpid(), "plain": plain, "run_overridden": spied}


def _calls_run(facts: Facts) -> str | None:
    """What departs from start() -> run() (in the child) -> target, or None."""
    plain, spied, me = facts["plain"]["heard"], facts["run_overridden"]["heard"], facts["parent_pid"]
    if len(plain) != 1 or len(spied) != 2:
        return f"the children sent {plain} and {spied}"
    target, run, spied_target = plain[0], spied[0], spied[1]
    if me in (target["target_pid"], run["run_pid"]) or run["run_pid"] != spied_target["target_pid"]:
        return f"run()/target ran in pid {run['run_pid']}/{target['target_pid']}, parent {me}"
    via_run = target["callers"][0].startswith("run (")
    if not via_run or not spied_target["callers"][1].startswith("run (starting"):
        return f"target's callers: {target['callers']} and {spied_target['callers']}"
    return None


@start_calls_run.judge
def _(facts: Facts, where: Where) -> Verdict:
    wrong = _calls_run(facts)
    if wrong:
        return refuted(wrong)
    callers = " <- ".join(facts["plain"]["heard"][0]["callers"][:2])
    return holds(
        f"in the child the target was called by {callers}; an overriding run() was called in the "
        "child and its super().run() called the target"
    )


start_calls_run.expect(
    expect("holds", "BaseProcess._bootstrap calls run() in the child, and run() calls target", os="linux"),
    expect("holds", "the same process.py code on every platform", os="darwin", cite=PROCESS_PY),
    expect(
        "holds", "the same process.py code on every platform", os="win32", cite=f"{PROCESS_PY}; {POPEN_WIN32}"
    ),
)
start_calls_run.said(
    en=(
        "api & run()|run method|Process.run|self.run|p.run & call*|invok*|execut*|arrang*|runs & !join",
        "run()|run method|Process.run & target & call*|invok*",
    ),
    zh=("start|启动 & run()|run 方法|run方法|p.run|run() 方法 & 调用|执行", "run & target & 调用|执行"),
    api=(".start", "start()"),
)


# --- subclass.run and subclass.name: article 002's Myprocess -------------------------------------


class _Talker(BaseProcess):
    """Article 002's Myprocess: super().__init__(), then self.name = name; run() reports from the child."""

    def __init__(self, name: str, conn: Any) -> None:  # noqa: ANN401 -- a Connection
        super().__init__()
        self.name = name
        self.conn = conn

    def run(self) -> None:
        """Say who runs this, and under which name."""
        me = multiprocessing.current_process()
        self.conn.send({"pid": os.getpid(), "self_name": self.name, "current_process_name": me.name})


class _TalkNotRun(BaseProcess):
    """The same work in a method with another name, and no run()."""

    def __init__(self, conn: Any) -> None:  # noqa: ANN401 -- a Connection
        super().__init__()
        self.conn = conn

    def talk(self) -> None:
        """Would say it ran, if anything called it."""
        self.conn.send({"pid": os.getpid(), "talk_called": True})


_TALKER = _on_each_method(_Talker)
_TALK_NOT_RUN = _on_each_method(_TalkNotRun)


def _talk(mp: Context, make: Callable[..., BaseProcess], *args: str) -> dict[str, Any]:
    """Start `make(*args, <pipe end>)` and collect what its child sent."""
    receive, send = mp.Pipe(duplex=False)
    return _run_to_end(make(*args, send), receive, send)


@claim(
    "subclass.run",
    "A process can also be made by subclassing Process and overriding run(); the method must be called run.",
    topic="start",
    sources=[
        quote("002", "def run(self):      # 此处的函数名必须为run"),
        quote("002", "我们自定义类的类中一定要实现该方法"),
        quote("003", "1.2 继承 Process 类创建进程类"),
    ],
)
def subclass_run(mp: Context) -> Facts:
    """Start a subclass that overrides run(), and one whose method is called talk()."""
    return {
        "parent_pid": os.getpid(),
        "run": _talk(mp, _subclass(_TALKER, mp), "jack"),
        "talk": _talk(mp, _subclass(_TALK_NOT_RUN, mp)),
    }


@subclass_run.judge
def _(facts: Facts, where: Where) -> Verdict:
    run, talk = facts["run"], facts["talk"]
    ran = [h for h in run["heard"] if h["pid"] != facts["parent_pid"]]
    if not ran or run["exitcode"] != 0:
        return refuted(
            f"the overriding run() did not run in the child: exitcode {run['exitcode']}, sent {run['heard']}"
        )
    if talk["heard"]:
        return partial(f"run() was called, but so was a method named talk(): {talk['heard']}")
    return holds(
        f"the overriding run() ran in child {ran[0]['pid']}; talk() was never called "
        f"(that child exited {talk['exitcode']} having sent nothing)"
    )


subclass_run.expect(
    expect("holds", "_bootstrap calls self.run(); Process.run() calls only target (None here)", os="linux"),
    expect("holds", "the same process.py code on every platform", os="darwin", cite=PROCESS_PY),
    expect(
        "holds", "the same process.py code on every platform", os="win32", cite=f"{PROCESS_PY}; {POPEN_WIN32}"
    ),
)
subclass_run.said(
    en=(
        "subclass*|inherit*|deriv*|extend* & Process & run|overrid* & !__init__|constructor|Thread",
        "overrid* & run & !__init__|Thread",
        "method & run & must|call* & name*|named",
    ),
    zh=(
        "子类|继承 & Process & run|重写|覆盖|创建 & !__init__|构造",
        "run & 函数名|方法名|必须为|必须叫",
        "^run & 子类|自定义类|继承 & 一定要|必须 & 实现|重写|定义 & !__init__|构造",
    ),
)


@claim(
    "subclass.name",
    "A subclass that sets self.name in its __init__ names the process.",
    topic="start",
    sources=[quote("002", "def __init__(self,name): super().__init__() self.name = name")],
)
def subclass_name(mp: Context) -> Facts:
    """Article 002's Myprocess("jack"): the name in the parent, and inside the child."""
    return {"given": "jack", **_talk(mp, _subclass(_TALKER, mp), "jack")}


@subclass_name.judge
def _(facts: Facts, where: Where) -> Verdict:
    given, heard = facts["given"], facts["heard"]
    if len(heard) != 1:
        raise ValueError(f"the child sent {heard} (exitcode {facts['exitcode']})")
    seen = {
        "parent p.name": facts["name_in_parent"],
        "child self.name": heard[0]["self_name"],
        "child current_process().name": heard[0]["current_process_name"],
    }
    right = [k for k, v in seen.items() if v == given]
    if len(right) == len(seen):
        return holds(f"{given!r} everywhere: {seen}")
    return partial(f"named only in {right}: {seen}") if right else refuted(f"never {given!r}: {seen}")


subclass_name.expect(
    expect(
        "holds", "the name lives in the Process object, which the child inherits or unpickles", os="linux"
    ),
    expect("holds", "the same process.py/spawn.py code as Linux", os="darwin", cite=PROCESS_PY),
    expect(
        "holds",
        "spawn pickles the Process object, its name included, to the child",
        os="win32",
        cite=POPEN_WIN32,
    ),
)
subclass_name.said(
    en=("self.name", "subclass*|inherit* & __init__ & name & set*|assign*"),
    zh=("self.name", "子类|继承 & __init__|构造 & name|名字 & 设置|指定|赋值"),
)


# --- subclass.init-first -------------------------------------------------------------------------

NAME_BEFORE = "set before Process.__init__()"


class _NoSuper(BaseProcess):
    """Overrides __init__ and never calls Process.__init__()."""

    def __init__(self, conn: Any) -> None:  # noqa: ANN401 -- a Connection
        self.conn = conn

    def run(self) -> None:
        """Would say it ran."""
        self.conn.send({"pid": os.getpid()})


class _SuperLast(BaseProcess):
    """Sets its own attribute and the process name first, and only then calls Process.__init__()."""

    def __init__(self, conn: Any) -> None:  # noqa: ANN401 -- a Connection
        self.conn = conn
        self.name = NAME_BEFORE
        super().__init__()

    def run(self) -> None:
        """Use the attribute set before Process.__init__(), and say under which name this runs."""
        self.conn.send({"pid": os.getpid(), "name_in_child": multiprocessing.current_process().name})


class _DaemonFirst(BaseProcess):
    """Sets daemon before calling Process.__init__()."""

    def __init__(self) -> None:
        self.daemon = True
        super().__init__()


_NO_SUPER = _on_each_method(_NoSuper)
_SUPER_LAST = _on_each_method(_SuperLast)
_DAEMON_FIRST = _on_each_method(_DaemonFirst)


def _failure(make: Any) -> str | None:  # noqa: ANN401 -- any callable
    """What calling `make()` raised, as 'Type: message', or None."""
    try:
        make()
    except Exception as exc:  # the failure is the observation
        return f"{type(exc).__name__}: {exc}"
    return None


def _never_called(mp: Context) -> dict[str, Any]:
    """Start a subclass that never called Process.__init__(); what start() raised, what the child sent."""
    receive, send = mp.Pipe(duplex=False)
    p = _subclass(_NO_SUPER, mp)(send)
    error = _failure(p.start)
    send.close()
    if error is None:  # it started after all: collect it like any other
        p.join(WAIT)
    return {"start_error": error, "heard": _heard(receive)}


@claim(
    "subclass.init-first",
    "A subclass that overrides __init__ must call Process.__init__() before doing anything else to the "
    "process.",
    topic="start",
    sources=[
        quote(
            "003",
            "如果子类重写构造函数,它必须确保它在对进程执行任何其他操作之前调用基类构造函数 "
            "Process.__init__()",
        )
    ],
)
def subclass_init_first(mp: Context) -> Facts:
    """Never call Process.__init__(); call it last; and set daemon before it."""
    receive, send = mp.Pipe(duplex=False)
    return {
        "never_called": _never_called(mp),
        "called_last": _run_to_end(_subclass(_SUPER_LAST, mp)(send), receive, send),
        "daemon_first_error": _failure(_subclass(_DAEMON_FIRST, mp)),
        "name_set_before": NAME_BEFORE,
    }


@subclass_init_first.judge
def _(facts: Facts, where: Where) -> Verdict:
    never, last, daemon_error = facts["never_called"], facts["called_last"], facts["daemon_first_error"]
    if never["start_error"] is None:
        return refuted(
            f"a subclass that never called Process.__init__() started; its child sent {never['heard']}"
        )
    if last["exitcode"] != 0 or len(last["heard"]) != 1:
        raise ValueError(f"the subclass calling Process.__init__() last did not run: {last}")
    name_lost = last["name_in_parent"] != facts["name_set_before"]
    seen = (
        f"never called: start() raised {never['start_error']}; called last: an own attribute set "
        f"before it still worked in the child, self.name set before it became {last['name_in_parent']!r} "
        f"(child: {last['heard'][0]['name_in_child']!r}); self.daemon=True before it: "
        f"{daemon_error or 'fine'}"
    )
    if name_lost or daemon_error:
        return holds(f"must be called, and touching the process before it fails or is undone ({seen})")
    return partial(f"it must be called, but the order did not matter: {seen}")


subclass_init_first.expect(
    expect(
        "holds",
        "without it start() raises AttributeError ('_closed'); name/daemon set before it are "
        "reset or raise AttributeError ('_popen'); plain own attributes before it are harmless",
        os="linux",
    ),
    expect(
        "holds",
        "the same process.py code on every platform",
        os="darwin",
        cite=f"{PROCESS_PY}; BaseProcess.__init__, _check_closed, daemon setter",
    ),
    expect(
        "holds",
        "the same process.py code on every platform",
        os="win32",
        cite=f"{PROCESS_PY}; BaseProcess.__init__, _check_closed, daemon setter",
    ),
)
subclass_init_first.said(
    en=(
        "__init__|constructor|super().__init__()|Process.__init__ & call*|invok* & first|before|must",
    ),
    zh="__init__|构造函数|super().__init__() & 子类|重写|父类|基类 & 调用 & 先|之前|必须|一定",
)

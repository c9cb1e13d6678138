"""The Process constructor: group, keywords, args, target and daemon, as the articles describe them."""

from __future__ import annotations

import threading
from functools import partial as partial_
from multiprocessing import current_process
from typing import TYPE_CHECKING, Any

from harness import Context, Facts, Verdict, Where, claim, context, expect, holds, partial, quote, refuted

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection

INIT = "Lib/multiprocessing/process.py: BaseProcess.__init__"
GROUP_ASSERT = f"{INIT} (assert group is None, 'group argument must be None for now')"
ARGS_TUPLE = f"{INIT} (self._args = tuple(args)); docs: Process, 'args ... a list or tuple' (bpo-45735)"
RUN = "Lib/multiprocessing/process.py: BaseProcess.run (calls the target only if it is not None)"
DAEMON = f"{INIT} (self._config = _current_process._config.copy(); daemon set only if not None)"
SPAWN_WIN32 = "Lib/multiprocessing/popen_spawn_win32.py: Popen (the Process object is pickled to the child)"


def _echo(*args: object, conn: Connection) -> None:
    """Send back what the target was called with, and the name and daemon flag it runs under."""
    me = current_process()
    conn.send({"args": list(args), "name": me.name, "daemon": me.daemon})
    conn.close()


def _describe(exc: BaseException) -> dict[str, str]:
    return {"type": type(exc).__name__, "message": str(exc)}


def _answer(conn: Connection, timeout: float = 15.0) -> Any:  # noqa: ANN401 -- whatever the child sent
    """Return the child's message: None if it ended without one, a marker if it said nothing in time."""
    try:
        return conn.recv() if conn.poll(timeout) else {"no_answer_within_s": timeout}
    except EOFError:
        return None


def _reap(p: Any) -> None:  # noqa: ANN401 -- the context's Process
    """Join the child; kill it if it has not ended (it should have)."""
    p.join(15)
    if p.exitcode is None:
        p.kill()
        p.join(5)


def _launch(mp: Context, make: Callable[[Connection], Any]) -> Callable[[], dict[str, Any]]:
    """Build a Process with `make` (given the pipe end its target answers on) and start it; return a collector."""
    receive, send = mp.Pipe(duplex=False)
    try:
        p = make(send)
    except Exception as exc:  # the constructor's refusal is the observation
        refused = {"raised": _describe(exc)}
        receive.close()
        send.close()
        return lambda: refused
    p.start()
    send.close()

    def collect() -> dict[str, Any]:
        with receive:
            answer = _answer(receive)
            _reap(p)
        return {"answer": answer, "exitcode": p.exitcode}

    return collect


def _outcome(mp: Context, make: Callable[[Connection], Any]) -> dict[str, Any]:
    """Build a Process with `make`, run it, and report."""
    return _launch(mp, make)()


def _outcomes(mp: Context, makers: dict[str, Callable[[Connection], Any]]) -> dict[str, dict[str, Any]]:
    """Start one child per maker, side by side (none depends on another), then report each."""
    started = {label: _launch(mp, make) for label, make in makers.items()}
    return {label: collect() for label, collect in started.items()}


def _ran(outcome: dict[str, Any]) -> bool:
    return outcome.get("exitcode") == 0 and isinstance(outcome.get("answer"), dict)


def _args_seen(outcome: dict[str, Any]) -> str:
    """Say what one construction did, in a few words."""
    if "raised" in outcome:
        return f"{outcome['raised']['type']}: {outcome['raised']['message']}"
    answer = outcome.get("answer")
    got = answer.get("args") if isinstance(answer, dict) else answer
    return f"target got {got}, exitcode {outcome.get('exitcode')}"


def _said(refusal: dict[str, str] | None) -> str:
    return f"{refusal['type']}: {refusal['message']}" if refusal else "accepted"


def _with_args(mp: Context, args: object) -> Callable[[Connection], Any]:
    """Build a Process with exactly these `args` (the pipe end goes in kwargs)."""
    return lambda conn: mp.Process(target=_echo, args=args, kwargs={"conn": conn})


def _parameters(cls: type) -> dict[str, Any]:
    import inspect

    return dict(inspect.signature(cls).parameters)


def _first_parameters(cls: type) -> list[str]:
    return list(_parameters(cls))[:5]


# --- ctor.group-none -----------------------------------------------------------------------------

GROUPS = ("a-group", 0, "")


def _refusal(build: Callable[[], object]) -> dict[str, str] | None:
    """Return the exception `build` raised, or None if it accepted its arguments."""
    try:
        build()
    except Exception as exc:  # the refusal is the observation
        return _describe(exc)
    return None


@claim(
    "ctor.group-none",
    "`group` is unused and must always be None; it exists only for compatibility with threading.Thread.",
    topic="constructor",
    sources=[
        quote("002", "group参数未使用,值始终为None"),
        quote("003", "group :应该始终是 None ;它仅用于兼容 threading.Thread 。"),
    ],
)
def ctor_group_none(mp: Context) -> Facts:
    """Pass non-None groups to Process and to Thread, compare signatures, run one with group=None."""
    return {
        "process_refusals": {repr(g): _refusal(partial_(mp.Process, group=g, target=_echo)) for g in GROUPS},
        "thread_refusal": _refusal(partial_(threading.Thread, group="a-group")),
        "process_parameters": _first_parameters(mp.Process),
        "thread_parameters": _first_parameters(threading.Thread),
        "group_none_child": _outcome(
            mp, lambda c: mp.Process(group=None, target=_echo, args=("ran",), kwargs={"conn": c})
        ),
    }


@ctor_group_none.judge
def _(facts: Facts, where: Where) -> Verdict:
    if not _ran(facts["group_none_child"]):
        raise ValueError(f"the group=None control failed: {facts['group_none_child']}")
    refusals = facts["process_refusals"]
    accepted = sorted(g for g, r in refusals.items() if r is None)
    seen = "; ".join(f"group={g}: {_said(r)}" for g, r in refusals.items())
    same_shape = facts["process_parameters"] == facts["thread_parameters"]
    if len(accepted) == len(refusals):
        return refuted(f"every non-None group was accepted ({seen})")
    thread = _said(facts["thread_refusal"])
    if accepted or not same_shape or facts["thread_refusal"] is None:
        return partial(
            f"{seen}; Thread with a group: {thread}; parameters: Process {facts['process_parameters']}, "
            f"Thread {facts['thread_parameters']}"
        )
    return holds(
        f"group=None runs; {seen}; Thread refuses it alike ({thread}) and both signatures start "
        f"{facts['process_parameters']}"
    )


ctor_group_none.expect(
    expect("holds", "BaseProcess.__init__ asserts group is None; Thread does the same", os="linux"),
    expect("holds", "the same pure-Python constructor on every platform", os="darwin", cite=GROUP_ASSERT),
    expect("holds", "the same pure-Python constructor on every platform", os="win32", cite=GROUP_ASSERT),
)
ctor_group_none.said(
    en=(
        "^group & None & must|always|only|should|solely|reserved|compatib*|unused|future & !process group*|pgid"
        "|setpgid|killpg|group of|groups of",
        "^group & Thread|threading.Thread & compatib*|unused|reserved|solely|mirror* & !process group*|group of",
    ),
    zh=(
        "^group & None & 始终|只能|必须|应该|应当|总是|一直|保留|预留|兼容|未使用|没有用|没用|无用 & !进程组|用户组",
        "^group & Thread|threading & 兼容 & !进程组|用户组",
        "^group & 未使用|没有用|没用|无用|保留|预留|没有任何作用 & 参数 & !进程组|用户组",
    ),
    opposite=(
        "^group & {not}~always|{not}~None|{not}~unused|{not}~reserved & !must|should|必须",
    ),
)


# --- ctor.keyword-args ---------------------------------------------------------------------------


@claim(
    "ctor.keyword-args",
    "The constructor's parameters must be given as keywords.",
    topic="constructor",
    sources=[quote("002", "需要使用关键字的方式来指定参数")],
)
def ctor_keyword_args(mp: Context) -> Facts:
    """Build and run Processes by keywords and by position; try daemon and a lone target positionally."""
    runs = _outcomes(
        mp,
        {
            "keywords": lambda c: mp.Process(
                target=_echo, name="by-keyword", args=("a", 1), kwargs={"conn": c}
            ),
            "positional": lambda c: mp.Process(None, _echo, "by-position", ("a", 1), {"conn": c}),
        },
    )
    return {
        **runs,
        "daemon_positional": _refusal(lambda: mp.Process(None, _echo, "d", (), {}, True)),
        "target_alone_positional": _refusal(lambda: mp.Process(_echo)),
    }


@ctor_keyword_args.judge
def _(facts: Facts, where: Where) -> Verdict:
    if not _ran(facts["keywords"]):
        raise ValueError(f"the keyword control failed: {facts['keywords']}")
    by_position = facts["positional"]
    answer = by_position.get("answer") or {}
    got = (answer.get("args"), answer.get("name"))
    positional_ok = _ran(by_position) and got == (["a", 1], "by-position")
    daemon, alone = facts["daemon_positional"], facts["target_alone_positional"]
    seen = (
        f"Process(None, f, 'by-position', ('a', 1), {{...}}): {_args_seen(by_position)}, name "
        f"{answer.get('name')!r}; daemon as 6th positional: {_said(daemon)}; Process(f): {_said(alone)}"
    )
    if not positional_ok:
        return holds(f"positional arguments do not work: {seen}")
    if daemon is None:
        return refuted(f"every parameter works positionally: {seen}")
    return partial(
        f"only daemon is keyword-only; the others work positionally in the order group, target, "
        f"name, args, kwargs: {seen}"
    )


ctor_keyword_args.expect(
    expect(
        "partial",
        "positional arguments work in signature order; only daemon (after `*`) is keyword-only",
        os="linux",
    ),
    expect("partial", "the signature is the same on every platform", os="darwin", cite=INIT),
    expect("partial", "the signature is the same on every platform", os="win32", cite=INIT),
)
ctor_keyword_args.said(
    en=(
        "pass|use|give|call & as keyword arguments|as keywords|by keyword & ^target|args|Process|constructor & !kwargs|dict*",
        "keyword*|by name|named argument* & argument*|parameter*|call*|pass* & ^Process|Process()|constructor|target="
        " & must|should|need*|required|always|recommend*|best & !kwargs|dict*|dictionar*|keyword-only|keyword only"
        "|subprocess*|Popen",
    ),
    zh="关键字|命名参数|参数名 & 参数|传参 & 必须|需要|应该|应当|只能|总是|始终|最好|建议|要用 & !kwargs|字典|仅限关键字",
    opposite=(
        "positional* & ^target|Process|Process( & also|too|work*|fine|allowed|accepted|can & !args|tuple|kwargs",
        "位置参数|按位置 & target|Process|构造 & 也可以|也行|可以|也能 & !args|元组",
    ),
)


# --- ctor.args-tuple -----------------------------------------------------------------------------

ARGS_TRIALS: dict[str, object] = {
    "tuple ('abc',)": ("abc",),
    "list ['abc']": ["abc"],
    "no comma ('abc'), a str": "abc",
    "no comma (5), an int": 5,
}


@claim(
    "ctor.args-tuple",
    "`args` must be a tuple, with a trailing comma for a single element.",
    topic="constructor",
    sources=[
        quote("000", "注意args是一个元组,如果传入的参数只有一个,需要表示为 args = (element1,)"),
        quote("002", "args指定的为传给target函数的位置参数,是一个元组形式,必须有逗号"),
        quote("001", "以及該函數的對象列表args(必須是tuple格式, 且元素與pro_do的參數一一對應)"),
        quote("002", "args表示调用对象的位置参数元组,args=(1,2,'egon',)"),
        quote("003", "args :是目标调用的参数元组。"),
    ],
)
def ctor_args_tuple(mp: Context) -> Facts:
    """Pass one argument as a tuple, a list, and without the comma (a str, an int); see what arrives."""
    return _outcomes(mp, {label: _with_args(mp, args) for label, args in ARGS_TRIALS.items()})


def _delivered(outcome: dict[str, Any], wanted: list[object]) -> bool:
    return _ran(outcome) and outcome["answer"]["args"] == wanted


@ctor_args_tuple.judge
def _(facts: Facts, where: Where) -> Verdict:
    tuple_, list_, bare_str, bare_int = (facts[label] for label in ARGS_TRIALS)
    if not _delivered(tuple_, ["abc"]):
        raise ValueError(f"the tuple control failed: {tuple_}")
    seen = "; ".join(f"{label}: {_args_seen(facts[label])}" for label in ARGS_TRIALS)
    comma_needed = not _delivered(bare_str, ["abc"]) and not _delivered(bare_int, [5])
    if not comma_needed:
        return refuted(f"a single argument arrived without the comma: {seen}")
    if _delivered(list_, ["abc"]):
        return partial(f"the comma is needed, but not a tuple: any iterable is taken (tuple(args)): {seen}")
    return holds(seen)


ctor_args_tuple.expect(
    expect(
        "partial",
        "tuple(args): a list works; without the comma a str is splatted, an int is a TypeError",
        os="linux",
    ),
    expect("partial", "the same pure-Python constructor on every platform", os="darwin", cite=ARGS_TUPLE),
    expect("partial", "the same pure-Python constructor on every platform", os="win32", cite=ARGS_TUPLE),
)
ctor_args_tuple.said(
    en=(
        "args & tuple & !list|sequence|iterable|keyword args|call object",
        "^args & tuple & must|has to|needs to|should|always|expects & !list|sequence|iterable",
        "^args & tuple of|a tuple & positional|of arguments & !starmap|iterable|list|keyword args|call object",
        "^args & must|has to|needs to|only|always & tuple & not a list|not list|rather than a list|instead of a list",
        "argument*|positional & tuple & target|Process|child process*|constructor & !list|msg|format*",
        "comma & single|one|trailing|lone|one-element|1-tuple & argument*|element|args|tuple|item",
        "comma & forget*|forgot|need*|required|must|trailing & args|tuple|(#,)",
        "(#,)|(x,)|(n,)|(a,) & tuple|元组 & not|only|makes|才是|不是|才",
    ),
    zh=(
        "args & 元组 & !列表",
        "^args & 元组 & 位置参数|的参数 & !starmap|iterable|列表",
        "^args & 元组|tuple & 必须|只能|一定|必需|需要是 & !也可以|也行|或列表|列表或|列表也",
        "逗号 & 元组|args|一个参数|单个参数|一个元素|单个元素|只有一个|单元素",
    ),
    opposite=(
        "^args & {not}~have to|{not}~has to|{not}~need*|{not}~must|needn't & tuple",
        "^args & 不一定是元组|不一定要是元组|不必是元组|不需要是元组|不用是元组|未必是元组|不一定要用元组|不必用元组|非得是元组"
        "|不一定是 tuple",
    ),
)


# --- ctor.args-list ------------------------------------------------------------------------------


@claim(
    "ctor.args-list",
    "`args` may be a list or a tuple (default: the empty tuple).",
    topic="constructor",
    sources=[quote("003", "args 参数默认值为 (),可被用来指定要传递给 target 的参数列表或元组。")],
)
def ctor_args_list(mp: Context) -> Facts:
    """Run the same two arguments as a list and as a tuple, and a child with args left out."""

    def run(**options: Any) -> Callable[[Connection], Any]:  # noqa: ANN401 -- the constructor's own keywords
        return lambda c: mp.Process(target=_echo, kwargs={"conn": c}, **options)

    runs = _outcomes(mp, {"list": run(args=[1, "two"]), "tuple": run(args=(1, "two")), "omitted": run()})
    return {**runs, "default_repr": repr(_parameters(mp.Process)["args"].default)}


@ctor_args_list.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = (
        f"list: {_args_seen(facts['list'])}; tuple: {_args_seen(facts['tuple'])}; omitted: "
        f"{_args_seen(facts['omitted'])} (default {facts['default_repr']})"
    )
    works = {kind: _delivered(facts[kind], [1, "two"]) for kind in ("list", "tuple")}
    default_ok = facts["default_repr"] == "()" and _delivered(facts["omitted"], [])
    if all(works.values()) and default_ok:
        return holds(seen)
    if any(works.values()):
        return partial(seen)
    return refuted(seen)


ctor_args_list.expect(
    expect("holds", "tuple(args) accepts a list; the default is ()", os="linux"),
    expect("holds", "the same pure-Python constructor on every platform", os="darwin", cite=ARGS_TUPLE),
    expect("holds", "the same pure-Python constructor on every platform", os="win32", cite=ARGS_TUPLE),
)
ctor_args_list.said(
    en=(
        "^args & list & also|too|may|can|work*|fine|accept*|allowed|or a tuple|or tuple & !must be a tuple"
        "|must be tuple|only a tuple|not a list|has to be a tuple|needs to be a tuple",
        "args & list or tuple|tuple or list|list or a tuple|tuple or a list|lists or tuples|tuples or lists",
        "args & default* & empty tuple|= ()|is ()|to ()",
    ),
    zh=(
        "^args & 列表 & 也可以|可以|也行|也能|都行|均可|都可以|或|可被 & !必须|只能|不能是列表|不是列表",
        "args & 默认 & 空元组|为 ()|是 ()|为()|是()",
    ),
    opposite=(
        "^args & cannot be a list|can't be a list|must not be a list|not a list|no list",
        "^args & 不能是列表|不能用列表|不可以是列表|不能传列表|不是列表",
    ),
)


# --- ctor.target-none ----------------------------------------------------------------------------


@claim(
    "ctor.target-none",
    "`target` defaults to None, and then run() calls nothing.",
    topic="constructor",
    sources=[
        quote("003", "target :是由 run() 方法调用的可调用对象。它默认为 None ,意味着什么都没有被调用。")
    ],
)
def ctor_target_none(mp: Context) -> Facts:
    """Read target's default; call run() of a target-less Process here, then start one as a child."""
    here = mp.Process()
    try:
        ran: dict[str, Any] = {"returned": repr(here.run())}
    except Exception as exc:  # a failing run() is the observation
        ran = {"raised": _describe(exc)}
    child = mp.Process()
    child.start()
    started_pid = child.pid
    _reap(child)
    return {
        "default_repr": repr(_parameters(mp.Process)["target"].default),
        "run_here": ran,
        "child_pid": started_pid,
        "child_exitcode": child.exitcode,
    }


@ctor_target_none.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = (
        f"default target={facts['default_repr']}, run() here: {facts['run_here']}, child pid "
        f"{facts['child_pid']} exitcode {facts['child_exitcode']}"
    )
    nothing_called = facts["run_here"] == {"returned": "None"} and facts["child_exitcode"] == 0
    if facts["default_repr"] == "None" and nothing_called and facts["child_pid"]:
        return holds(seen)
    return refuted(seen)


TARGET_NONE_REASON = "run() skips a None target: returns None, the child exits 0"
ctor_target_none.expect(
    expect("holds", TARGET_NONE_REASON, os="linux"),
    expect("holds", TARGET_NONE_REASON, os="darwin", cite=RUN),
    expect("holds", TARGET_NONE_REASON, os="win32", cite=f"{RUN}; {SPAWN_WIN32}"),
)
ctor_target_none.said(
    en=(
        "^target & None & default*|nothing|no-op & !group",
        "default* & None & nothing|no-op & call*|run*",
        "target & without|no target|not given|omit*|not pass*|n't pass|not give|n't give|not provide*|n't provide"
        "|isn't given|is not given|not specified & nothing"
        "|no-op|does nothing|returns immediately|no work",
    ),
    zh=(
        "^target & None & 默认|什么都|什么也|不执行|没有任何|不调用 & !group",
        "默认 & None & 什么都没有|不调用|没有被调用",
        "target & 不指定|没有指定|不传|未指定|省略|没给|不给 & 什么都不|什么也不|不做任何|不执行|不调用|直接返回",
    ),
    opposite=(
        "^target & {not}~None & default* & !group",
        "^target & 默认不是 None|不是 None|并不是 None & 默认 & !group",
    ),
)


# --- ctor.daemon-inherit -------------------------------------------------------------------------


def _report_inheritance(method: str, conn: Connection) -> None:
    """From inside a child: the daemon flag of Process objects it creates (none is started)."""
    ctx = context(method)
    made = ctx.Process(target=None)
    report: dict[str, Any] = {
        "self": current_process().daemon,
        "default": made.daemon,
        "explicit_false": ctx.Process(target=None, daemon=False).daemon,
    }
    if made.daemon:  # a daemon's child cannot start: record the refusal, it shows the flag matters
        report["start_refused"] = _refusal(made.start)
    conn.send(report)
    conn.close()


def _inside(mp: Context, daemon: bool) -> Callable[[Connection], Any]:
    """Make a child with this daemon flag that reports on the Process objects it creates."""
    return lambda c: mp.Process(target=_report_inheritance, args=(mp.get_start_method(), c), daemon=daemon)


@claim(
    "ctor.daemon-inherit",
    "daemon=None (the default) inherits the daemon flag from the creating process.",
    topic="constructor",
    sources=[
        quote(
            "003",
            "daemon:将进程 daemon 标志设置为 True 或 False 。"
            "如果是 None (默认值),则该标志将从创建的进程继承。",
        )
    ],
)
def ctor_daemon_inherit(mp: Context) -> Facts:
    """Create Processes with the default flag in the main process, a daemon child, a non-daemon child."""
    children = {"daemon_child": _inside(mp, daemon=True), "non_daemon_child": _inside(mp, daemon=False)}
    told = {where: run.get("answer", run) for where, run in _outcomes(mp, children).items()}
    return {"main": {"self": mp.current_process().daemon, "default": mp.Process().daemon}, **told}


@ctor_daemon_inherit.judge
def _(facts: Facts, where: Where) -> Verdict:
    places = {
        "main": facts["main"],
        "daemon child": facts["daemon_child"],
        "non-daemon child": facts["non_daemon_child"],
    }
    if not all(isinstance(v, dict) and "default" in v for v in places.values()):
        raise ValueError(f"a child did not answer: {places}")
    seen = "; ".join(
        f"in {k} (daemon={v.get('self')}): default -> {v.get('default')}" for k, v in places.items()
    )
    inherited = [k for k, v in places.items() if v["default"] == v["self"]]
    refusal = places["daemon child"].get("start_refused")
    seen += f"; start() in the daemon child: {_said(refusal)}"
    if len(inherited) == len(places):
        return holds(seen)
    return partial(seen) if "daemon child" in inherited else refuted(seen)


ctor_daemon_inherit.expect(
    expect("holds", "a new Process copies the creating process's _config, daemon included", os="linux"),
    expect(
        "holds",
        "the creating process's _config travels with it (fork copy or pickled for spawn)",
        os="darwin",
        cite=DAEMON,
    ),
    expect(
        "holds",
        "the spawned child's Process object is unpickled with its _config",
        os="win32",
        cite=f"{DAEMON}; {SPAWN_WIN32}",
    ),
)
ctor_daemon_inherit.said(
    en=(
        "^daemon & inherit* & !file descriptor*|handle*|inheritable",
        "daemon & unset|not set|default|None|leave|omit*|not given|not specified & flag|value & parent|creat* & take*|get*"
        "|copies|copied|same|from|follows|matches",
        "flag & inherit* & parent|creating process|creator & !file descriptor*|handle*|inheritable|fd*",
    ),
    zh=(
        "^daemon|守护 & 继承",
        "标志 & 继承 & !文件描述符|句柄",
        "daemon|守护 & 默认|None|不指定|未指定|不设置|没有设置 & 父进程|创建它的|创建者|创建的进程 & 相同|一样|跟随"
        "|沿用|取自|来自|决定",
    ),
    opposite=(
        "^daemon & {not}~inherit*|never inherit* & !file descriptor*|handle*|inheritable",
        "daemon|守护 & 不会继承|不继承|并不继承|没有继承|不是继承",
    ),
)

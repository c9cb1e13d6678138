"""Talking between processes: Queue, Pipe, Manager, Value and Array, as the articles use them."""

from __future__ import annotations

import os
import queue
from collections import Counter
from typing import TYPE_CHECKING, Any

from harness import Context, Facts, Verdict, Where, claim, expect, holds, partial, quote, refuted

if TYPE_CHECKING:
    from collections.abc import Callable

QUEUES = "Lib/multiprocessing/queues.py: Queue.put (feeder thread writes a pipe), Queue.get (reads it)"
QUEUE_GET = "Lib/multiprocessing/queues.py: Queue.get blocks with no timeout; raises queue.Empty with one"
CONNECTION = (
    "Lib/multiprocessing/connection.py: Pipe (POSIX: socketpair, or os.pipe if duplex=False; "
    "Windows: a duplex named pipe), _ConnectionBase._check_readable/_check_writable"
)
PIPE_DOCS = (
    "docs: multiprocessing, 'Exchanging objects between processes -> Pipes' (only simultaneous use "
    "of the same end risks corruption)"
)
MANAGERS = "Lib/multiprocessing/managers.py: SyncManager, DictProxy, ListProxy; docs 'Managers'"
SHAREDCTYPES = "Lib/multiprocessing/sharedctypes.py: Value, Array (shared memory handed to spawn children)"
TOOLS = f"{QUEUES}; {CONNECTION}; {MANAGERS}; {SHAREDCTYPES}"

WAIT = 10.0  # the bound on every wait for a child
QUIET = 0.1  # how long a drained reader is watched for ending by itself (a get(timeout) reader ends in it)
NAMES = ["Yi_Zhi_Yu", "Tony", "San"]  # 001's items


def _finish(*procs: Any) -> list[int | None]:  # noqa: ANN401 -- Processes of the context under test
    """Join each child (bounded), note its exitcode, and kill what did not end so nothing outlives us."""
    codes = []
    for p in procs:
        p.join(WAIT)
        codes.append(p.exitcode)
        if p.exitcode is None:
            p.kill()
            p.join(WAIT)
    return codes


def _child(mp: Context, target: Any, *args: Any) -> Any:  # noqa: ANN401 -- the context's Process
    """Make a (not yet started) child of the context under test."""
    return mp.Process(target=target, args=args)  # typeshed: DefaultContext only


def _produce(q: Any, items: list[Any]) -> None:  # noqa: ANN401 -- a Queue of the context under test
    """Put each item, in order."""
    for item in items:
        q.put(item)


def _receive(end: Any) -> Any:  # noqa: ANN401 -- a Connection; returns what was sent
    """One message from a Connection, or None if nothing came within the bound."""
    return end.recv() if end.poll(WAIT) else None


# --- queue.between-children ----------------------------------------------------------------------


def _consume(q: Any, count: int, report: Any) -> None:  # noqa: ANN401 -- Queue and Connection
    """Get `count` items (each wait bounded), then tell the parent what came, and from which pid."""
    got: list[Any] = []
    try:
        for _ in range(count):
            got.append(q.get(timeout=WAIT))
    except queue.Empty:
        pass
    report.send({"pid": os.getpid(), "items": got})
    report.close()


@claim(
    "queue.between-children",
    "A Queue carries items between two child processes, in order.",
    topic="ipc",
    sources=[
        quote("001", "子進程之間或子進程怎么向父進程通信呢"),
        quote("001", "QueueQueue 是一種方式"),
        quote(
            "004", "p1 = Process(target=producer, args=(queue,)) p2 = Process(target=consumer, args=(queue,))"
        ),
    ],
)
def queue_between_children(mp: Context) -> Facts:
    """Let a producer child put items and a consumer child get them and report them over a Pipe."""
    items: list[Any] = [*NAMES, *range(20)]
    q = mp.Queue()
    receive, send = mp.Pipe(duplex=False)
    consumer = _child(mp, _consume, q, len(items), send)
    producer = _child(mp, _produce, q, items)
    consumer.start()  # the consumer waits first, as 001's reader does
    producer.start()
    send.close()
    report = _receive(receive)
    codes = _finish(producer, consumer)
    return {
        "parent_pid": os.getpid(),
        "producer_pid": producer.pid,
        "consumer_pid": consumer.pid,
        "sent": items,
        "consumer": report,
        "exitcodes": {"producer": codes[0], "consumer": codes[1]},
    }


@queue_between_children.judge
def _(facts: Facts, where: Where) -> Verdict:
    sent, report = facts["sent"], facts["consumer"]
    if report is None:
        return refuted(f"the consumer child reported nothing within {WAIT}s; exitcodes {facts['exitcodes']}")
    got = report["items"]
    seen = (
        f"producer pid {facts['producer_pid']} -> consumer pid {report['pid']} "
        f"(parent {facts['parent_pid']}): {len(got)} of {len(sent)} items"
    )
    if got == sent:
        return holds(f"{seen}, in the order put")
    if Counter(map(repr, got)) == Counter(map(repr, sent)):
        return partial(f"{seen}, all arrived but out of order: {got}")
    return refuted(f"{seen}; got {got}")


queue_between_children.expect(
    expect("holds", "one producer's items come out of the queue's pipe in the order put", os="linux"),
    expect("holds", "same Queue (pipe + feeder thread) on macOS", os="darwin", cite=QUEUES),
    expect("holds", "same Queue on Windows, over a named pipe", os="win32", cite=QUEUES),
)
queue_between_children.said(
    en=(
        "same queue & process*|consumer*|producer*|worker*|child*",
        "Queue|Queues & two|between|another|each other|one another & child*|process*|producer|consumer|worker*"
        " & !Pipe*|Manager|None|sentinel|how to|example|shows how",
        "api & order|FIFO|first in|first-in & !LIFO|priority|deque|asyncio|queue module|queue.Queue|thread*",
        "Queue & producer* & consumer* & Process|child*|process*|worker* & !Pipe|Manager|multiple|many",
    ),
    zh=(
        "queue|队列 & 子进程之间|进程之间|两个子进程|两个进程|生产者|消费者|顺序|先进先出 & !pipe|管道|manager|None|哨兵"
        "|LIFO|优先级|双端|如何|怎么|怎样|演示|示例",
        "一个进程|生产者|子进程 & 另一个进程|消费者|另一个子进程 & queue|队列 & 放|取|put|get",
        "同一个队列|同一个 queue|同一 queue|同一队列 & 进程",
    ),
    api=("Queue", "JoinableQueue", "SimpleQueue"),
    opposite=(
        "Queue & cannot|can't|{not}~pass*|{not}~carry|{not}~connect* & between|two child*|another process & !pool|Pool|Manager",
        "queue|队列 & 不能|无法|不可以 & 子进程之间|两个子进程|进程之间 & 传递|通信|共享|交换 & !pool|进程池|manager",
        "api|Queue & {not}~keep*|{not}~preserv*|{not}~in order|{not}~FIFO & order|FIFO",
    ),
)


# --- queue.reader-blocks -------------------------------------------------------------------------


def _read_forever(q: Any, seen: Any) -> None:  # noqa: ANN401 -- Queues of the context under test
    """001's reader: loop on q.get() with no way out, passing on each item."""
    while True:
        # unbounded on purpose: whether this get() ever returns is the experiment; the parent bounds
        # every wait of its own and terminates this child
        seen.put(q.get())


def _read_until_empty(q: Any, report: Any) -> None:  # noqa: ANN401 -- Queue and Connection
    """Loop the other way: get(timeout) raises queue.Empty, so the loop can end."""
    got: list[Any] = []
    while True:
        try:
            got.append(q.get(timeout=QUIET))
        except queue.Empty:
            break
    report.send(got)


def _os_view(pid: int) -> dict[str, Any]:
    """Read a child's status and CPU seconds as the OS sees them (before anything reaps it)."""
    import psutil

    try:
        ps = psutil.Process(pid)
        return {"status": ps.status(), "cpu_s": round(sum(ps.cpu_times()[:2]), 3)}
    except psutil.NoSuchProcess:
        return {"status": "gone", "cpu_s": None}


def _timeout_reader(mp: Context) -> Callable[[], dict[str, Any]]:
    """Start the alternative (evidence only): a get(timeout) reader on a filled queue; return a collector."""
    q = mp.Queue()
    _produce(q, NAMES)
    receive, send = mp.Pipe(duplex=False)
    p = _child(mp, _read_until_empty, q, send)
    p.start()
    send.close()

    def collect() -> dict[str, Any]:
        got, code = _receive(receive), _finish(p)[0]
        q.close()  # only now: a spawn child reopens the queue's semaphores by name, so q must outlive it
        return {"items": got, "exitcode": code}

    return collect


def _drain(seen: Any, count: int) -> list[Any]:  # noqa: ANN401 -- a Queue of the context under test
    """Up to `count` items from a queue, each wait bounded."""
    got: list[Any] = []
    try:
        for _ in range(count):
            got.append(seen.get(timeout=WAIT))
    except queue.Empty:
        pass
    return got


def _watch_then_terminate(reader: Any) -> dict[str, Any]:  # noqa: ANN401 -- a started Process
    """Watch a drained reader for QUIET seconds (the OS's view first), then terminate() it."""
    before = _os_view(reader.pid)
    reader.join(QUIET)
    facts = {
        "quiet_s": QUIET,
        "os_before": before,
        "os_after": _os_view(reader.pid),
        "alive_after_quiet": reader.is_alive(),
        "exitcode_after_quiet": reader.exitcode,
    }
    reader.terminate()
    reader.join(WAIT)
    facts.update(alive_after_terminate=reader.is_alive(), exitcode_after_terminate=reader.exitcode)
    _finish(reader)
    return facts


@claim(
    "queue.reader-blocks",
    "A reader looping on q.get() never ends by itself and has to be terminated.",
    topic="ipc",
    sources=[
        quote("001", "while True: name = q.get()"),
        quote("001", "pr.terminate() #服務進程,強制停止"),
    ],
)
def queue_reader_blocks(mp: Context) -> Facts:
    """Run 001's writer and looping reader; once the writer is done and the queue drained, watch it."""
    alternative = _timeout_reader(mp)  # runs meanwhile: its wait overlaps the quiet window
    q, seen = mp.Queue(), mp.Queue()
    writer = _child(mp, _produce, q, NAMES)
    reader = _child(mp, _read_forever, q, seen)
    writer.start()
    reader.start()
    writer_code = _finish(writer)[0]
    got = _drain(seen, len(NAMES))
    return {
        "writer_exitcode": writer_code,
        "reader_got": got,
        **_watch_then_terminate(reader),
        "timeout_reader": alternative(),
    }


CPU_TICK = 0.011  # the kernel counts CPU time in 10 ms ticks: a blocked reader gains at most one


def _asleep(before: dict[str, Any], after: dict[str, Any], os_name: str) -> bool:
    """Whether the reader sat blocked through the watch: no CPU spent, and (where the OS says) asleep."""
    if before["cpu_s"] is None or after["cpu_s"] is None:
        return False
    flat = after["cpu_s"] - before["cpu_s"] <= CPU_TICK
    # psutil reports every live process as "running" on Windows (no such status there) and on macOS
    # (kinfo_proc's p_stat: giampaolo/psutil#1754, #2675), so only the CPU time can say it there
    return flat and (os_name in ("win32", "darwin") or after["status"] in ("sleeping", "disk-sleep"))


@queue_reader_blocks.judge
def _(facts: Facts, where: Where) -> Verdict:
    if facts["reader_got"] != NAMES or facts["writer_exitcode"] != 0:
        raise ValueError(
            f"control failed: writer exitcode {facts['writer_exitcode']}, "
            f"reader passed on {facts['reader_got']}"
        )
    before, after = facts["os_before"], facts["os_after"]
    seen = (
        f"writer exited {facts['writer_exitcode']}, reader got all {len(NAMES)} items; "
        f"{facts['quiet_s']}s later: alive={facts['alive_after_quiet']}, "
        f"status {before['status']}->{after['status']}, cpu {before['cpu_s']}->{after['cpu_s']}s"
    )
    if not facts["alive_after_quiet"]:
        return refuted(f"the reader ended by itself, exitcode {facts['exitcode_after_quiet']}: {seen}")
    if not _asleep(before, after, where.env.os):
        return partial(f"alive, but not asleep in get(): 'never ends by itself' is not shown: {seen}", key="busy")
    alt = facts["timeout_reader"]
    other = (
        f"; written with get(timeout={facts['quiet_s']}) instead, a reader got {alt['items']} and exited "
        f"{alt['exitcode']} by itself on queue.Empty (a None sentinel does too: queue.sentinel)"
    )
    if facts["alive_after_terminate"]:
        return partial(f"never ended by itself, but terminate() did not end it either: {seen}")
    return holds(f"{seen}; terminate() ended it, exitcode {facts['exitcode_after_terminate']}{other}")


queue_reader_blocks.expect(
    expect(
        "holds",
        "get() without timeout sleeps on an empty queue's pipe for ever; terminate() ends it",
        os="linux",
    ),
    expect("holds", "same blocking Queue.get on macOS", os="darwin", cite=QUEUE_GET),
    expect(
        "holds",
        "same blocking Queue.get on Windows; terminate() is TerminateProcess",
        os="win32",
        cite=QUEUE_GET,
    ),
)
queue_reader_blocks.said(
    en=(
        "get(|get call*|get method & forever|never end*|never return*|never exit*|never stop*|block* forever"
        " & loop*|while|reader|consumer",
        "consumer|reader|listener & never|forever|won't exit|doesn't exit|does not exit & terminat*|kill*|stop*|end"
        "|exit*|by itself|on its own",
    ),
    zh=(
        "get( & 循环|while|死循环|读进程|消费者|读取进程 & 永远|一直|不会结束|不会退出|不会自己|无法结束|无法退出|停不下来",
        "terminate|终止|强制停止|杀掉|杀死 & 服务进程|读进程|消费者|读取进程|死循环",
    ),
    opposite=(
        "consumer|reader|get( & stop* by itself|exit* by itself|ends by itself|stop* on its own|exit* on its own|end* on its own|exit* automatically|stop* automatically & empty|no more|nothing left",
        "消费者|读进程|get( & 自动退出|自动结束|自己退出|自己结束 & 空|没有数据|取完",
    ),
)


# --- queue.sentinel ------------------------------------------------------------------------------


def _produce_then_none(q: Any) -> None:  # noqa: ANN401 -- a Queue of the context under test
    """004's producer: five items, then None for 'production is over'."""
    for i in range(5):
        q.put(i)
    q.put(None)


def _consume_until_none(q: Any, report: Any) -> None:  # noqa: ANN401 -- Queue and Connection
    """004's consumer (each get bounded, which 004's is not): break on None, then report and return."""
    consumed: list[Any] = []
    try:
        while (item := q.get(timeout=WAIT)) is not None:
            consumed.append(item)
        sentinel = True
    except queue.Empty:
        sentinel = False
    report.send({"consumed": consumed, "sentinel_seen": sentinel})


@claim(
    "queue.sentinel",
    "A producer that puts None last lets the consumer stop cleanly.",
    topic="ipc",
    sources=[
        quote("004", "q.put(None) # 表示生产结束"),
        quote("004", "if item is None: break"),
    ],
)
def queue_sentinel(mp: Context) -> Facts:
    """004's program: producer, consumer, join both; the consumer must end on its own."""
    q = mp.Queue()
    receive, send = mp.Pipe(duplex=False)
    p1 = _child(mp, _produce_then_none, q)
    p2 = _child(mp, _consume_until_none, q, send)
    p1.start()
    p2.start()
    send.close()
    report = _receive(receive)
    codes = _finish(p1, p2)
    return {"consumer": report, "producer_exitcode": codes[0], "consumer_exitcode": codes[1]}


@queue_sentinel.judge
def _(facts: Facts, where: Where) -> Verdict:
    report, code = facts["consumer"] or {}, facts["consumer_exitcode"]
    seen = (
        f"consumer exitcode {code} (None = still running after {WAIT}s), "
        f"None seen={report.get('sentinel_seen')}, consumed {report.get('consumed')}"
    )
    if code != 0 or not report.get("sentinel_seen"):
        return refuted(seen)
    if report["consumed"] != list(range(5)):
        return partial(f"stopped cleanly on None, but items went missing: {seen}")
    return holds(seen)


queue_sentinel.expect(
    expect("holds", "the consumer breaks on None after 0..4 and exits 0 by itself", os="linux"),
    expect("holds", "same Queue on macOS", os="darwin", cite=QUEUES),
    expect("holds", "same Queue on Windows", os="win32", cite=QUEUES),
)
queue_sentinel.said(
    en=(
        "None|sentinel|poison pill|end marker|stop marker & consumer|producer|stop|end|last|finish*|done"
        " & ^queue|put|receiv*|get|gets|got|read*|send*|sees|worker*|loop",
        "is None|== None & break & !timeout",
    ),
    zh="None|哨兵|毒丸|结束标志|结束信号|结束标记 & 结束|停止|退出|最后|完毕|发完|全部 & ^生产|消费|队列|put|queue",
)


# --- pipe.duplex ---------------------------------------------------------------------------------


FIRST = "the child's end speaks first"
PING = "ping from the parent"
BACK = "back from the end that received"


def _echo(end: Any, fresh: Any) -> None:  # noqa: ANN401 -- Connections of the context under test
    """Speak first on a fresh Pipe's end; receive on the other Pipe's end, send back on it; report on the fresh."""
    fresh.send(FIRST)
    got = _receive(end)
    try:
        end.send(BACK)
        error = None
    except OSError as exc:
        error = f"{type(exc).__name__}: {exc}"
    fresh.send({"got": got, "send_error": error})


@claim(
    "pipe.duplex",
    "Pipe() returns two connections, each end can send or receive, and once one end sends the other "
    "is the receiver.",
    topic="ipc",
    sources=[
        quote(
            "001",
            "會產生兩個ps_pipe(read-write Connection, handle 5), "
            "pr_pipe(read-write Connection, handle 5) , 都可以作為發送或者接受方, "
            "一旦一個確認為攻, 另一個自然就是受了",
        )
    ],
)
def pipe_duplex(mp: Context) -> Facts:
    """The child's end of one Pipe speaks first; on another the parent's end sends, the child's end answers."""
    a, b = mp.Pipe()
    a2, b2 = mp.Pipe()
    p = _child(mp, _echo, b, b2)
    p.start()
    first = _receive(a2)
    a.send(PING)
    back = _receive(a)
    report = _receive(a2) or {}
    code = _finish(p)[0]
    return {
        "child_end_spoke_first": first,
        "child_end_got": report.get("got"),
        "child_end_send_error": report.get("send_error"),
        "parent_end_got_back": back,
        "child_exitcode": code,
    }


@pipe_duplex.judge
def _(facts: Facts, where: Where) -> Verdict:
    first = facts["child_end_spoke_first"] == FIRST
    there = facts["child_end_got"] == PING
    back = facts["parent_end_got_back"] == BACK
    seen = (
        f"the child's end sent first on a fresh Pipe: {first}; on another the parent's end sent, the "
        f"child's end received it: {there}, then sent back to the parent's end: {back}"
    )
    if not (there and first):
        return partial(seen) if there or first else refuted(seen)
    if back:
        return partial(f"either end can send or receive, but the roles are not fixed: {seen}", key="roles swap")
    error = facts["child_end_send_error"]
    return holds(f"either end can start, and the receiver stayed the receiver ({error}): {seen}", key="roles fixed")


pipe_duplex.expect(
    expect(
        "partial",
        "Pipe() is a socketpair: both ends read and write across processes, in any order, so an end "
        "that received can send next",
        os="linux",
    ),
    expect("partial", "same socketpair on macOS", os="darwin", cite=CONNECTION),
    expect("partial", "Pipe() is a duplex named pipe on Windows", os="win32", cite=CONNECTION),
)
pipe_duplex.said(
    en=(
        "Pipe & two|pair|2 & connection*|ends|endpoints|objects & !corrupt*|same end|same time|between two"
        "|two processes|only|exactly",
        "^Pipe|Pipes|pipe & both|either|each & send*|receiv*|recv|direction*|way*|talk|listen|read and write|write and read"
        " & !one-way|duplex=False|each other",
        "duplex|two-way|bidirectional|both directions|both ways & ^Pipe|Pipes|pipe|connection*|管道 & !duplex=False"
        "|one-way|unidirectional",
        "Pipe|Pipes|connection* & bidirectional|two-way|both directions|both ways|duplex & by default|unless|default*"
        "|otherwise",
    ),
    zh=(
        "pipe|管道 & 两个|两端|双向|双工|两头 & 连接|收发|发送|接收|connection*|send|recv & !单向|duplex=False|同一端"
        "|损坏|只能|只适合|仅",
        "pipe|管道 & 全双工|双工|双向的 & !单向|duplex=False",
        "pipe|管道 & 返回 & 两端|两个连接|一对连接|两个 connection",
        "两个 & 都可以 & 发送|接收|接受|收发",
    ),
    opposite=(
        "Pipe & one-way|unidirectional|one direction|only one way & !duplex=False|duplex|pass|instead",
        "pipe|管道 & 单向|只能单向|一个方向 & !duplex",
        "^Pipe|pipe & {not}~duplex|{not}~two-way|{not}~bidirectional & !duplex=False",
        "pipe|管道 & 不是双向|并非双向|不是全双工|不能双向|不支持双向|不是双工",
    ),
)


# --- pipe.two-processes-only ---------------------------------------------------------------------


def _send_in_turn(end: Any, turn: Any) -> None:  # noqa: ANN401 -- a Connection and a Lock
    """Send this pid on a shared end, never at the same time as the other sender."""
    if turn.acquire(timeout=WAIT):  # the docs' condition for sharing one end
        end.send(os.getpid())
        turn.release()


def _recv_in_turn(end: Any, turn: Any, report: Any) -> None:  # noqa: ANN401 -- Connection, Lock, Queue
    """Receive one message from a shared end, in turn, and tell the parent which."""
    got = None
    if turn.acquire(timeout=WAIT):
        got = _receive(end)
        turn.release()
    report.put({"pid": os.getpid(), "got": got})


def _two_senders(mp: Context) -> dict[str, Any]:
    """Start two children that send on end a of one Pipe (the parent will receive on end b)."""
    a, b = mp.Pipe()
    turn = mp.Lock()
    kids = [_child(mp, _send_in_turn, a, turn) for _ in range(2)]
    for p in kids:
        p.start()
    return {"kids": kids, "ends": (a, b), "turn": turn}  # kept until collected: spawn children reopen them


def _senders_heard(run: dict[str, Any]) -> dict[str, Any]:
    """Receive both senders' messages on end b; then send on end b, which received, to end a."""
    kids, (a, b) = run["kids"], run["ends"]
    got = [_receive(b) for _ in kids]
    codes = _finish(*kids)
    b.send("back on the receiving end")
    back = _receive(a)
    return {"child_pids": [p.pid for p in kids], "parent_got": got, "exitcodes": codes, "b_sent_back": back}


def _two_readers(mp: Context) -> dict[str, Any]:
    """Send two messages on end b of one Pipe; start two children that each receive one on end a."""
    a, b = mp.Pipe()
    turn, report = mp.Lock(), mp.Queue()
    sent = ["first", "second"]
    for message in sent:
        b.send(message)
    kids = [_child(mp, _recv_in_turn, a, turn, report) for _ in range(2)]
    for p in kids:
        p.start()
    return {"kids": kids, "ends": (a, b), "turn": turn, "report": report, "sent": sent}


def _readers_heard(run: dict[str, Any]) -> dict[str, Any]:
    """Collect what each reader got."""
    kids = run["kids"]
    got = _drain(run["report"], len(kids))
    return {
        "sent": run["sent"],
        "child_pids": [p.pid for p in kids],
        "children_got": got,
        "exitcodes": _finish(*kids),
    }


@claim(
    "pipe.two-processes-only",
    "A Pipe can only be used between two processes, perhaps because once one end sends the other is "
    "the receiver.",
    topic="ipc",
    sources=[
        quote("001", "其只能作為兩個進程之間的通信"),
        quote("001", "一旦一個確認為攻, 另一個自然就是受了(之所以Pipe只能作為兩個進程之間的通信方式, 原因也許就是這個)"),
    ],
)
def pipe_two_processes_only(mp: Context) -> Facts:
    """Three processes on one Pipe: two senders sharing an end; two readers sharing an end of another."""
    senders, readers = _two_senders(mp), _two_readers(mp)  # the two pipes' children boot side by side
    return {
        "parent_pid": os.getpid(),
        "two_senders": _senders_heard(senders),
        "two_readers": _readers_heard(readers),
    }


def _senders_worked(run: dict[str, Any]) -> bool:
    return sorted(x for x in run["parent_got"] if x is not None) == sorted(run["child_pids"])


def _readers_worked(run: dict[str, Any]) -> bool:
    got = run["children_got"]
    return sorted(g["got"] for g in got if g["got"]) == sorted(run["sent"]) and sorted(
        g["pid"] for g in got
    ) == sorted(run["child_pids"])


@pipe_two_processes_only.judge
def _(facts: Facts, where: Where) -> Verdict:
    senders, readers = facts["two_senders"], facts["two_readers"]
    ok_send, ok_read = _senders_worked(senders), _readers_worked(readers)
    swapped = senders["b_sent_back"] == "back on the receiving end"
    seen = (
        f"2 children sent on one end, the parent (pid {facts['parent_pid']}) received "
        f"{senders['parent_got']} from {senders['child_pids']}: {'intact' if ok_send else 'failed'}; "
        f"the parent sent {readers['sent']}, 2 children reading one end got "
        f"{[g['got'] for g in readers['children_got']]}: {'intact' if ok_read else 'failed'}"
    )
    reason = (
        "the guessed reason is false too: the receiving end then sent to the other"
        if swapped
        else f"the receiving end could not send back ({senders['b_sent_back']!r})"
    )
    key = "roles swap" if swapped else "roles fixed"
    if ok_send and ok_read:
        return refuted(
            f"3 processes shared one Pipe, taking turns on the shared end (the docs warn only "
            f"against using one end at the same time): {seen}; {reason}",
            key=key,
        )
    if ok_send or ok_read or swapped:
        return partial(f"{seen}; {reason}", key=key)
    return holds(f"{seen}; {reason}", key=key)


pipe_two_processes_only.expect(
    expect(
        "refuted",
        "any number of processes may use a Pipe: the docs recommend it for two, but warn only "
        "against using one end at the same time (notes 9), and turns were taken; an end that "
        "received can send next (a socketpair), so the guessed reason is false too",
        os="linux",
    ),
    expect(
        "refuted",
        "same socketpair and the same docs on macOS",
        os="darwin",
        cite=f"{CONNECTION}; {PIPE_DOCS}",
    ),
    expect(
        "refuted",
        "spawn duplicates a PipeConnection's handle into each child that receives it",
        os="win32",
        cite=f"{CONNECTION}; {PIPE_DOCS}",
    ),
)
pipe_two_processes_only.said(
    en=(
        "^Pipe|Pipes & only~two|just~two|exactly~two|only~2|just~2|exactly~2 & process*|end*",
        "Pipe|Pipes & point-to-point|one-to-one|two endpoints|between two processes & only|just|exactly|limited|restricted"
        "|designed for|meant for",
    ),
    zh=("pipe|管道 & 只能|仅|只|只适合|只适用 & 两个进程|两个端点|一对一|点对点", "只能 & 两个进程"),
    opposite=(
        "Pipe|pipe & many|several|multiple|more than two|any number of & process* & can|may|shared & !only|not|cannot|can't|unlike|whereas|while|Queue",
        "^Pipe|pipe & nothing stops|nothing prevents|nothing keeps|free to|is allowed|are allowed & more than two|many"
        "|several|multiple|any number of & process*",
    ),
)


# --- manager.shares ------------------------------------------------------------------------------


def _write_shared(shared: Any, log: Any, plain: dict[str, int], i: int) -> None:  # noqa: ANN401 -- proxies
    """Write into the Manager's dict and list, and into a plain dict for contrast."""
    shared[f"child-{i}"] = os.getpid()
    log.append(i)
    plain[f"child-{i}"] = os.getpid()


@claim(
    "manager.shares",
    "A Manager shares data structures (a dict, a list) between processes.",
    topic="ipc",
    sources=[quote("004", "最终通过使用Manager来共享数据结构解决了这个问题")],
    deadline=30.0,  # a Manager is one more process to start: slow with PyPy + forkserver on a busy host
)
def manager_shares(mp: Context) -> Facts:
    """Two children write a Manager dict and list; the parent reads them back."""
    plain: dict[str, int] = {}
    with mp.Manager() as manager:
        shared, log = manager.dict(), manager.list()
        kids = [_child(mp, _write_shared, shared, log, plain, i) for i in range(2)]
        for p in kids:
            p.start()
        codes = _finish(*kids)
        seen = {"dict": dict(shared), "list": list(log)}
    return {"child_pids": [p.pid for p in kids], "exitcodes": codes, **seen, "plain_dict_after": plain}


@manager_shares.judge
def _(facts: Facts, where: Where) -> Verdict:
    want = {f"child-{i}": pid for i, pid in enumerate(facts["child_pids"])}
    dict_ok, list_ok = facts["dict"] == want, sorted(facts["list"]) == [0, 1]
    seen = (
        f"parent sees dict {facts['dict']} (children {facts['child_pids']}), list {facts['list']}; "
        f"a plain dict passed alike stayed {facts['plain_dict_after']}"
    )
    if dict_ok and list_ok:
        return holds(seen)
    return partial(seen) if dict_ok or list_ok else refuted(seen)


manager_shares.expect(
    expect("holds", "the proxies forward every change to the manager's server process", os="linux"),
    expect("holds", "same SyncManager server on macOS", os="darwin", cite=MANAGERS),
    expect("holds", "same SyncManager server on Windows", os="win32", cite=MANAGERS),
)
manager_shares.said(
    en=(
        "api|Managers|manager.dict*|manager.list*|Manager() & shar* & !non-proxy|not propagat*|SharedMemoryManager"
        "|shared memory block*",
        "^api|manager.dict*|manager.list*|Manager() & dict*|list* & process*|between|across|child*|worker*|prox*"
        "|server & !non-proxy|not propagat*",
        "api & server process|proxy|proxies & other processes|processes|between|across",
    ),
    zh=(
        "api|manager|管理器 & 共享 & !包管理",
        "api|manager & 字典|列表|dict|list & 进程|读写|修改|访问|同一个",
    ),
    api=("Manager", "SyncManager", "BaseManager"),
    opposite=(
        "api & {not}~shar*|cannot share|can't share",
        "api|manager & 不能共享|无法共享|不可以共享|共享不了",
    ),
)


# --- ipc.toolkit ---------------------------------------------------------------------------------


def _use_everything(q: Any, end: Any, shared: Any, counter: Any, numbers: Any) -> None:  # noqa: ANN401
    """Send one thing through each tool."""
    q.put("via Queue")
    end.send("via Pipe")
    shared["via"] = "Manager"
    with counter.get_lock():
        counter.value += 1
    numbers[:] = [os.getpid() % 1000, 7, 11]


@claim(
    "ipc.toolkit",
    "Queue, Pipe and Manager are the tools for talking between processes; Value and Array exist too.",
    topic="ipc",
    sources=[
        quote("004", "进程间通信:使用queue、pipe和manager工具实现"),
        quote("001", "還有一種Array, Value 的形式, 暫且不表"),
    ],
    deadline=30.0,  # a Manager is one more process to start: slow with PyPy + forkserver on a busy host
)
def ipc_toolkit(mp: Context) -> Facts:
    """One child uses all five; the parent checks what arrived through each."""
    q, counter, numbers = mp.Queue(), mp.Value("i", 41), mp.Array("i", 3)
    receive, send = mp.Pipe(duplex=False)
    with mp.Manager() as manager:
        shared = manager.dict()
        p = _child(mp, _use_everything, q, send, shared, counter, numbers)
        p.start()
        send.close()
        via_pipe, via_queue = _receive(receive), _drain(q, 1)
        code = _finish(p)[0]
        via_manager = dict(shared)
    return {
        "child_pid": p.pid,
        "exitcode": code,
        "Queue": via_queue,
        "Pipe": via_pipe,
        "Manager": via_manager,
        "Value": counter.value,
        "Array": numbers[:],
        "names_exist": _names(mp),
    }


def _names(mp: Context) -> dict[str, bool]:
    tools = ("Queue", "Pipe", "Manager", "Value", "Array")
    return {name: callable(getattr(mp, name, None)) for name in tools}


@ipc_toolkit.judge
def _(facts: Facts, where: Where) -> Verdict:
    carried = {
        "Queue": facts["Queue"] == ["via Queue"],
        "Pipe": facts["Pipe"] == "via Pipe",
        "Manager": facts["Manager"] == {"via": "Manager"},
        "Value": facts["Value"] == 42,
        "Array": facts["Array"] == [facts["child_pid"] % 1000, 7, 11],
    }
    seen = ", ".join(f"{k}: {facts[k]!r}" for k in carried)
    failed = [k for k, ok in carried.items() if not ok or not facts["names_exist"][k]]
    if not failed:
        return holds(f"all five carried the child's data to the parent: {seen}")
    if len(failed) < len(carried):
        return partial(f"{', '.join(failed)} did not carry data: {seen}")
    return refuted(f"none carried data: {seen}")


ipc_toolkit.expect(
    expect(
        "holds", "each tool carries a child's data to the parent (Value/Array in shared memory)", os="linux"
    ),
    expect("holds", "same tools on macOS", os="darwin", cite=TOOLS),
    expect(
        "holds", "same tools on Windows; Value/Array are passed to the spawn child", os="win32", cite=TOOLS
    ),
)
ipc_toolkit.said(
    en=(
        "Queue* & Pipe* & Manager|communicat*|exchange*|talk*|ways|tools|channel*|passing messages|message passing"
        "|pass messages|send data & !Lock|Semaphore|Event",
        "Value & Array & also|too|another|exist*|shared memory|shared-memory|besides|there are|as well",
    ),
    zh=(
        "queue|队列 & pipe|管道 & 通信|交换|方式|工具|manager|传递消息|消息传递|传数据|传递数据 & !lock|锁|组件|semaphore",
        "array & value & 还有|也|形式|共享内存",
    ),
    opposite=(
        "Queue* & Pipe* & cannot|can't|{not}~communicat*|{not}~used for & communicat*|exchange*|between processes",
        "queue|队列 & pipe|管道 & 不能|无法|不可以 & 通信|交换",
    ),
)

"""The catalog's declared sayings of the constructor, ipc, pool, sharing, logs, api and guidelines claims.

Sentences written for these tests, not taken from the articles or the labelled tutorials: each says a claim
in other words (both languages, list items, denials, answers to a question), or merely mentions its terms.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from harness._catalog import load
from harness._said import AFFIRMS, DENIES, Said
from harness._tutorial._model import CODE, HEADING, PROSE, Block, Document
from harness._tutorial._recognise import recognise
from harness._tutorial._sentences import sentences

MODULES = ("constructor", "ipc", "pool", "sharing", "logs", "api", "guidelines")


@lru_cache(maxsize=1)
def sayings() -> dict[str, Said]:
    """The sayings of these modules' claims, from the catalog beside the tests."""
    cases, errors = load(Path(__file__).parents[2] / "cases")
    assert errors == []
    return {c.claim.id: c.saying for c in cases if c.saying and c.module.split(".")[-1] in MODULES}


def claims_of(*blocks: tuple[str, str]) -> set[tuple[str, str]]:
    """The (claim, polarity) pairs recognised in a document of these (kind, text) blocks."""
    document = Document(
        "t.md", "markdown", "t", tuple(Block(k, t, i + 1, "python") for i, (k, t) in enumerate(blocks))
    )
    return {(r.claim, r.polarity) for r in recognise(sentences(document), sayings())}


SAID = [
    ("ctor.group-none", AFFIRMS, "The group parameter is reserved and should be left as None."),
    ("ctor.group-none", AFFIRMS, "group：应当始终为 None，仅为了与 threading.Thread 兼容。"),
    (
        "ctor.keyword-args",
        AFFIRMS,
        "You should call Process() with keyword arguments such as target= and args=.",
    ),
    ("ctor.keyword-args", AFFIRMS, "Process 的构造函数应该始终用关键字参数调用。"),
    ("ctor.args-tuple", AFFIRMS, "Remember the trailing comma when args holds one element: args=(5,)."),
    ("ctor.args-tuple", AFFIRMS, "如果只有一个参数，args 里要写成 (x,)，否则就不是元组了。"),
    ("ctor.args-list", AFFIRMS, "Passing a list as args works just as well as a tuple."),
    ("ctor.args-list", AFFIRMS, "args 用列表也可以，不一定非得是元组。"),
    ("ctor.target-none", AFFIRMS, "If you do not give a target, the process's run() does nothing."),
    ("ctor.target-none", AFFIRMS, "target 默认值是 None，这时子进程什么都不会做。"),
    (
        "ctor.daemon-inherit",
        AFFIRMS,
        "If daemon is not specified, the new process gets its flag from its parent.",
    ),
    ("ctor.daemon-inherit", AFFIRMS, "daemon 参数默认为 None，此时会继承父进程的守护标志。"),
    ("queue.between-children", AFFIRMS, "Two child processes can talk to each other through a shared Queue."),
    ("queue.between-children", AFFIRMS, "兩個子進程可以共用一個 Queue 來交換資料。"),
    ("queue.reader-blocks", AFFIRMS, "The reader process never ends by itself; kill it with terminate()."),
    ("queue.reader-blocks", AFFIRMS, "消费者进程在 while 循环里调用 get()，永远不会自己结束。"),
    ("queue.sentinel", AFFIRMS, "Put None on the queue as a sentinel so the consumer knows when to stop."),
    ("queue.sentinel", AFFIRMS, "用 None 作为结束标志：消费者从队列读到 None 就停止。"),
    ("pipe.duplex", AFFIRMS, "By default a pipe is two-way: either end may call send() and recv()."),
    ("pipe.duplex", AFFIRMS, "管道默认是全双工的。"),
    ("pipe.duplex", DENIES, "A Pipe only carries data in one direction."),
    ("pipe.duplex", DENIES, "管道是单向的，只能从一端发送到另一端。"),
    ("pipe.two-processes-only", AFFIRMS, "Pipes are point-to-point: exactly two endpoints, one per process."),
    ("pipe.two-processes-only", AFFIRMS, "Pipe 只适合两个进程之间通信。"),
    ("manager.shares", AFFIRMS, "A Manager lets several processes share a dict or a list."),
    ("manager.shares", AFFIRMS, "用 Manager 创建的字典可以在多个进程间共享。"),
    ("manager.shares", AFFIRMS, "Managers provide a way to create data that can be shared by processes."),
    ("ipc.toolkit", AFFIRMS, "For inter-process communication the module provides Queue, Pipe and Manager."),
    ("ipc.toolkit", AFFIRMS, "进程间通信可以用队列（Queue）或管道（Pipe）。"),
    ("logging.mp-logger", AFFIRMS, "multiprocessing.log_to_stderr() shows which process wrote each line."),
    ("logging.mp-logger", AFFIRMS, "multiprocessing 模块自带日志功能。"),
    ("pool.default-size", AFFIRMS, "Pool() with no arguments starts one worker process per CPU core."),
    ("pool.default-size", AFFIRMS, "不传 processes 参数时，Pool 默认创建与 CPU 核数相同的进程。"),
    (
        "pool.concurrency-limit",
        AFFIRMS,
        "Once all workers are busy, new tasks wait for one of them to become idle.",
    ),
    ("pool.concurrency-limit", AFFIRMS, "进程池中最多同时运行 4 个任务，其余的任务排队等待。"),
    ("pool.explicit-size", AFFIRMS, "Pass processes=8 to get a pool of eight workers."),
    ("pool.explicit-size", AFFIRMS, "multiprocessing.Pool(8) 表示开启 8 个进程。"),
    ("pool.close-join", AFFIRMS, "After close() the pool accepts no new tasks."),
    ("pool.close-join", AFFIRMS, "close() 之后进程池不再接受新任务。"),
    ("cpu-count.cores", AFFIRMS, "multiprocessing.cpu_count() tells you how many cores the machine has."),
    ("cpu-count.cores", DENIES, "cpu_count() 返回的是逻辑 CPU 数，包括超线程，而不是物理核心数。"),
    ("lock.serializes", AFFIRMS, "A lock guarantees mutual exclusion between processes."),
    ("lock.serializes", AFFIRMS, "加锁之后，同一时间只有一个进程能进入临界区。"),
    ("lock.avoids-deadlock", AFFIRMS, "Semaphores and locks help prevent deadlock."),
    ("lock.avoids-deadlock", AFFIRMS, "用锁可以避免死锁。"),
    ("state.not-shared", AFFIRMS, "A variable modified in a child process is not visible in the parent."),
    ("state.not-shared", AFFIRMS, "每个进程都有独立的内存空间，修改的变量互不影响。"),
    ("state.not-shared", AFFIRMS, "Unlike threads, processes share nothing."),
    ("state.not-shared", DENIES, "A change a child makes to a global variable is visible in the parent."),
    ("state.not-shared", DENIES, "多个进程共享同一份全局变量。"),
    ("args.passed", AFFIRMS, "You can pass several arguments to the target through args and kwargs."),
    ("args.passed", AFFIRMS, "参数通过 args 传递给目标函数。"),
    ("api.start-once", AFFIRMS, "Calling start() twice on the same process raises an error."),
    ("api.start-once", AFFIRMS, "同一个 Process 对象只能调用一次 start()。"),
    ("api.close-releases", AFFIRMS, "Calling close() while the process is still running raises ValueError."),
    ("api.close-releases", AFFIRMS, "进程还在运行时调用 close() 会抛出 ValueError。"),
    ("api.exitcode-values", AFFIRMS, "exitcode is None while the process is still running."),
    ("api.exitcode-values", AFFIRMS, "子进程抛出未捕获的异常时 exitcode 为 1。"),
    (
        "api.queue-unreliable",
        AFFIRMS,
        "Do not rely on qsize() or empty(): their results are only approximate.",
    ),
    ("api.queue-unreliable", AFFIRMS, "Queue.empty() 的结果并不可靠。"),
    (
        "api.pool-map-order",
        AFFIRMS,
        "Pool.map keeps the results in input order even if tasks finish out of order.",
    ),
    ("api.pool-map-order", AFFIRMS, "imap_unordered 的结果按完成的先后返回，顺序不固定。"),
    ("api.pool-map-order", DENIES, "pool.map() returns results in the order the workers finish them."),
    ("api.pool-with-terminates", AFFIRMS, "Using Pool as a context manager terminates the workers on exit."),
    (
        "api.pool-with-terminates",
        DENIES,
        "Leaving the with block calls close() and join(), so all tasks finish.",
    ),
    ("api.pool-with-terminates", DENIES, "with 块结束自动 close + join"),
    ("api.value-lock", AFFIRMS, "By default Value and Array are protected by a lock."),
    ("api.value-lock", AFFIRMS, "multiprocessing.Value 默认带有一个锁，可以用 get_lock() 拿到它。"),
    ("api.set-start-method-once", AFFIRMS, "Calling set_start_method() twice raises RuntimeError."),
    ("api.set-start-method-once", AFFIRMS, "set_start_method() 只能调用一次，否则会抛出 RuntimeError。"),
    ("api.set-start-method-once", AFFIRMS, "Setting the start method a second time raises RuntimeError."),
    ("api.set-start-method-once", AFFIRMS, "启动方式只能设置一次。"),
    ("guide.join-queue-deadlock", AFFIRMS, "Joining a process before the queue is drained can deadlock."),
    (
        "guide.join-queue-deadlock",
        AFFIRMS,
        "如果子进程往 Queue 里放了数据，在数据被取走之前 join() 它会卡住。",
    ),
    ("guide.picklable-args", AFFIRMS, "With spawn, every argument to Process must be picklable."),
    ("guide.picklable-args", AFFIRMS, "lambda 函数无法被 pickle，所以在 Windows 上不能作为 target。"),
    (
        "guide.globals-at-start",
        AFFIRMS,
        "On Windows the child re-imports the module, so globals have their initial value.",
    ),
    ("guide.globals-at-start", AFFIRMS, "在 spawn 模式下，子进程看不到父进程修改后的全局变量。"),
    ("guide.globals-at-start", DENIES, "Under spawn the child sees the same global values the parent had."),
    (
        "guide.pass-resources",
        AFFIRMS,
        "Pass the lock to the child processes as an argument instead of a global.",
    ),
    ("guide.pass-resources", AFFIRMS, "把锁作为参数传给子进程，而不是使用全局变量。"),
    ("guide.zombies", AFFIRMS, "A finished child that has not been joined becomes a zombie process."),
    ("guide.zombies", AFFIRMS, "已经结束但没有被 join 的子进程会变成僵尸进程。"),
    ("guide.stdin-devnull", AFFIRMS, "In a child process sys.stdin is closed and redirected to os.devnull."),
    ("guide.stdin-devnull", AFFIRMS, "子进程中的标准输入被关闭了，调用 input() 会报 EOFError。"),
    (
        "guide.terminate-breaks",
        AFFIRMS,
        "Avoid terminate() on a process that uses a Queue: it may become corrupted.",
    ),
    ("guide.terminate-breaks", AFFIRMS, "用 terminate() 强行结束一个正在使用队列的进程，可能让队列损坏。"),
    ("guide.daemon-no-children", AFFIRMS, "A daemon process cannot create child processes of its own."),
    ("guide.daemon-no-children", AFFIRMS, "守护进程不允许再创建子进程。"),
    ("guide.daemon-no-children", DENIES, "A daemon process can create child processes of its own."),
    ("guide.daemon-no-children", DENIES, "守护进程也可以创建子进程。"),
]


@pytest.mark.parametrize(("claim", "polarity", "text"), SAID)
def test_a_claim_said_in_other_words_is_recognised(claim: str, polarity: str, text: str) -> None:
    assert (claim, polarity) in claims_of((PROSE, text))


@pytest.mark.parametrize(
    "text",
    [
        "Each task is a tuple of two numbers.",  # a tuple, not args
        "The worker returns a list of results.",
        "In this section we create a Pool and submit tasks.",
        "Once the queue is ready, start the workers.",  # 'once' as 'when'
        "The close() method closes the file.",
        "The manager of our team wrote this code.",
        "The tuple of arguments is merged into the message.",  # logging, not Process
        "A file descriptor has an inheritable flag.",  # not daemon's flag
        "Use Popen.communicate rather than writing to stdin of the child process.",
        "Data in a pipe may become corrupted if two processes use the same end at the same time.",
        "Queue 和 Pipe 的区别是什么？",
        "这个例子用到了 Value 和 Array。",
        "这里的 group 指的是用户组。",
        "参数之间用逗号分隔。",  # a comma, not args' trailing one
        "队列分为 FIFO、LIFO 和优先级队列。",  # the queue module's kinds, not order between processes
        "The start, stop and restart commands can be implemented in separate modules.",
        "Python projects include the Mailman mailing list manager and the Zope application server.",
        "The exit code of the program would be 1, indicating an error.",  # the interpreter's, not a child's
        "The created transport is a bidirectional stream.",
        "You can pass the first chunk of data to the constructor as the positional argument.",
        "All other keyword arguments are passed to subprocess.Popen without interpretation.",
        "使用共享内存可以在进程之间共享数据。",
        "Daemon child processes cannot outlive the main process.",  # not about creating children
        "Threads share memory, but processes do not need locks.",  # the 'not' is in another clause
        "Running the script with Pool(4) took 3 seconds.",  # a run's time, not the pool's size
        "本节介绍如何创建子进程、设置守护进程以及提升程序性能。",  # 性能 is no 能 ('can')
        "下面的例子演示了如何使用队列在进程之间传递数据。",  # announces an example, asserts nothing
        "In this tutorial we look at Process, Pool, Queue, Pipe, Lock and Manager.",
        "这里 args 传入了两个参数。",
    ],
)
def test_a_sentence_that_only_mentions_the_terms_claims_nothing(text: str) -> None:
    assert claims_of((PROSE, text)) == set()


@pytest.mark.parametrize(
    ("question", "answer", "claim", "polarity"),
    [
        ("Can I call start() twice?", "No.", "api.start-once", AFFIRMS),
        (
            "Is Queue.qsize() exact?",
            "It is approximate, and not implemented on macOS.",
            "api.queue-unreliable",
            AFFIRMS,
        ),
        (
            "What happens when there are more tasks than workers?",
            "They wait.",
            "pool.concurrency-limit",
            AFFIRMS,
        ),
        ("How many workers does Pool() start?", "By default one per CPU core.", "pool.default-size", AFFIRMS),
        ("一个进程能 start() 两次吗？", "不能，再次调用会报错。", "api.start-once", AFFIRMS),
        (
            "Can I pass a lambda as the target under spawn?",
            "No, because it cannot be pickled.",
            "guide.picklable-args",
            AFFIRMS,
        ),
        (
            "Does leaving a `with Pool()` block wait for the tasks?",
            "No.",
            "api.pool-with-terminates",
            AFFIRMS,
        ),
        ("Do child processes share my global variables?", "No.", "state.not-shared", AFFIRMS),
        ("子进程能看到父进程修改的全局变量吗？", "不能。", "state.not-shared", AFFIRMS),
        ("守护进程能创建子进程吗？", "不能。", "guide.daemon-no-children", AFFIRMS),
        ("Does cpu_count() count logical CPUs?", "Yes, hyperthreads included.", "cpu-count.cores", DENIES),
    ],
)
def test_an_answer_makes_the_claim_its_question_names(
    question: str, answer: str, claim: str, polarity: str
) -> None:
    assert (claim, polarity) in claims_of((HEADING, question), (PROSE, answer))


@pytest.mark.parametrize(
    ("code", "claim"),
    [
        ("with mp.Pool(4) as pool:  # 4 processes", "pool.explicit-size"),
        ("print(pool.map(abs, [-1, -2]))  # keeps order", "api.pool-map-order"),
        ("results = [q.get() for _ in procs]  # collect before joining", "guide.join-queue-deadlock"),
        ("parent, child = mp.Pipe()  # two ends", "pipe.duplex"),
        ("with counter.get_lock():  # atomic increment", "api.value-lock"),
        ("q.put(None)  # 发送结束信号", "queue.sentinel"),
    ],
)
def test_a_code_comment_is_read_with_its_line(code: str, claim: str) -> None:
    assert (claim, AFFIRMS) in claims_of((CODE, code))


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        ("api.pool-map-order", "pool.map() does not keep the results in input order."),
        ("api.pool-map-order", "进程池的 map 不会按照输入顺序返回结果。"),
        ("pool.default-size", "Pool() does not start one worker per CPU core by default."),
        ("pool.default-size", "Pool 默认不会按照 CPU 核数创建进程。"),
        ("pool.close-join", "close() does not stop new tasks from being submitted."),
        ("api.value-lock", "Value does not come with a lock by default."),
        ("api.value-lock", "Value 默认不带锁。"),
        ("ctor.args-tuple", "args does not have to be a tuple."),
        ("ctor.args-tuple", "args 不一定要是元组。"),
        ("pipe.duplex", "The pipe is not duplex."),
        ("manager.shares", "A Manager cannot share a dict between processes."),
        ("queue.between-children", "A Queue does not keep items in order."),
        ("queue.between-children", "Queue 不能在两个子进程之间传递数据。"),
        ("lock.serializes", "Locks do not prevent two processes from writing at the same time."),
        ("cpu-count.cores", "cpu_count() does not return the number of cores."),
        ("api.exitcode-values", "exitcode is not None while the process runs."),
        ("args.passed", "Arguments in args do not reach the child."),
        ("pool.explicit-size", "Pool(4) does not start four worker processes at once."),
        ("ctor.daemon-inherit", "daemon 为 None 时不会继承父进程的设置。"),
        ("guide.picklable-args", "spawn 模式下参数不需要能被 pickle。"),
        ("guide.zombies", "A finished process that is not joined does not become a zombie."),
        ("queue.reader-blocks", "The consumer stops by itself when the queue is empty."),
        ("logging.mp-logger", "multiprocessing has no logging support of its own."),
        ("lock.avoids-deadlock", "Using a lock does not avoid deadlock."),
        ("api.set-start-method-once", "set_start_method() can be called as often as you like."),
        ("ctor.args-list", "args 不能是列表。"),
        ("pipe.two-processes-only", "A pipe can be shared by many processes."),
    ],
)
def test_a_negated_claim_is_read_as_a_denial(claim: str, text: str) -> None:
    found = claims_of((PROSE, text))
    assert (claim, DENIES) in found and (claim, AFFIRMS) not in found


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        ("pool.default-size", "If you do not pass processes, Pool() starts one worker per core."),
        (
            "api.pool-map-order",
            "Even if tasks do not finish in order, map() keeps the results in input order.",
        ),
        ("guide.zombies", "A finished child that has not been joined becomes a zombie process."),
        ("ctor.daemon-inherit", "If you don't set daemon, the child inherits the flag from its parent."),
        ("guide.picklable-args", "If you do not use fork, arguments must be picklable."),
    ],
)
def test_a_negation_about_something_else_denies_nothing(claim: str, text: str) -> None:
    assert claims_of((PROSE, text)) & {(claim, AFFIRMS), (claim, DENIES)} == {(claim, AFFIRMS)}

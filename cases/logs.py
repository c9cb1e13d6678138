"""Logging: what article 004 says multiprocessing's own logging support does."""

from __future__ import annotations

import re

from harness import Context, Facts, Verdict, Where, claim, expect, holds, partial, program, quote, refuted

LOG_DOCS = (
    "docs: multiprocessing, Logging (get_logger, log_to_stderr: "
    "'[%(levelname)s/%(processName)s] %(message)s'); Lib/multiprocessing/util.py: log_to_stderr"
)
SPAWN_PREP = (
    "Lib/multiprocessing/spawn.py: get_preparation_data passes log_to_stderr and log_level, "
    "prepare() turns them on in the child"
)

# A program as a reader would write it: the parent turns on log_to_stderr(), a named and an unnamed
# child log through get_logger(), and each child's name and pid are printed by the parent for reference.
PROGRAM = """\
import logging
import multiprocessing


def work():
    multiprocessing.get_logger().info("hello from the child")


if __name__ == "__main__":
    logger = multiprocessing.log_to_stderr()
    logger.setLevel(logging.INFO)
    print("same logger", logger is multiprocessing.get_logger(), logger.name, flush=True)
    for name in ("worker-A", None):
        p = multiprocessing.Process(target=work, name=name)
        p.start()
        p.join()
        print("child", p.name, p.exitcode, flush=True)
    logger.info("hello from the parent")
"""

RECORD = re.compile(r"^\[INFO/(?P<name>[^\]]+)\] hello from the (?P<who>child|parent)$", re.MULTILINE)


@claim(
    "logging.mp-logger",
    "multiprocessing has logging support (get_logger, log_to_stderr) that shows which process logged.",
    topic="logging",
    sources=[
        quote("004", "使用multiprocessing模块的logging功能可以帮助我们更好地跟踪进程中的日志信息。"),
        quote("004", "4. 调试和日志:使用multiprocessing的logging功能跟踪日志。"),
    ],
)
def mp_logger(mp: Context) -> Facts:
    """Run a whole program whose children log through get_logger(); read whose names stderr shows."""
    run = program(PROGRAM, method=mp.get_start_method(), timeout=20)
    children = re.findall(r"^child (\S+) (-?\d+|None)$", run.stdout, re.MULTILINE)
    records = [m.groupdict() for m in RECORD.finditer(run.stderr)]
    return {
        **run.to_json(),
        "same_logger": "same logger True multiprocessing" in run.stdout,
        "children": [{"name": n, "exitcode": c} for n, c in children],
        "records": records,
    }


@mp_logger.judge
def _(facts: Facts, where: Where) -> Verdict:
    children = [c["name"] for c in facts["children"]]
    if facts["returncode"] != 0 or len(children) != 2:
        tail = (facts["stderr"].strip().splitlines() or ["-"])[-1][:200]
        return refuted(f"the program failed: rc={facts['returncode']}, children {children}, last: {tail}")
    by_child = sorted(r["name"] for r in facts["records"] if r["who"] == "child")
    by_parent = [r["name"] for r in facts["records"] if r["who"] == "parent"]
    seen = (
        f"get_logger() is log_to_stderr()'s logger: {facts['same_logger']}; children {children} logged "
        f"as {by_child}; the parent as {by_parent}"
    )
    if by_child == sorted(children) and by_parent == ["MainProcess"] and facts["same_logger"]:
        return holds(seen)
    if by_parent or by_child:
        return partial(f"some records lack the process that logged them: {seen}")
    return refuted(f"no record reached stderr: {seen}")


mp_logger.expect(
    expect("holds", "fork children inherit the logger and its stderr handler", os="linux", method="fork"),
    expect(
        "holds",
        "spawn and forkserver children are told to log_to_stderr() at the parent's level "
        "(spawn preparation data)",
        os="linux",
    ),
    expect(
        "holds",
        "spawn (the default) passes log_to_stderr and the level to the child",
        os="darwin",
        cite=f"{LOG_DOCS}; {SPAWN_PREP}",
    ),
    expect(
        "holds",
        "spawn passes log_to_stderr and the level to the child",
        os="win32",
        cite=f"{LOG_DOCS}; {SPAWN_PREP}",
    ),
)
mp_logger.said(
    en=(
        "log_to_stderr|get_logger",
        "multiprocessing & logging support|logging feature|logging facilit*|own logger|built-in logger"
        "|module's logger|logger of its own & !QueueHandler|QueueListener|same file|single file",
    ),
    zh=(
        "log_to_stderr|get_logger",
        "multiprocessing & logging|日志 & 功能|支持|自带|内置|自己的|跟踪|调试 & !QueueHandler|QueueListener|同一个文件"
        "|同一文件",
    ),
    opposite=(
        "multiprocessing & has no logging|no logging support|{not}~support* logging|doesn't have logging|does not have logging|without any logging & !QueueHandler|QueueListener",
        "multiprocessing & 没有日志功能|不支持日志|没有自带日志|没有内置日志",
    ),
)

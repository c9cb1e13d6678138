"""Starting processes: the __main__ guard, start() and run()."""

from __future__ import annotations

import re
from multiprocessing.context import BaseContext
from typing import Any

from harness import Facts, Verdict, Where, claim, expect, holds, partial, program, quote, refuted

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


def _run(source: str, method: str) -> dict[str, Any]:
    done = program(source, method=method, timeout=20)
    out = done.stdout
    code = re.search(r"child exitcode (-?\d+|None)", out)
    return {**done.to_json(),
            "top_level_runs": out.count("top-level ran in"),
            "child_ran": "child ran" in out,
            "child_exitcode": code.group(1) if code else None,
            "bootstrapping_error": "bootstrapping phase" in done.stderr,
            "last_error_line": (done.stderr.strip().splitlines() or [""])[-1][:200]}


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
def main_guard_windows(mp: BaseContext) -> Facts:
    """Run the same small program with and without the guard, as a real __main__, under the method."""
    method = mp.get_start_method()
    return {"method": method, "guarded": _run(GUARDED, method), "unguarded": _run(UNGUARDED, method)}


def _works(run: dict[str, Any]) -> bool:
    return bool(run["returncode"] == 0 and run["child_ran"] and run["child_exitcode"] == "0")


@main_guard_windows.judge
def _(facts: Facts, where: Where) -> Verdict:
    guarded, bare = facts["guarded"], facts["unguarded"]
    if not _works(guarded):
        raise ValueError(f"the guarded control failed: rc={guarded['returncode']} {guarded['last_error_line']}")
    how = (f"unguarded: program rc={bare['returncode']}, child exitcode={bare['child_exitcode']}, "
           f"top level ran {bare['top_level_runs']}x, 'bootstrapping phase' error={bare['bootstrapping_error']}, "
           f"last error: {bare['last_error_line'] or '-'}")
    needed = not _works(bare)
    recursion = bare["timed_out"] or bare["top_level_runs"] > 3
    why = "no infinite recursion: " if not recursion else "recursion seen: "
    if where.env.os == "win32":
        return holds(f"the guard is needed on Windows ({why}{how})") if needed else refuted(how)
    if needed:
        return partial(f"the guard is needed here too, not only on Windows ({why}{how})")
    return holds(f"not needed under {where.method}, consistent with 'on Windows' ({how})")


main_guard_windows.expect(
    expect("holds", "fork children do not re-import __main__: unguarded code works", os="linux", method="fork"),
    expect("partial", "spawn re-imports __main__ and start() raises RuntimeError in the child: needed on Linux "
           "too, and it is an error, not infinite recursion", os="linux", method="spawn"),
    expect("partial", "forkserver re-imports __main__ (in the child before 3.13.8, in the server from "
           "3.13.8/3.14.1, gh-126631): needed on Linux too", os="linux", method="forkserver"),
    expect("holds", "fork on macOS does not re-import __main__", os="darwin", method="fork", cite=SPAWN_CHECK),
    expect("partial", "spawn (macOS default) re-imports __main__: needed on macOS too", os="darwin",
           cite=SPAWN_CHECK),
    expect("holds", "spawn re-imports __main__ and the child raises RuntimeError; no recursion", os="win32",
           cite=f"{SPAWN_CHECK}; {SAFE_IMPORT}"),
)

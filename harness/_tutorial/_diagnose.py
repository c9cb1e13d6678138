"""Why an example run failed, in plain words, from what was observed: its stderr, exit, caps and tree.

Pure: `diagnose(evidence)` tries each rule in turn, most specific first (a cap explains the
traceback it causes; a missing guard explains the hang of a Pool that keeps replacing its workers).
"""

from __future__ import annotations

import re
import signal
from collections.abc import Callable
from typing import Any, NamedTuple

from harness._tutorial._model import NOT_APPLICABLE, REFUTED

FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')
ERROR = re.compile(r"^(?:[\w.]+\.)?(?P<type>\w*(?:Error|Exception|Exit|Interrupt))(?::\s*(?P<msg>.*))?$")
# Python 2 standard modules renamed or folded in Python 3 (PEP 3108)
PY2_MODULES = frozenset(
    {
        "Queue",
        "cPickle",
        "ConfigParser",
        "StringIO",
        "cStringIO",
        "urllib2",
        "urlparse",
        "Tkinter",
        "tkMessageBox",
        "thread",
        "commands",
        "__builtin__",
        "httplib",
        "SocketServer",
        "copy_reg",
        "HTMLParser",
        "xmlrpclib",
        "dummy_thread",
    }
)
DISPLAY = re.compile(
    r"TclError: no display name|couldn't connect to display|cannot open display|could not connect to display"
    r"|cannot connect to X server"  # GTK's, as OpenCV's highgui prints it (its child exits 1, no traceback)
    r"|The function is not implemented\. Rebuild the library with Windows, GTK\+"
    r"|FigureCanvasAgg is non-interactive|non-GUI backend, so cannot show"
)
JOIN_CALL = r"\.join\(\s*(?:timeout\s*=\s*)?[\d.]*\s*\)"  # p.join(), p.join(5); not ", ".join(words)
UNPICKLABLE = re.compile(
    r"Can't pickle|Can't get attribute|Can't get local object|PicklingError|cannot pickle"
)


class Evidence(NamedTuple):
    """What the judge knows of one run: the program's facts, and the script's origins."""

    stdout: str
    stderr: str
    returncode: int | None
    timed_out: bool
    tree: list[dict[str, Any]]  # the process tree at the deadline (empty otherwise)
    refused_forks: int | None  # forks the pids cgroup refused at its cap
    killed_at_cap: bool  # the census killed the tree past the process cap
    limits: dict[str, Any]
    peak_rss_kib: int
    python2: str | None  # Example.python2, on a Python 3 run (None on the Python 2.7 run)
    interactive: bool  # run like a notebook's kernel or a REPL, whose `__main__` has no file
    script: str
    place: Callable[[int], str]  # a line of the script → "example 2, line 5"
    article_files: frozenset[str]  # names in the article's folder (data files the sandbox does not copy)
    pinned: str | None = None  # the start method the program set itself, overriding the injected one
    shown: str | None = None  # what the article shows it printing (after what the examples it continues show)
    folded: bool = False  # the article lost its line breaks (plain text): its shown output did too
    reached: bool = True  # its own code ran (a kernel's cell: the cells before it finished)
    needs_imports: tuple[str, ...] = ()  # names only the imports of the examples it continues bind

    @property
    def failed(self) -> bool:
        """Whether the run failed: a non-zero exit, a deadline, or any process's traceback."""
        return self.timed_out or self.returncode != 0 or "Traceback (most recent call last)" in self.stderr


class Finding(NamedTuple):
    """A diagnosis: the verdict it leads to, its key and its words."""

    verdict: str
    key: str
    words: str


def diagnose(ev: Evidence) -> Finding | None:
    """The first rule that explains the run; None when nothing went wrong."""
    for rule in RULES if ev.failed else WITNESSED:
        found = rule(ev)
        if found:
            return found
    return _failed(ev) if ev.failed else None


def error_line(stderr: str) -> str:
    """The last `SomeError: message` line of stderr, scratch paths shortened; '' if there is none."""
    found = [ln.strip() for ln in stderr.splitlines() if ERROR.match(ln.strip())]
    return re.sub(r"(?:/[^\s'\"]*)?/(example\.py)", r"\1", found[-1])[:300] if found else ""


def where(ev: Evidence) -> str:
    """The place in the article of the innermost frame of the example's code in stderr; '' if none."""
    # the kernel-like driver compiles a notebook's cells under the script's name too
    lines = [int(m["line"]) for m in FRAME.finditer(ev.stderr) if m["file"].endswith("/example.py")]
    return f" at {ev.place(lines[-1])}" if lines else ""


def _line_of(ev: Evidence, needle: str) -> str:
    """The place of the first script line matching `needle`, for causes no traceback points at."""
    hit = next((n for n, ln in enumerate(ev.script.splitlines(), 1) if re.search(needle, ln)), None)
    return f" ({ev.place(hit)})" if hit else ""


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def _process_cap(ev: Evidence) -> Finding | None:
    if not (ev.refused_forks or ev.killed_at_cap):
        return None
    cap = ev.limits["processes"]
    how = (
        f"the kernel refused {ev.refused_forks} fork(s)"
        if ev.refused_forks
        else "the sandbox killed its process tree"
    )
    said = f": {error_line(ev.stderr)}{where(ev)}" if error_line(ev.stderr) else ""
    return Finding(
        REFUTED,
        "process-cap",
        f"it started more processes than the sandbox allows ({cap} processes and threads): {how}{said}",
    )


def _memory_cap(ev: Evidence) -> Finding | None:
    if not re.search(r"MemoryError|Cannot allocate memory|std::bad_alloc", ev.stderr):
        return None
    cap, peak = _mib(ev.limits["memory"]), _mib(ev.peak_rss_kib * 1024)
    return Finding(
        REFUTED,
        "memory-cap",
        f"it ran out of the sandbox's {cap} of memory per process{where(ev)}: "
        f"{error_line(ev.stderr) or 'MemoryError'} (largest process reached {peak})",
    )


def _file_cap(ev: Evidence) -> Finding | None:
    if "File too large" not in ev.stderr and ev.returncode != -signal.SIGXFSZ:
        return None
    return Finding(
        REFUTED,
        "file-cap",
        f"it wrote a file past the sandbox's cap of {_mib(ev.limits['file_size'])}{where(ev)}: "
        f"{error_line(ev.stderr) or 'killed by SIGXFSZ'}",
    )


def _syntax(ev: Evidence) -> Finding | None:
    err = error_line(ev.stderr)
    if not re.match(r"(SyntaxError|IndentationError|TabError)\b", err) or not where(ev):
        return None
    if ev.python2:
        return Finding(
            REFUTED, "python2", f"Python 2 code ({ev.python2}): Python 3 rejects it{where(ev)}: {err}"
        )
    return Finding(REFUTED, "syntax-error", f"the article's code does not compile{where(ev)}: {err}")


def _no_guard(ev: Evidence) -> Finding | None:
    if "finished its bootstrapping phase" not in ev.stderr:
        return None
    hang = (
        " A Pool replaces each worker that dies so, and the program hung until the deadline." * ev.timed_out
    )
    return Finding(
        REFUTED,
        "no-main-guard",
        "no `if __name__ == '__main__':` guard: a spawned or forkserver child re-imports the main "
        f"module and reaches the start of a new process again{where(ev)}, which Python refuses "
        f"(RuntimeError: ... before the current process has finished its bootstrapping phase).{hang}",
    )


def _unpicklable(ev: Evidence) -> Finding | None:
    if not UNPICKLABLE.search(ev.stderr):
        return None
    err = error_line(ev.stderr) or next(ln for ln in ev.stderr.splitlines() if UNPICKLABLE.search(ln))
    return Finding(REFUTED, "unpicklable", f"{_pickle_reason(ev, err)}{where(ev)}: {err}")


def _pickle_reason(ev: Evidence, err: str) -> str:
    """Why the object cannot travel to the child, in a reader's terms."""
    if "<lambda>" in err:
        return "the target is a lambda, which pickle cannot send to a child process"
    if "local object" in err or "<locals>" in err:
        return "the target is a function defined inside another function, which pickle cannot send"
    name = re.search(r"Can't get attribute '(\w+)' on <module '__main__'", err)
    if not name:
        return "an object given to the child cannot be pickled"
    defined = _line_of(ev, rf"def {name[1]}\b")
    if ev.interactive:
        return (
            f"`{name[1]}` is defined in the notebook's (or REPL's) `__main__`, which a spawned child "
            f"cannot import{defined}"
        )
    return (
        f"`{name[1]}` is defined where the child's re-import of the main module does not reach "
        f"(under the `__main__` guard){defined}"
    )


def _daemon(ev: Evidence) -> Finding | None:
    if "daemonic processes are not allowed to have children" not in ev.stderr:
        return None
    return Finding(
        REFUTED,
        "daemon-children",
        f"a daemonic process tried to start a child of its own{where(ev)}: "
        "daemonic processes are not allowed to have children (a Pool's workers are daemonic)",
    )


def _display(ev: Evidence) -> Finding | None:
    said = DISPLAY.search(ev.stderr)
    if not said:
        return None
    return Finding(
        NOT_APPLICABLE, "display", f"it opens a window, and the sandbox has no display{where(ev)}: {said[0]}"
    )


def _stdin(ev: Evidence) -> Finding | None:
    if "EOFError: EOF when reading a line" not in ev.stderr:
        return None
    return Finding(
        NOT_APPLICABLE,
        "stdin",
        f"it waits for the reader to type something{where(ev)}, and the sandbox's stdin is closed",
    )


def _join_before_drain(ev: Evidence) -> Finding | None:
    if not ev.timed_out:
        return None
    writer = next((p for p in ev.tree if any("pipe_write" in w for w in p.get("wchan", []))), None)
    if writer is None:
        return None
    full = _full_pipe(writer, ev.tree)
    parent = next((p for p in ev.tree if p["pid"] == writer["ppid"]), None)
    waits = ", ".join(parent.get("wchan", [])) if parent else "unknown"
    return Finding(
        REFUTED,
        "join-before-drain",
        f"join before draining a queue: at the deadline child {writer['pid']} had done its work but "
        f"could not exit, its queue's feeder thread blocked writing to a full pipe ({full}); "
        f"its parent waited in the kernel ({waits}) for it to end{_line_of(ev, JOIN_CALL)}, "
        "so the queue was never read: get() before join()",
    )


def _full_pipe(writer: dict[str, Any], tree: list[dict[str, Any]]) -> str:
    """The bytes unread in the pipe the writer writes to, as the reading side's census saw them."""
    ends = {p["pipe"]: p["unread"] for p in writer.get("pipes", []) if p["end"] == "write"}
    fills = [n for n in ends.values() if isinstance(n, int) and n]
    return f"{max(fills)} bytes unread" if fills else "its fill unknown"


def _missing_module(ev: Evidence) -> Finding | None:
    name = re.search(r"No module named '?([\w.]+)", ev.stderr)
    if not name:
        return None
    top = name[1].split(".")[0]
    if ev.python2 and top in PY2_MODULES:
        return Finding(
            REFUTED, "python2", f"Python 2 code ({ev.python2}): Python 3 has no module {top}{where(ev)}"
        )
    if f"{top}.py" in ev.article_files:
        return Finding(
            NOT_APPLICABLE,
            "missing-file",
            f"it imports {top}.py from the article's folder, which the sandbox does not copy{where(ev)}",
        )
    return Finding(
        NOT_APPLICABLE,
        "missing-module",
        f"it needs the module {top}, which this Python does not have{where(ev)}",
    )


def _empty_image(ev: Evidence) -> Finding | None:
    """OpenCV's imread() returns None for a missing file; the failure shows later, in imshow() or resize()."""
    if "size.width>0 && size.height>0" not in ev.stderr:
        return None
    named = re.findall(r"imread\(\s*['\"]([^'\"]+)['\"]", ev.script)
    if not named:
        return None
    there = " (beside the article; the sandbox does not copy it)" * any(n in ev.article_files for n in named)
    return Finding(
        NOT_APPLICABLE,
        "missing-file",
        f"it reads the image(s) {', '.join(named)}, which are not here{there}: cv2.imread() gave None, "
        f"so the next cv2 call failed{where(ev)}",
    )


def _missing_file(ev: Evidence) -> Finding | None:
    found = re.search(
        r"(?:FileNotFoundError|IOError|OSError): \[Errno 2\] No such file or directory: '([^']+)'", ev.stderr
    )
    if not found or re.match(r"/(tmp|dev/shm|proc)/|.*pymp-", found[1]):
        return None  # multiprocessing's own sockets and temporary files are not the article's data
    there = " (the article's folder has it; the sandbox does not copy it)" * (found[1] in ev.article_files)
    return Finding(
        NOT_APPLICABLE, "missing-file", f"it reads the file {found[1]}, which is not here{there}{where(ev)}"
    )


def _python2(ev: Evidence) -> Finding | None:
    if not (ev.python2 and ev.failed):
        return None
    return Finding(
        REFUTED,
        "python2",
        f"Python 2 code ({ev.python2}): under Python 3 it fails{where(ev)}: {error_line(ev.stderr)}",
    )


def _timeout(ev: Evidence) -> Finding | None:
    if not ev.timed_out:
        return None
    procs = "; ".join(f"{p['pid']} {p['status']} in {','.join(p.get('wchan', [])) or '?'}" for p in ev.tree)
    return Finding(
        REFUTED,
        "timeout",
        f"it did not end within {ev.limits['deadline']:g} s; at the deadline: {procs or 'no process'}",
    )


def _failed(ev: Evidence) -> Finding:
    err = error_line(ev.stderr) or f"exit status {ev.returncode}"
    return Finding(REFUTED, "error", f"it failed{where(ev)}: {err}")


RULES: tuple[Callable[[Evidence], Finding | None], ...] = (
    _process_cap,
    _memory_cap,
    _file_cap,
    _syntax,
    _no_guard,
    _unpicklable,
    _daemon,
    _display,
    _stdin,
    _join_before_drain,
    _missing_module,
    _empty_image,
    _missing_file,
    _python2,
    _timeout,
)
WITNESSED = (_process_cap, _display)  # seen in a run that otherwise went well, too

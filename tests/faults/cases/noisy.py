"""Probes that are loud or greedy: megabytes of output; a child that runs out of its memory."""

from __future__ import annotations

import sys

from harness import Context, Facts, Verdict, Where, claim, expect, holds, quote, refuted

FAULT = [quote("001", "进程可能会挂起")]


@claim("fault.flood", "Megabytes on stdout and stderr.", topic="fault", sources=FAULT)
def flood(mp: Context) -> Facts:
    """Write 4 MB to each stream."""
    for stream in (sys.stdout, sys.stderr):
        for _ in range(64):
            stream.write("x" * 65536 + "\n")
    return {"written": 2 * 64 * 65537}


@flood.judge
def _(facts: Facts, where: Where) -> Verdict:
    return holds(f"{facts['written']} bytes written")


flood.expect(expect("holds", "output is the probe's business; only a tail is kept"))


def _greedy(conn: object) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a bounded address space: 1 GiB
    try:
        hoard = [bytearray(64 << 20) for _ in range(64)]  # asks for 4 GiB
        conn.send(f"kept {len(hoard)}")  # type: ignore[attr-defined]
    except MemoryError:
        conn.send("MemoryError")  # type: ignore[attr-defined]


@claim("fault.memory", "A child exhausts a bounded amount of memory.", topic="fault", sources=FAULT)
def memory(mp: Context) -> Facts:
    """A child under a 1 GiB address-space limit asks for 4 GiB."""
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_greedy, args=(send,))
    p.start()
    said = receive.recv() if receive.poll(20) else None
    p.join(10)
    return {"child_said": said, "exitcode": p.exitcode}


@memory.judge
def _(facts: Facts, where: Where) -> Verdict:
    said = facts["child_said"]
    return holds(f"the child said {said}") if said == "MemoryError" else refuted(f"the child said {said}")


memory.expect(expect("holds", "the limit turns exhaustion into MemoryError"))

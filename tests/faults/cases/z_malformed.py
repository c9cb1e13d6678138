"""Cases the catalog must refuse, each with one line naming the file and the field."""

from __future__ import annotations

from harness import Context, Facts, claim, expect, holds, quote


def _nothing(mp: Context) -> Facts:
    return {}


for claim_id, sources in [
    ("fault.flood", [quote("001", "进程")]),  # a duplicate of noisy.py's
    ("fault.not-in-inventory", [quote("001", "进程")]),
    ("fault.unknown-article", [quote("999", "进程")]),
    ("fault.bad-quote", [quote("001", "这句话不在文章里")]),
]:
    made = claim(claim_id, "Malformed on purpose.", topic="fault", sources=sources)(_nothing)
    made.name = f"case_{claim_id.replace('.', '_').replace('-', '_')}"
    globals()[made.name] = made
    made.judge(lambda facts, where: holds("x"))
    made.expect(expect("holds", "x"))

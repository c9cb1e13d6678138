"""The merged report as terminal text (pure)."""

from __future__ import annotations

from harness._report._summary import Report


def render_text(report: Report) -> str:
    """Claims with their verdicts per method and platform, then the drift found, then the counts."""
    merged = report.merged
    out = [f"{len(merged.environments)} environments: {', '.join(sorted(merged.environments))}"]
    out += [f"  ⚠ {env}: {notice}" for env, notice in sorted(merged.notices.items())] + [""]
    for claim in merged.claims:
        out.append(f"{claim}  ({merged.topics[claim]})")
        for method in report.methods():
            lines = report.cells.get((claim, method), [])
            text = " | ".join(
                f"{line.platform}: {line.text}" + (" ✗" * bool(line.failures)) for line in lines
            )
            out.append(f"  {method:<11} {text}")
    out += ["", "Drift by version (verdict changes, with the evidence of each side):"]
    for d in report.drifts:
        out.append(f"  {d.claim} [{d.method}] {d.platform}: {d.summary()}")
        out += [f"      {s.first}…{s.last} {s.verdict}: {s.why[:160]}" for s in d.segments]
    out.append("  default start method: " + "; ".join(f"{p}: {t}" for p, t in report.default_method.items()))
    counts = ", ".join(f"{n} {s}" for s, n in sorted(report.counts.items()))
    out += ["", f"{counts} (✗: observed ≠ expected somewhere on that platform)"]
    return "\n".join(out)

"""The merged report as JUnit XML: a suite per environment, a case per claim × method (pure)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from harness._report._merge import Merged


def render_junit(merged: Merged) -> str:
    """Failures where observed ≠ expected (or nothing was expected); the why as the message."""
    root = ET.Element("testsuites", name="mp-factcheck")
    for env_id in sorted(merged.environments):
        columns = [c for c in merged.columns if c.env_id == env_id]
        suite = ET.SubElement(root, "testsuite", name=env_id)
        failures = 0
        for claim in merged.claims:
            for column in columns:
                if (result := merged.cell(claim, column)) is None:
                    continue
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=f"{env_id}.{merged.topics[claim]}",
                    name=f"{claim}[{column.method}]",
                    time=str(result.get("duration_s", 0)),
                )
                if result.get("status") == "inconclusive":
                    ET.SubElement(case, "skipped", message=result["why"][:1000])
                elif result.get("status", "new") != "pass":
                    failures += 1
                    expected = (result.get("expected") or {}).get("verdict", "nothing")
                    failure = ET.SubElement(
                        case,
                        "failure",
                        message=f"expected {expected}, observed {result['verdict']}: {result['why']}"[:1000],
                    )
                    failure.text = result["why"]
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(failures))
    return ET.tostring(root, encoding="unicode", xml_declaration=True)

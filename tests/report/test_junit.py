from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from harness._report._commands import load
from harness._report._junit import render_junit

from .fixtures import env, result, write


def test_one_suite_per_environment_and_failures_where_observed_differs(tmp_path: Path) -> None:
    write(
        tmp_path,
        env("3.12.1"),
        [
            result("a.b", "fork", "holds"),
            {**result("a.b", "spawn", "refuted", "n=2"), "status": "fail", "expected": {"verdict": "holds"}},
        ],
    )
    root = ET.fromstring(render_junit(load([tmp_path])))
    (suite,) = root
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == (
        "linux-x86_64-cpython-3.12.1",
        "2",
        "1",
    )
    failure = suite.find("testcase[@name='a.b[spawn]']/failure")
    assert failure is not None and failure.get("message") == "expected holds, observed refuted: n=2"

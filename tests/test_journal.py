from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harness._environment import current
from harness._journal import append, begin, finish, fold, journal_path, parse, recover
from harness._results import ResultsError, read

ENV = current("1")


def head(run: str, pid: int = 0) -> dict[str, Any]:
    return {"kind": "run", "run": run, "env_id": ENV.env_id, "environment": ENV.to_json(), "pid": pid}


def result(claim: str, method: str, run: str, verdict: str = "holds") -> dict[str, Any]:
    return {
        "kind": "result",
        "run": run,
        "claim": {"id": claim, "statement": "s"},
        "result": {
            "claim": claim,
            "start_method": method,
            "topic": claim.split(".", maxsplit=1)[0],
            "verdict": verdict,
            "why": "seen",
            "verdict_key": "",
            "status": "new",
            "expected": None,
            "evidence": {},
            "duration_s": 0.1,
            "judged_at": f"2026-12-01T20:00:0{len(run)}Z",
            "run": run,
        },
    }


def lines(*records: dict[str, Any]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def collected(run: str, *items: tuple[str, str]) -> dict[str, Any]:
    return {"kind": "collected", "run": run, "items": [list(i) for i in items]}


def test_an_interrupted_run_lists_what_never_ran() -> None:
    journal = parse(
        lines(head("r"), collected("r", ("a", "fork"), ("b", "fork")), result("a", "fork", "r")), "j"
    )
    data = fold(None, journal.runs)
    assert (data["complete"], data["not_run"]) == (False, [{"claim": "b", "start_method": "fork"}])
    assert [r["claim"] for r in data["results"]] == ["a"]
    assert data["runs"][0] | {"interrupted": True, "collected": 2, "judged": 1} == data["runs"][0]


def test_a_half_written_last_line_is_ignored_with_a_note() -> None:
    text = lines(head("r"), collected("r", ("a", "fork")), result("a", "fork", "r")) + '{"kind": "res'
    journal = parse(text, "x.journal.jsonl")
    assert journal.notes == ["x.journal.jsonl: line 4 half-written, ignored"]
    assert fold(None, journal.runs)["complete"] is True


def test_a_broken_line_inside_and_a_stray_record_are_noted() -> None:
    text = "garbage\n" + lines(result("a", "fork", "other"), head("r"))
    assert parse(text, "j").notes == [
        "j: line 1 is not JSON, ignored",
        "j: line 2: a 'result' record of no run in this journal, ignored",
    ]


def test_a_narrowed_run_replaces_only_its_items_and_the_file_says_it_mixes_runs() -> None:
    full = fold(
        None,
        parse(
            lines(
                head("one"),
                collected("one", ("a", "fork"), ("b", "fork")),
                result("a", "fork", "one"),
                result("b", "fork", "one"),
            ),
            "j",
        ).runs,
    )
    narrow = parse(
        lines(head("two"), collected("two", ("b", "fork")), result("b", "fork", "two", "refuted")), "j"
    )
    data = fold(full, narrow.runs)
    assert {r["claim"]: (r["verdict"], r["run"]) for r in data["results"]} == {
        "a": ("holds", "one"),
        "b": ("refuted", "two"),
    }
    assert data["complete"] is True and [r["run"] for r in data["runs"]] == ["one", "two"]


def test_folding_the_same_journal_twice_changes_nothing() -> None:
    runs = parse(
        lines(head("r"), collected("r", ("a", "fork"), ("b", "spawn")), result("a", "fork", "r")), "j"
    ).runs
    once = fold(None, runs)
    assert fold(once, runs) == once


def test_finish_writes_the_file_and_removes_a_whole_runs_journal(tmp_path: Path) -> None:
    results = tmp_path / "r" / "x.json"
    begin(results, head("r"), fresh=False)
    for record in (collected("r", ("a", "fork")), result("a", "fork", "r")):
        append(journal_path(results), record)
    finish(results, "r", interrupted=False)
    assert not journal_path(results).exists()
    back = read(results)
    assert back.complete and back.notice is None and [r["claim"] for r in back.results] == ["a"]


def test_a_killed_runs_journal_is_recovered_by_the_next_look(tmp_path: Path) -> None:
    results = tmp_path / "x.json"
    journal_path(results).write_text(
        lines(
            head("r", pid=2**22 + 7), collected("r", ("a", "fork"), ("b", "fork")), result("a", "fork", "r")
        )
        + '{"kind"'
    )
    notes = recover(results)
    assert notes[0].endswith("line 4 half-written, ignored")
    assert "folded a run that was interrupted" in notes[1] and "1 of 2 items judged" in notes[1]
    back = read(results)
    assert not back.complete and back.notice == "incomplete run: 1 of 2 items judged, 1 never ran"
    assert not journal_path(results).exists()


def test_a_journal_still_being_written_is_left_alone(tmp_path: Path) -> None:
    import psutil

    results = tmp_path / "x.json"
    me = {**head("r", pid=os.getpid()), "pid_started": psutil.Process().create_time()}
    journal_path(results).write_text(lines(me))
    assert recover(results)[-1].endswith(f"a run (pid {os.getpid()}) is still writing it; not folded")
    with pytest.raises(ResultsError, match="two runs of one environment would mix"):
        begin(results, head("s"), fresh=True)


def test_a_results_file_of_another_environment_is_refused(tmp_path: Path) -> None:
    results = tmp_path / "x.json"
    begin(results, head("r"), fresh=False)
    finish(results, "r", interrupted=False)
    with pytest.raises(ResultsError, match=r"x.json: holds environment .*, this run is other"):
        begin(results, {**head("s"), "env_id": "other"}, fresh=False)
    begin(results, {**head("s"), "env_id": "other"}, fresh=True)
    assert not results.exists()


def _writer(path: str, n: int, tag: int) -> None:
    for i in range(n):
        append(Path(path), {"kind": "x", "writer": tag, "i": i, "pad": "進" * (3000 + 97 * tag)})


def test_several_writers_at_once_never_interleave_lines(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    # programs of their own, not multiprocessing: a spawn context here would leave its resource tracker
    # running in this pytest process (test_runner checks that nothing of the session is left)
    code = "import sys; from tests.test_journal import _writer; _writer(sys.argv[1], 200, int(sys.argv[2]))"
    root = Path(__file__).parents[1]
    writers = [subprocess.Popen([sys.executable, "-c", code, str(path), str(t)], cwd=root) for t in range(4)]
    for w in writers:
        w.wait(60)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted((r["writer"], r["i"]) for r in records) == [(t, i) for t in range(4) for i in range(200)]


def test_a_run_killed_before_it_had_collected_leaves_the_file_incomplete() -> None:
    whole = fold(
        None, parse(lines(head("one"), collected("one", ("a", "fork")), result("a", "fork", "one")), "j").runs
    )
    data = fold(whole, parse(lines(head("two")), "j").runs)
    assert (data["complete"], data["not_run"], len(data["results"])) == (False, [], 1)
    assert data["runs"][-1]["interrupted"] and data["runs"][-1]["collected"] is None

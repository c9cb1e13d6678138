from __future__ import annotations

from cases.speed import gil_threads
from tests.cases import where

ONE_CORE = {"both_done_ratio": 2.0, "ratio": 2.0, "both_running_share": 0.0, "both_running_s": 0.0}
TWO_CORES = {"both_done_ratio": 1.02, "ratio": 1.01, "both_running_share": 0.95, "both_running_s": 0.06}


def facts(python: dict[str, float], hashing: dict[str, float], cpus: int = 2) -> dict[str, object]:
    rounds = {"alone_s": [0.01] * 7}
    return {
        "usable_cpus": cpus,
        "gil_enabled": None,
        "clock_grain_s": 1e-6,
        **rounds,
        **python,
        "gil_releasing": {"work": "hashlib.sha256", **rounds, **hashing},
    }


def judge(f: dict[str, object]) -> str:
    assert gil_threads.judgement is not None
    return gil_threads.judgement(f, where()).outcome


def test_gil_releasing_work_on_two_cores_makes_it_partial() -> None:
    assert judge(facts(ONE_CORE, TWO_CORES)) == "partial"


def test_neither_kind_on_two_cores_holds() -> None:
    assert judge(facts(ONE_CORE, ONE_CORE)) == "holds"


def test_python_code_on_two_cores_refutes_it() -> None:
    assert judge(facts(TWO_CORES, TWO_CORES)) == "refuted"


def test_one_usable_cpu_is_not_applicable() -> None:
    assert judge(facts(ONE_CORE, TWO_CORES, cpus=1)) == "not-applicable"


def test_gil_releasing_threads_seen_running_at_once_count_even_with_little_gain() -> None:
    at_once = {**TWO_CORES, "both_done_ratio": 1.6, "ratio": 1.5, "both_running_share": 0.47}
    assert judge(facts(ONE_CORE, at_once)) == "partial"

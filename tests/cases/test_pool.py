from __future__ import annotations

import pytest

from cases.pool import cpu_count_cores
from tests.cases import where


def facts(count: int, logical: int, cores: int | None, cut_count: int | None = None) -> dict[str, object]:
    cut = {"usable_cpus": 1, "cpu_count": count if cut_count is None else cut_count, "process_cpu_count": 1}
    return {
        "cpu_count": count,
        "child_cpu_count": count,
        "logical_cpus": logical,
        "physical_cores": cores,
        "restricted_to_one_cpu": cut,
    }


def judge(f: dict[str, object]) -> tuple[str, str]:
    assert cpu_count_cores.judgement is not None
    verdict = cpu_count_cores.judgement(f, where())
    return verdict.outcome, verdict.key


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (facts(2, 2, 2), ("partial", "logical CPUs = cores here")),
        (facts(8, 8, 4), ("partial", "logical CPUs > cores")),
        (facts(4, 8, 4), ("holds", "cores")),
        (facts(2, 2, 2, cut_count=1), ("refuted", "other")),
        (facts(3, 8, 4), ("refuted", "other")),
    ],
)
def test_the_verdict_follows_what_cpu_count_counts(
    given: dict[str, object], expected: tuple[str, str]
) -> None:
    assert judge(given) == expected


def test_no_core_count_is_not_applicable() -> None:
    assert judge(facts(2, 2, None))[0] == "not-applicable"

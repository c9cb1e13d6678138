from __future__ import annotations

import threading
from pathlib import Path

import pytest

from harness import _exclusive


@pytest.fixture(autouse=True)
def private_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_exclusive, "lock_dir", lambda: tmp_path)


def test_shared_holders_run_together() -> None:
    with _exclusive.hold(exclusive=False) as first, _exclusive.hold(exclusive=False) as second:
        assert first and second


def test_an_exclusive_holder_waits_for_shared_ones() -> None:
    order: list[str] = []
    entered = threading.Event()

    def exclusive() -> None:
        entered.set()
        with _exclusive.hold(exclusive=True):
            order.append("exclusive")

    with _exclusive.hold(exclusive=False):
        worker = threading.Thread(target=exclusive)
        worker.start()
        entered.wait(5)
        worker.join(0.2)  # it must still be waiting: the shared lock is held
        order.append("shared done")
    worker.join(5)
    assert order == ["shared done", "exclusive"]

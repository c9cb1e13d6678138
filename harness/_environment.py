"""The fingerprint of this interpreter and machine: everything that changes outcomes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from packaging.version import Version

METHODS = ("fork", "spawn", "forkserver")


# NamedTuples, not dataclasses: case modules (re-imported by every spawned child) reach this module.


class Environment(NamedTuple):
    """Where a run happened, as plain data (the results file's `environment`)."""

    os: str
    machine: str
    implementation: str
    python_version: str
    gil_enabled: bool
    free_threaded: bool
    default_start_method: str
    start_methods: tuple[str, ...]
    cpu_count: int
    usable_cpus: int
    harness_version: str

    @property
    def env_id(self) -> str:
        """A file-name-safe id, e.g. `linux-x86_64-cpython-3.13.0`."""
        suffix = "t" if self.free_threaded else ""
        return f"{self.os}-{self.machine}-{self.implementation}-{self.python_version}{suffix}"

    @property
    def version(self) -> Version:
        """The Python version for range checks; a pre-release counts as its release (3.15.0a2 is 3.15.0)."""
        from packaging.version import Version  # late: probes and their children never need it

        return Version(Version(self.python_version).base_version)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data, with the env id."""
        return {**self._asdict(), "start_methods": list(self.start_methods), "env_id": self.env_id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Environment:
        """The inverse of `to_json`."""
        fields = {k: v for k, v in data.items() if k in cls._fields}
        return cls(**{**fields, "start_methods": tuple(fields["start_methods"])})


class Where(NamedTuple):
    """One cell of the matrix: an environment and the start method under test."""

    env: Environment
    method: str

    def label(self) -> str:
        """E.g. `linux/cpython-3.14.0/forkserver`."""
        impl = f"{self.env.implementation}-{self.env.python_version}"
        return f"{self.env.os}/{impl}{'t' if self.env.free_threaded else ''}/{self.method}"

    def with_method(self, method: str) -> Where:
        """The same environment, another method."""
        return self._replace(method=method)


def current(harness_version: str) -> Environment:
    """Read this interpreter's environment (once per process: it asks the OS)."""
    import multiprocessing
    import platform
    import sysconfig

    methods = tuple(multiprocessing.get_all_start_methods())
    return Environment(
        os=sys.platform,
        machine=platform.machine().lower(),
        implementation=sys.implementation.name,
        python_version=platform.python_version(),
        gil_enabled=_gil_enabled(),
        free_threaded=bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        default_start_method=methods[0],
        start_methods=methods,
        cpu_count=os.cpu_count() or 1,
        usable_cpus=_usable_cpus(),
        harness_version=harness_version,
    )


def _gil_enabled() -> bool:
    """Whether the GIL is on (always, before 3.13 and on PyPy)."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


def _usable_cpus() -> int:
    """CPUs this process may run on (affinity-aware where the OS tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1

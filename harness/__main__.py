"""`python -m harness`."""

from __future__ import annotations

import sys

try:
    from harness._cli import main
except ModuleNotFoundError as exc:  # run from a checkout by a Python without the project installed
    sys.exit(
        f"python -m harness: {exc.name!r} is missing: install the project into this Python first "
        f"({sys.executable} -m pip install -e .), or use a nox session's venv (.nox/tests/bin/python)"
    )

sys.exit(main())

#!/usr/bin/env python3
"""Type-check the modules that `pip install .` compiles with mypyc (HOT in setup.py).

Usage: python scripts/check_compiled.py   (needs mypy: pip install mypy)
A module that stops type-checking makes the wheel build fall back to pure Python (with only a
warning); run this before committing a change to them. CI also fails then (tests/test_build_info.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def hot_modules() -> list[str]:
    src = (ROOT / "setup.py").read_text(encoding="utf-8")
    ns: dict[str, object] = {"__file__": str(ROOT / "setup.py")}
    exec(src.split("# the commands that build")[0], ns)  # the HOT list, without running setup()
    return [str(ROOT / p) for p in ns["HOT"]]  # type: ignore[attr-defined]


def main() -> int:
    from mypy import api

    out, err, status = api.run(
        ["--ignore-missing-imports", "--follow-imports=silent", "--python-version", "3.11", *hot_modules()]
    )
    sys.stdout.write(out)
    sys.stderr.write(err)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Fixtures of the evaluation tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def reference_scorer(shared: Path) -> Path:
    path = shared / "eval" / "score.py"
    if not path.is_file():
        pytest.fail(f"reference scorer missing: {path}")
    return path

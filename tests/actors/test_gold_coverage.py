"""Regression floor: how many gold events have their actor named near the evidence.

Reads the gold of ../shared/eval/dev (never copied here); the floors sit a little under the
measured shares so that a change that loses actors in general fails, without pinning any item.
Run ``python -m rasad.actors.coverage ../shared/eval/dev/*.jsonl --misses`` for the details.
"""

from __future__ import annotations

from pathlib import Path

from rasad.actors.coverage import measure


def test_actor_and_date_coverage_on_dev(shared: Path) -> None:
    res = measure([shared / "eval" / "dev" / "ar_dev.jsonl", shared / "eval" / "dev" / "en_dev.jsonl"])
    c = res["counts"]

    def share(key: str, sub: str) -> float:
        return c[f"{key}.{sub}"] / c[f"{key}.n"]

    assert share("ar.actor1", "sentence") >= 0.75
    assert share("ar.actor1", "before") >= 0.85
    assert share("en.actor1", "before") >= 0.85
    assert share("ar.date", "window_or_pub") >= 0.75
    assert share("ar.fatalities", "window") >= 0.6

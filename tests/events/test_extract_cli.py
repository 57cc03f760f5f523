"""``rasad extract`` on a small JSON Lines file written for the test, to JSONL and SQLite."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasad.cli.main import app
from rasad.store import Store


def _write(tmp_path: Path) -> Path:
    p = tmp_path / "news.jsonl"
    recs = [
        {
            "doc_id": "n1",
            "lang": "ar",
            "published": "2024-03-10",
            "text": "استعاد الجيش السوري السيطرة على مدينة تدمر من تنظيم داعش.",
        },
        {
            "doc_id": "n2",
            "lang": "en",
            "published": "2024-03-10",
            "text": "Russian airstrikes killed four civilians in the town of Saraqib on Friday.",
        },
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    return p


def test_extract_to_jsonl_and_store(tmp_path: Path) -> None:
    src = _write(tmp_path)
    out = tmp_path / "events.jsonl"
    db = tmp_path / "r.db"
    res = CliRunner().invoke(app, ["--quiet", "extract", str(src), "-o", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {(e["doc_id"], e["sub_event_type"]) for e in lines} == {
        ("n1", "government_regains_territory"),
        ("n2", "air_drone_strike"),
    }
    with Store(db) as store:
        assert {e.doc_id for e in store.iter_events()} == {"n1", "n2"}
    # from the store: nothing left to do, then --all re-extracts
    res = CliRunner().invoke(app, ["--quiet", "extract", "--db", str(db)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["--quiet", "extract", "--db", str(db), "--all", "-o", str(out)])
    assert res.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_extract_missing_input(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 3

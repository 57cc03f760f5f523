"""``rasad control …`` and ``rasad export`` against a small database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from control_builders import clash, take
from typer.testing import CliRunner

from rasad.model import Document

Store = pytest.importorskip("rasad.store").Store

TEXT_A = "سيطرت قوات النظام اليوم على قرية الحمرا شرق دير الزور بعد اشتباكات مع تنظيم داعش"
TEXT_B = "استعاد تنظيم داعش السيطرة على قرية الحمرا إثر هجوم معاكس على مواقع قوات النظام"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "rasad.db"
    with Store(path) as st:
        st.upsert_document(Document("a", TEXT_A, "ar", published=date(2017, 10, 1)), "h-a")
        st.upsert_document(Document("b", TEXT_B, "ar", published=date(2017, 10, 21)), "h-b")
        st.upsert_document(
            Document("c", "اشتباكات عنيفة بين قسد وداعش في محيط الجسر", "ar", published=date(2017, 10, 22)),
            "h-c",
        )
        st.replace_events("a", [take("SYR_GOV", "الحمرا", date(2017, 10, 1), "a", text=TEXT_A)], "test")
        st.replace_events(
            "b", [take("ISIS", "الحمرا", date(2017, 10, 20), "b", loser="SYR_GOV", text=TEXT_B)], "test"
        )
        st.replace_events("c", [clash("SDF", "ISIS", "الجسر", date(2017, 10, 22), "c")], "test")
    return path


def run(*args: str) -> str:
    from rasad.cli.main import app

    res = CliRunner().invoke(app, list(args), env={"RASAD_BIDI": "0", "COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    return res.output


def test_build_at_history_changes(db: Path):
    out = " ".join(run("control", "build", "--db", str(db)).split())
    assert "events: 3" in out and "places: 2" in out
    with Store(db) as st:
        ivs = list(st.iter_control())
    assert [(iv.place_key, iv.controller) for iv in ivs] == [
        ("T:1", "SYR_GOV"),
        ("T:1", "ISIS"),
        ("T:3", "UNKNOWN"),
    ]
    out = run("control", "at", "2017-10-10", "--db", str(db), "--json", "--places")
    data = json.loads(out)
    assert data["held"] == {"SYR_GOV": 1}
    assert data["regions"][0]["region"] == "Deir-ez-Zor"
    data = json.loads(run("control", "at", "2017-10-25", "--db", str(db), "--region", "wilayat", "--json"))
    assert [(r["region"], r["held"]) for r in data["regions"]] == [
        ("ولاية الخير", {"ISIS": 1}),
        ("ولاية الفرات", {}),
    ]
    assert "ISIS" in run("control", "at", "2017-10-25", "--db", str(db), "--region", "wilayat")
    hist = json.loads(run("control", "history", "الحمرا", "--db", str(db), "--json"))
    assert [(h["controller"], h["valid_from"], h["valid_to"]) for h in hist] == [
        ("SYR_GOV", "2017-10-01", "2017-10-20"),
        ("ISIS", "2017-10-20", ""),
    ]
    assert hist[0]["evidence"][0]["text"] == "a: " + TEXT_A and hist[1]["sources"] == ["b"]
    assert "الحمرا" in run("control", "history", "الحمرا", "--db", str(db))
    out = run("control", "changes", "--since", "2017-10-15", "--until", "2017-10-31", "--db", str(db))
    assert "1 change(s)" in out and "SYR_GOV" in out


def test_seed_and_corrections_survive_rebuild(db: Path, tmp_path: Path):
    seeds = tmp_path / "seeds.csv"
    seeds.write_text(
        "place,controller,as_of,lat,lon,admin1\nالباغوز,ISIS,2017-01-01,34.47,40.95,Deir-ez-Zor\n",
        encoding="utf-8",
    )
    run("control", "seed", str(seeds), "--db", str(db))
    out = run(
        "control",
        "correct",
        "الحمرا",
        "--controller",
        "IRN_BACKED",
        "--from",
        "2017-10-05",
        "--note",
        "another outlet names the militia",
        "--db",
        str(db),
    )
    assert "correction 1" in out
    assert "IRN_BACKED" in run("control", "corrections", "--db", str(db))
    # re-extraction of document a: the correction is re-applied at the next build
    with Store(db) as st:
        st.replace_events("a", [take("SYR_GOV", "الحمرا", date(2017, 10, 2), "a", text=TEXT_A)], "test2")
    run("control", "build", "--no-observations", "--db", str(db))
    data = json.loads(run("control", "at", "2017-10-10", "--db", str(db), "--json"))
    assert data["held"] == {"IRN_BACKED": 1, "ISIS": 1}  # corrected place + the seeded one
    data = json.loads(run("control", "at", "2017-10-25", "--db", str(db), "--json"))
    assert data["held"]["ISIS"] == 2


def test_export_formats(db: Path, tmp_path: Path):
    run("control", "build", "--no-observations", "--db", str(db))
    for fmt, name in (
        ("jsonl", "e.jsonl"),
        ("acled-csv", "e.csv"),
        ("geojson", "e.geojson"),
        ("control-csv", "c.csv"),
        ("control-geojson", "c.geojson"),
    ):
        out = tmp_path / name
        run(
            "export",
            "--format",
            fmt,
            "--out",
            str(out),
            "--db",
            str(db),
            *(["--date", "2017-10-10"] if fmt == "control-geojson" else []),
        )
        assert out.stat().st_size > 0
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["sub_event_type"] == "government_regains_territory"
    snap = json.loads((tmp_path / "c.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["controller"] for f in snap["features"]] == ["SYR_GOV"]


def test_control_geojson_defaults_to_the_timelines_last_date(db: Path, tmp_path: Path):
    # the timeline's last date (21 November) is later than its last change of hands: the day
    # `rasad run` and `rasad map` draw
    run("control", "build", "--no-observations", "--db", str(db))
    out = tmp_path / "c.geojson"
    run("export", "--format", "control-geojson", "--out", str(out), "--db", str(db))
    assert json.loads(out.read_text(encoding="utf-8"))["date"] == "2017-11-21"

"""``rasad map`` end to end on a small database: PNG and HTML, region, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_map_sample import sample_events, sample_intervals
from typer.testing import CliRunner

from rasad.cli.main import app
from rasad.model import Document

runner = CliRunner()


@pytest.fixture
def db(db_path: Path) -> Path:
    from rasad.store import Store

    text = "سيطرت قوات النظام على بلدة العشارة بعد معارك عنيفة مع تنظيم الدولة"
    with Store(db_path) as st:
        st.upsert_document(Document(id="doc-news", text=text, lang="ar", url="https://example.org/a"), "h1")
        st.replace_events("doc-news", sample_events(), "test")
        st.replace_control(sample_intervals())
    return db_path


def test_png_and_html_from_the_store(db: Path, tmp_path: Path) -> None:
    png = tmp_path / "map.png"
    res = runner.invoke(app, ["map", "--db", str(db), "--date", "2017-11-03", "--out", str(png)])
    assert res.exit_code == 0, res.output
    assert png.stat().st_size > 20_000
    said = " ".join(res.output.split())  # rich may wrap lines anywhere
    assert "SYR_GOV 4" in said and "ISIS 1" in said

    html = tmp_path / "map.html"
    res = runner.invoke(app, ["map", "--db", str(db), "--out", str(html), "--date", "2017-10-15"])
    assert res.exit_code == 0, res.output
    page = html.read_text(encoding="utf-8")
    assert '"initial":"2017-10-15"' in page and "https://example.org/a" in page


def test_region_zooms_and_unknown_region_fails(db: Path, tmp_path: Path) -> None:
    png = tmp_path / "dz.png"
    res = runner.invoke(app, ["map", "--db", str(db), "--out", str(png), "--region", "دير الزور"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["map", "--db", str(db), "--out", str(png), "--region", "Atlantis"])
    assert res.exit_code == 2 and "unknown region" in " ".join(res.output.split())


def test_bad_suffix_and_missing_db(tmp_path: Path) -> None:
    res = runner.invoke(app, ["map", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "m.png")])
    assert res.exit_code == 3
    res = runner.invoke(app, ["map", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "m.txt")])
    assert res.exit_code == 2

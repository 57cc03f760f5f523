"""``rasad --gazetteer DIR`` adds a user's places to every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli.main import app

OVERLAY = """
places:
  - {id: "USR:tell-x", name_ar: تل الزعفران الغربي, name_en: Tell al-Zafaran West,
     kind: site, country: SY, admin1: Homs, lat: 34.61, lon: 38.21}
"""


def test_global_gazetteer_option_adds_user_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASAD_GAZETTEER_DIR", "")  # restored after the test
    (tmp_path / "mine.yaml").write_text(OVERLAY, encoding="utf-8")
    text = "سيطرت قوات النظام على تل الزعفران الغربي"
    without = CliRunner().invoke(app, ["places", "find", "--json", text])
    assert "USR:tell-x" not in without.output
    with_dir = CliRunner().invoke(app, ["--gazetteer", str(tmp_path), "places", "find", "--json", text])
    assert with_dir.exit_code == 0, with_dir.output
    assert "USR:tell-x" in with_dir.output

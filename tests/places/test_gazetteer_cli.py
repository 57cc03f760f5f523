"""``rasad gazetteer``: info, lookup, build, download (offline: a clean failure, exit code 3)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import gazetteer_cmd
from rasad.cli.main import app

runner = CliRunner()


def test_info() -> None:
    r = runner.invoke(app, ["gazetteer", "info"])
    assert r.exit_code == 0, r.output
    assert "places loaded" in r.output and "ocha" in r.output and "overlay" in r.output


def test_lookup() -> None:
    r = runner.invoke(app, ["gazetteer", "lookup", "al-Asharah"])
    assert r.exit_code == 0, r.output
    assert "SY:C5210" in r.output
    r = runner.invoke(app, ["gazetteer", "lookup", "Xyzzyville"])
    assert r.exit_code == 1


def test_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "iraq_cities.csv").write_text(
        "name_en,name_ar,governorate_en,district_en,lat,lon,population\n"
        "Testabad,تست آباد,Nineveh,Mosul,36.1,43.1,1000\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.tsv.gz"
    r = runner.invoke(app, ["gazetteer", "build", str(src), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.is_file()
    r = runner.invoke(app, ["gazetteer", "build", str(tmp_path / "missing"), "--out", str(out)])
    assert r.exit_code == 3


def test_download_without_network_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_net(*_a: object, **_k: object) -> None:
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", no_net)
    r = runner.invoke(app, ["gazetteer", "download", "--dest", str(tmp_path / "dl")])
    assert r.exit_code == 3
    assert "could not fetch" in r.output and "no internet" in r.output
    assert not any((tmp_path / "dl").iterdir())  # no half-written files left


def test_download_unreachable_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer_cmd, "DOWNLOADS", {"SY.zip": "http://127.0.0.1:9/SY.zip"})
    r = runner.invoke(app, ["gazetteer", "download", "--dest", str(tmp_path), "--timeout", "2"])
    assert r.exit_code == 3


def test_download_success_with_fake_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Resp(io.BytesIO):
        def __enter__(self) -> Resp:
            return self

        def __exit__(self, *a: object) -> None:
            self.close()

    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: Resp(b"PK fake zip"))
    r = runner.invoke(app, ["gazetteer", "download", "--dest", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "SY.zip").read_bytes() == b"PK fake zip"

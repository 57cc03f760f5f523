"""The static PNG map: what it draws and how Arabic reaches matplotlib."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import matplotlib.axes
import pytest
from test_map_sample import TAKEN, sample_events, sample_intervals

from rasad.outputs import map_common
from rasad.outputs.map_common import display_text, load_boundaries, region_bbox, visual_text
from rasad.outputs.map_png import FONT, draw_map


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_draws_png_with_legend_and_labels(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    info = draw_map(sample_intervals(), sample_events(), TAKEN, out)
    w, h = png_size(out)
    assert w > 900 and h > 600 and out.stat().st_size > 30_000
    # on 2017-11-03 three villages are the government's, one is still ISIS's, one the SDF's;
    # the place without coordinates is counted, not drawn
    assert [(c, n) for c, _, n in info["legend"]] == [("SYR_GOV", 4), ("ISIS", 1), ("SDF", 1)]
    assert "Syrian government" in info["legend"][0][1] and "الحكومة السورية" in info["legend"][0][1]
    assert info["unlocated"] == 1 and info["places"] == 5 and info["events"] == 2
    names = [name for name, _ in info["labels"]]
    assert names[:2] == ["العشارة", "القورية"]  # places with events in the period come first
    assert set(names) == {"العشارة", "القورية", "محكان", "صبيخان", "ذيبان"}
    lon0, lat0, lon1, lat1 = info["extent"]  # zoomed to the places, not to all of Syria
    assert 40.0 < lon0 < 40.5 < 40.6 < lon1 < 41.0 and 34.5 < lat0 < 34.85 and 35.01 < lat1 < 35.5


def test_arabic_reaches_matplotlib_in_the_right_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Shaped + right-to-left for a renderer that draws glyphs one by one; the logical text
    for matplotlib >= 3.11, which shapes and reorders itself with libraqm."""
    texts: list[tuple[str, object]] = []
    real_annotate = matplotlib.axes.Axes.annotate

    def spy(self: matplotlib.axes.Axes, text: str, *a: object, **kw: object) -> object:
        texts.append((text, kw.get("fontproperties")))
        return real_annotate(self, text, *a, **kw)

    monkeypatch.setattr(matplotlib.axes.Axes, "annotate", spy)
    for native in (False, True):
        texts.clear()
        monkeypatch.setattr(map_common, "renderer_shapes_text", lambda native=native: native)
        info = draw_map(
            sample_intervals(), sample_events(), TAKEN, tmp_path / f"m{native}.png", boundaries=[]
        )
        drawn = dict(info["labels"])
        if native:
            assert drawn["العشارة"] == "العشارة"
        else:
            # joined presentation forms in visual order: ة ر ا ش ع ل ا, final/medial/initial forms
            assert drawn["العشارة"] == "\ufe93\ufead\ufe8e\ufeb8\ufecc\ufedf\ufe8d"
            assert drawn["محكان"] == visual_text("محكان") != "محكان"
        labelled = [t for t, fp in texts if fp is not None and t in drawn.values()]
        assert drawn["العشارة"] in labelled  # this exact string went to matplotlib
    assert "DejaVuSans.ttf" in FONT.get_file()


def test_visual_text_keeps_latin_and_mixed_order() -> None:
    assert visual_text("Deir ez-Zor") == "Deir ez-Zor"
    mixed = visual_text("SDF (3) · قسد")
    assert mixed.startswith("SDF (3) · ") and mixed.endswith(visual_text("قسد"))
    assert display_text("قسد", native=True) == "قسد"


def test_dejavu_has_the_arabic_glyphs() -> None:
    from fontTools.ttLib import TTFont

    cmap = TTFont(FONT.get_file()).getBestCmap()
    shaped = visual_text("العشارة القورية محكان صبيخان ذيبان غريبه دبلان")
    assert all(ord(c) in cmap for c in shaped if not c.isspace())


def test_undated_and_out_of_period_events_are_not_marked(tmp_path: Path) -> None:
    evs = sample_events()
    evs[1].date = None
    info = draw_map(sample_intervals(), evs, TAKEN, tmp_path / "a.png", period_days=3, boundaries=[])
    assert info["events"] == 1  # the capture on 11-01 (3 days to 11-03); the shelling lost its date
    info = draw_map(sample_intervals(), evs, TAKEN, tmp_path / "a.png", period_days=2, boundaries=[])
    assert info["events"] == 0
    info = draw_map(
        sample_intervals(), evs, date(2017, 12, 31), tmp_path / "b.png", period_days=30, boundaries=[]
    )
    assert info["events"] == 0


def test_region_and_user_boundaries(tmp_path: Path) -> None:
    layers = load_boundaries()
    assert {layer.role for layer in layers} >= {"admin0", "admin1", "admin2", "context"}
    box = region_bbox("دير الزور", layers)
    assert box is not None and 39.0 < box[0] < 40.0 and 41.0 < box[2] < 42.0
    assert region_bbox("Deir-ez-Zor", layers) == box and region_bbox("SY09", layers) == box
    assert region_bbox("Atlantis", layers) is None
    user = tmp_path / "mine.geojson"
    user.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"box"},'
        '"geometry":{"type":"Polygon","coordinates":[[[40,34],[41,34],[41,35],[40,35],[40,34]]]}}]}'
    )
    mine = load_boundaries(user)
    assert [(layer.role, len(layer.features)) for layer in mine] == [("user", 1)]
    info = draw_map(
        sample_intervals(), [], TAKEN, tmp_path / "u.png", boundaries=user, region_bbox=(39.5, 34, 41.5, 35.5)
    )
    assert info["extent"] == (39.5, 34, 41.5, 35.5)


def test_shipped_boundaries_are_small_and_attributed() -> None:
    d = map_common.BOUNDARY_DIR
    total = sum(p.stat().st_size for p in d.glob("*.geojson"))
    assert total < 600_000
    notice = (d / "NOTICE.md").read_text(encoding="utf-8")
    assert "OCHA" in notice and "HDX" in notice and "Natural Earth" in notice
    by_name = {layer.name: layer for layer in load_boundaries()}
    adm1 = by_name["syria_admin1.geojson"].features
    assert len(adm1) == 14 and len(by_name["syria_admin2.geojson"].features) == 62
    props = adm1[0]["properties"]
    assert {"name_ar", "name_en", "pcode"} <= set(props)

"""Iraq's admin units in the gazetteer (Arabic names, district seats, sub-districts), the press's
spellings of well-known places, and overlay aliases shared by several ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from places_helpers import write_csv

from rasad.places.gazetteer import Gazetteer, build_gazetteer, haversine_km
from rasad.places.sources import read_overlay, read_source_dir
from rasad.places.sources_iraq import iraq_admin


@pytest.fixture
def iraq_dir(tmp_path: Path) -> Path:
    """IOM-style rows made up for the tests: villages of two districts, far from their seats."""
    d = tmp_path / "gaz"
    d.mkdir()
    write_csv(
        d / "iraq_locations.csv",
        ["location id", "governorate", "district", "location name", "arabic name", "latitude", "longitude"],
        [
            ["2601901.0", "Kirkuk", "Al-Hawiga", "Qaryat Test One", "قرية تجربة", "35.10", "43.40"],
            ["2601902.0", "Kirkuk", "Al-Hawiga", "Qaryat Test Two", "قرية تجربة ثانية", "35.20", "43.50"],
            ["2708901.0", "Ninewa", "Telafar", "Test Village", "قرية اختبار", "36.60", "42.20"],
            ["2806901.0", "Salah al-Din", "Balad", "Balad Test", "قرية بلدية", "34.00", "44.10"],
        ],
    )
    return d


def test_districts_get_arabic_names_and_seat_coordinates(iraq_dir: Path) -> None:
    by_id = {r.id: r for r in read_source_dir(iraq_dir)}
    hawija = by_id["IQA2:kirkuk:al-hawiga"]
    assert hawija.name_ar == "الحويجة" and hawija.name_en == "Al-Hawiga"
    assert "Hawija" in hawija.alt_en
    # the seat town's coordinates, not the centroid of the two villages (35.15, 43.45)
    assert hawija.lat is not None and hawija.lon is not None
    assert haversine_km(hawija.lat, hawija.lon, 35.325, 43.768) < 3
    telafar = by_id["IQA2:ninewa:telafar"]
    assert telafar.name_ar == "تلعفر" and {"Tal Afar", "Tall Afar"} <= set(telafar.alt_en)
    # a district named by an everyday word keeps its noun: "بلد" alone is "country"
    assert by_id["IQA2:salah-al-din:balad"].name_ar == "قضاء بلد"
    # governorates: the press's English names
    assert {"Nineveh", "Ninawa"} <= set(by_id["IQA1:ninewa"].alt_en)
    assert "Saladin" in by_id["IQA1:salah-al-din"].alt_en


def test_subdistricts_are_built(iraq_dir: Path) -> None:
    by_id = {r.id: r for r in read_source_dir(iraq_dir)}
    riyadh = by_id["IQA3:kirkuk:al-riyadh"]
    assert (riyadh.kind, riyadh.admin1, riyadh.admin2, riyadh.name_ar) == (
        "subdistrict", "Kirkuk", "Al-Hawiga", "الرياض")
    assert riyadh.lat is not None and 35 < riyadh.lat < 35.5
    rabia = by_id["IQA3:ninewa:rabia"]
    assert rabia.admin2 == "Telafar" and rabia.lon is not None and rabia.lon < 42.3
    g = Gazetteer(read_source_dir(iraq_dir))
    # "ناحية الرياض" finds the Kirkuk sub-district; the noun-less name too
    assert "IQA3:kirkuk:al-riyadh" in [p.id for p in g.lookup("ناحية الرياض")]
    assert "IQA3:kirkuk:al-riyadh" in [p.id for p in g.lookup("الرياض", kind="subdistrict")]
    assert g.lookup("Nineveh", kind="governorate")[0].id == "IQA1:ninewa"


def test_admin_facts_file_is_consistent() -> None:
    facts = iraq_admin()
    for gov, dists in facts["districts"].items():
        for name, f in dists.items():
            assert f.get("ar"), (gov, name)
            lat, lon = f["seat"]
            assert 29 < lat < 37.5 and 38.5 < lon < 48.7, (gov, name)
    govs = set(facts["districts"])
    for s in facts["subdistricts"]:
        assert s["gov"] in govs and s["district"] in facts["districts"][s["gov"]], s
        assert 29 < s["lat"] < 37.5 and 38.5 < s["lon"] < 48.7, s


# ------------------------------------------------------------------ the packaged gazetteer


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return build_gazetteer()


def test_every_iraqi_district_has_an_arabic_name_and_a_plausible_seat(shipped: Gazetteer) -> None:
    dists = [p for p in shipped.places if p.id.startswith("IQA2:")]
    assert len(dists) >= 100
    for d in dists:
        assert d.name_ar, d.id
        members = [p for p in shipped.places if p.source == "iom" and p.kind == "town"
                   and p.admin1 == d.admin1 and p.admin2 == d.admin2 and p.lat is not None]
        assert members and d.lat is not None and d.lon is not None
        # the seat lies among the district's villages (catches a mistyped coordinate)
        nearest = min(haversine_km(d.lat, d.lon, m.lat, m.lon) for m in members)  # type: ignore[arg-type]
        assert nearest < 25, (d.id, nearest)


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("Nineveh", "IQA1:ninewa"),
        ("Saladin", "IQA1:salah-al-din"),
        ("Idlib", "SYA1:SY07"),
        ("Sweida", "SYA1:SY13"),
        ("Rif Dimashq", "SYA1:SY03"),
        ("Al-Ladhiqiyah", "SYA1:SY06"),
        ("Albukamal", "SY:C5167"),
        ("Kobani", "SYA2:SY0206"),
        ("Palmyra", "SYA2:SY0405"),
        ("Qamishlo", "SY:C4564"),
        ("Efrin", "SY:C1366"),
        ("Serekaniye", "SYA2:SY0804"),
        ("Mawsil", "IQC:mosul"),
        ("Hawija", "OVL:hawija"),
        ("ديريك", "SY:C4881"),
        ("معرة مصرين", "SY:C3947"),
        ("جديد بكارة", "SY:C5141"),  # the construct state by rule
        ("الساحل الأيمن", "OVL:mosul-right-bank"),
        ("مطار بغداد الدولي", "OVL:baghdad-airport"),
        ("الحويقة", "OVL:deir-huweiqa"),
        ("ناحية القيارة", "IQA3:ninewa:qayyarah"),
        ("Hawija", "IQA2:kirkuk:al-hawiga"),
    ],
)
def test_press_spellings_find_the_place(shipped: Gazetteer, name: str, pid: str) -> None:
    assert pid in [p.id for p in shipped.lookup(name)], [p.id for p in shipped.lookup(name)[:5]]


def test_common_word_districts_need_their_noun(shipped: Gazetteer) -> None:
    assert "IQA2:salah-al-din:balad" not in [p.id for p in shipped.lookup("بلد")]
    assert "IQA2:wassit:al-hai" not in [p.id for p in shipped.lookup("الحي")]
    assert "IQA2:salah-al-din:balad" in [p.id for p in shipped.lookup("قضاء بلد")]


def test_the_euphrates_is_no_town(shipped: Gazetteer) -> None:
    # the river is no place a side holds; "نهر الفرات" must not resolve to a settlement
    assert not [p for p in shipped.lookup("نهر الفرات") if p.kind in ("town", "district", "subdistrict")]


def test_overlay_alias_for_several_ids(tmp_path: Path) -> None:
    p = tmp_path / "ov.yaml"
    p.write_text('aliases:\n  "X:1 X:2": [Jdeidet Test, جديدة تجربة]\n  X:3: [Other]\n', encoding="utf-8")
    ov = read_overlay(p)
    assert sorted(ov.aliases) == sorted([("X:1", "Jdeidet Test"), ("X:1", "جديدة تجربة"),
                                         ("X:2", "Jdeidet Test"), ("X:2", "جديدة تجربة"), ("X:3", "Other")])


# ------------------------------------------------------ through the geoparser (written sentences)


@pytest.mark.parametrize(
    ("lang", "text", "name", "pid"),
    [
        ("ar", "أعلنت القوات العراقية استعادة ناحية الرياض غربي كركوك بعد معارك مع التنظيم.", "الرياض",
         "IQA3:kirkuk:al-riyadh"),
        ("ar", "قصف التحالف مواقع في ناحية ربيعة وزمار شمال غربي الموصل.", "ربيعة", "IQA3:ninewa:rabia"),
        ("ar", "وصلت تعزيزات عسكرية صباح اليوم إلى جديد بكارة قادمة من الحسكة.", "جديد بكارة",
         "SY:C5141"),
        ("ar", "تقدمت القوات في الساحل الأيمن من الموصل واقتربت من الموصل القديمة.", "الموصل القديمة",
         "OVL:mosul-old-city"),
        ("en", "Clashes erupted in Albukamal on Tuesday.", "Albukamal", "SY:C5167"),
        ("en", "Iraqi forces entered the Nineveh province town of Tal Afar.", "Nineveh", "IQA1:ninewa"),
        ("en", "Clashes erupted in Idlib province on Monday.", "Idlib", "SYA1:SY07"),
    ],
)
def test_sentences_resolve_to_the_new_names(lang: str, text: str, name: str, pid: str) -> None:
    from rasad.places.geoparser import find_places

    got = {m.name: m.place.id for m in find_places(text, lang) if m.place is not None}
    assert got.get(name) == pid, got


def test_common_word_district_is_no_place_in_a_sentence() -> None:
    from rasad.places.geoparser import find_places

    text = "وصل الوزير إلى بلد عربي آخر لبحث الأوضاع في الحي القديم."
    assert not [m for m in find_places(text, "ar") if m.place is not None and m.place.country == "IQ"]

"""Exports open unchanged in pandas and geopandas (what QGIS reads through GDAL as well)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rasad.control.timeline import build_timelines
from rasad.model import Document, Event, Evidence, Location
from rasad.outputs.acled_csv import COLUMNS as ACLED_COLUMNS
from rasad.outputs.acled_csv import write_events_acled_csv
from rasad.outputs.control_csv import write_control_csv
from rasad.outputs.geojson import write_control_geojson, write_events_geojson
from rasad.outputs.jsonl import write_events_jsonl

pd = pytest.importorskip("pandas")
gpd = pytest.importorskip("geopandas")

TEXT1 = "سيطرت قوات النظام على بلدة الحمرا بعد معارك مع داعش"
TEXT2 = "قتل ثلاثة مدنيين بقصف مدفعي على قرية تل الورد"
TEXT3 = "انسحب التنظيم من حقل النفط دون قتال"


def events() -> list[Event]:
    return [
        Event(
            "d1",
            "battles",
            "government_regains_territory",
            "SYR_GOV",
            "ISIS",
            Location("الحمرا", 35.1, 40.4, "Deir-ez-Zor", 1, "SY:C9001"),
            date(2017, 10, 1),
            1,
            None,
            Evidence(0, len(TEXT1), TEXT1),
            0.9,
            rule="terr.sayt",
            id="ev-1",
        ),
        Event(
            "d1",
            "explosions_remote_violence",
            "shelling_artillery_missile_attack",
            "SYR_GOV",
            "CIVILIANS",
            Location("تل الورد", 35.2, 40.3, "Deir-ez-Zor", 1, None),
            date(2017, 10, 2),
            1,
            3,
            Evidence(60, 60 + len(TEXT2), TEXT2),
            0.8,
            rule="shell",
            id="ev-2",
        ),
        Event(
            "d2",
            "strategic_developments",
            "non_violent_transfer_of_territory",
            None,
            "ISIS",
            Location("حقل النفط", None, None, None, 1, None),
            None,
            None,
            None,
            Evidence(5, 5 + len(TEXT3), TEXT3),
            0.6,
            rule="withdraw",
            id="ev-3",
            date_flag="publication",
        ),
        Event(
            "d3",
            "battles",
            "government_regains_territory",
            "IRQ_GOV",
            "ISIS",
            Location("القائم", 34.37, 41.09, "Anbar", 1, None),
            date(2017, 11, 3),
            1,
            None,
            Evidence(0, 10, "استعادت القوات العراقية القائم"),
            0.9,
            id="ev-4",
        ),
    ]


def test_events_jsonl_is_the_spec(tmp_path: Path):
    out = tmp_path / "events.jsonl"
    assert write_events_jsonl(events(), out) == 4
    df = pd.read_json(out, lines=True)
    assert df["sub_event_type"].iloc[0] == "government_regains_territory"
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["location"]["name"] == "الحمرا" and first["evidence"]["text"] == TEXT1


def test_acled_csv_has_acled_columns_and_names(tmp_path: Path):
    out = tmp_path / "events.csv"
    docs = {"d1": Document("d1", TEXT1, "ar", source="عنب بلدي")}
    write_events_acled_csv(events(), out, docs, gazetteer=None)
    df = pd.read_csv(out)
    assert tuple(df.columns) == ACLED_COLUMNS
    r = df.iloc[0]
    assert (r["event_type"], r["sub_event_type"]) == ("Battles", "Government regains territory")
    assert r["actor1"].startswith("Military Forces of Syria") and r["actor2"] == "Islamic State (Syria)"
    assert (r["inter1"], r["inter2"], r["interaction"]) == (1, 2, 12)
    assert (r["country"], r["iso"], r["event_date"], r["year"]) == ("Syria", 760, "2017-10-01", 2017)
    assert r["notes"] == TEXT1 and r["source"] == "عنب بلدي" and r["latitude"] == 35.1
    r2 = df.iloc[1]
    assert r2["civilian_targeting"] == "Civilian targeting" and r2["fatalities"] == 3
    assert r2["actor2"] == "Civilians (Syria)" and r2["interaction"] == 17
    r3 = df.iloc[2]
    assert r3["sub_event_type"] == "Non-violent transfer of territory" and pd.isna(r3["event_date"])
    assert pd.isna(r3["actor1"]) and r3["interaction"] == 20
    assert (
        r3["fatalities"] == 0
        and "fatalities=unstated" in r3["tags"]
        and "date_flag=publication" in r3["tags"]
    )
    r4 = df.iloc[3]  # placed by its coordinates
    assert (r4["country"], r4["actor2"]) == ("Iraq", "Islamic State (Iraq)")
    assert r4["actor1"] == "Military Forces of Iraq (2014-2018)"
    assert pd.to_datetime(df["event_date"]).dt.year.max() == 2017


def test_events_geojson_opens_in_geopandas(tmp_path: Path):
    out = tmp_path / "events.geojson"
    write_events_geojson(events(), out)
    gdf = gpd.read_file(out)
    assert len(gdf) == 4
    assert {"sub_event_type", "actor1", "evidence_text", "location_name", "confidence"} <= set(gdf.columns)
    assert gdf.geometry.iloc[0].x == pytest.approx(40.4) and gdf.geometry.iloc[0].y == pytest.approx(35.1)
    assert gdf.geometry.iloc[2] is None  # no coordinates: null geometry, the event kept
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection" and raw["features"][2]["geometry"] is None


def test_control_csv_and_snapshot_geojson(tmp_path: Path):
    ivs = build_timelines(events(), published={"d2": date(2017, 10, 5)})
    out = tmp_path / "control.csv"
    write_control_csv(ivs, out)
    df = pd.read_csv(out, keep_default_na=False)
    for col in (
        "place_name",
        "lat",
        "lon",
        "admin1",
        "controller",
        "valid_from",
        "valid_to",
        "confidence",
        "evidence",
        "place_key",
        "sources",
        "kind",
        "date_flag",
    ):
        assert col in df.columns
    row = df[df["place_key"] == "SY:C9001"].iloc[0]
    assert (row["controller"], row["valid_from"], row["valid_to"], row["evidence"]) == (
        "SYR_GOV",
        "2017-10-01",
        "",
        "ev-1",
    )
    oil = df[df["place_name"] == "حقل النفط"].iloc[0]
    assert (oil["controller"], oil["date_flag"], oil["lat"]) == ("UNKNOWN", "publication", "")
    parsed = pd.read_csv(out, parse_dates=["valid_from"])
    assert parsed["valid_from"].dt.year.min() == 2017
    snap = tmp_path / "control.geojson"
    write_control_geojson(ivs, snap, date(2017, 10, 10))
    gdf = gpd.read_file(snap)
    assert sorted(gdf["controller"]) == ["SYR_GOV", "UNKNOWN"]
    assert gdf[gdf["controller"] == "SYR_GOV"].geometry.iloc[0].x == pytest.approx(40.4)


def test_a_listed_place_has_one_name_per_language_in_every_export(tmp_path: Path):
    # the same town told in Arabic and in English: one English name in the ACLED column, both
    # gazetteer names in the JSON Lines, the name as written kept
    text_ar, text_en = "سيطرت قسد على تل أبيض", "The SDF took Tal Abyad"
    evs = [
        Event("a", "battles", "non_state_actor_overtakes_territory", "SDF", "ISIS",
              Location(name, 36.69, 38.95, "Ar-Raqqa", 1, "SY:C5792"), date(2019, 1, 1), 1, None,
              Evidence(0, len(text), text), 0.8, rule="r", id=f"ev-{i}")
        for i, (name, text) in enumerate((("تل أبيض", text_ar), ("Tal Abyad", text_en)))
    ]
    write_events_jsonl(evs, tmp_path / "e.jsonl")
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(r["place_name_ar"], r["place_name_en"]) for r in rows} == {("تل أبيض", "Tell Abiad")}
    assert [r["location"]["name"] for r in rows] == ["تل أبيض", "Tal Abyad"]
    write_events_acled_csv(evs, tmp_path / "e.csv")
    df = pd.read_csv(tmp_path / "e.csv", encoding="utf-8-sig")
    assert set(df["location"]) == {"Tell Abiad"}
    assert "location_as_written=تل أبيض" in df["tags"][0]

"""Seeds (initial control) and user corrections applied on top of derived timelines."""

from __future__ import annotations

from datetime import date

from control_builders import take

from rasad.control.timeline import build_timelines, history, snapshot

D0, D1, D2, D3 = date(2016, 1, 1), date(2017, 10, 1), date(2017, 10, 20), date(2018, 2, 1)


def live(ivs):
    return [iv for iv in ivs if iv.kind != "superseded"]


def seed(place_key: str, name: str, controller: str, as_of: date) -> dict:
    return {
        "place_key": place_key,
        "place_name": name,
        "controller": controller,
        "as_of": as_of.isoformat(),
        "lat": 35.1,
        "lon": 40.4,
        "admin1": "Deir-ez-Zor",
        "note": None,
    }


def test_seed_gives_initial_control_until_a_change():
    seeds = [seed("T:1", "الحمرا", "ISIS", D0), seed("name:الباغوز", "الباغوز", "ISIS", D0)]
    ivs = build_timelines([take("SYR_GOV", "الحمرا", D1)], seeds=seeds)
    assert snapshot(ivs, D0 - (D1 - D0)) == {}
    before = snapshot(ivs, D0)
    assert before["T:1"].controller == "ISIS" and before["T:1"].kind == "seed"
    assert before["name:باغوز"].controller == "ISIS"
    after = snapshot(ivs, D2)
    assert after["T:1"].controller == "SYR_GOV" and after["name:باغوز"].kind == "seed"


def correction(
    cid: int, target: str, controller: str, valid_from: date, valid_to: date | None = None
) -> dict:
    # the shape of Store.iter_corrections("control") rows
    return {
        "id": cid,
        "kind": "control",
        "target": target,
        "note": "checked against a second outlet",
        "payload": {
            "controller": controller,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else None,
        },
    }


def test_correction_replaces_the_corrected_interval_only():
    evs = [take("SYR_GOV", "الحمرا", D1, "a"), take("ISIS", "الحمرا", D3, "b", loser="SYR_GOV")]
    fix = correction(1, "T:1", "IRN_BACKED", D2)
    ivs = live(build_timelines(evs, corrections=[fix]))
    got = [(iv.controller, iv.kind, iv.valid_from, iv.valid_to) for iv in ivs]
    # default end: the end of the interval in force on D2 (the next change, D3)
    assert got == [
        ("SYR_GOV", "derived", D1, D2),
        ("IRN_BACKED", "correction", D2, D3),
        ("ISIS", "derived", D3, None),
    ]
    assert ivs[1].confidence == 1.0 and ivs[1].evidence == ["correction:1"] and ivs[1].lat == 35.10


def test_corrections_survive_rebuild_after_re_extraction():
    fix = correction(7, "الحمرا", "SDF", D2, D3)  # by name
    first = build_timelines([take("SYR_GOV", "الحمرا", D1, "a")], corrections=[fix])
    assert snapshot(first, D2)["T:1"].controller == "SDF"
    # re-extraction: the document now yields two events, another place appears
    again = [
        take("SYR_GOV", "الحمرا", D1, "a"),
        take("SYR_GOV", "الحمرا", D2, "a2"),
        take("SDF", "الجسر", D1, "c"),
    ]
    second = build_timelines(again, corrections=[fix])
    assert snapshot(second, D2)["T:1"].controller == "SDF"
    assert snapshot(second, D3)["T:1"].controller == "SYR_GOV"
    assert snapshot(second, D2)["T:3"].controller == "SDF"
    assert [iv.kind for iv in live(history(second, "T:1"))] == ["derived", "correction", "derived"]


def test_correction_none_deletes_a_false_extraction_and_new_places_can_be_corrected():
    evs = [take("ISIS", "الحمرا", D1, "a", loser="SYR_GOV")]
    ivs = build_timelines(
        evs, corrections=[correction(1, "T:1", "NONE", D1), correction(2, "name:الباغوز", "ISIS", D0, D1)]
    )
    assert "T:1" not in snapshot(ivs, D2)
    assert snapshot(ivs, D0)["name:باغوز"].controller == "ISIS"  # keys drop the article
    assert "name:باغوز" not in snapshot(ivs, D1)


def test_later_correction_wins_where_corrections_overlap():
    evs = [take("SYR_GOV", "الحمرا", D1, "a")]
    ivs = build_timelines(
        evs, corrections=[correction(1, "T:1", "SDF", D1, D3), correction(2, "T:1", "ISIS", D2, D3)]
    )
    assert snapshot(ivs, D1)["T:1"].controller == "SDF"
    assert snapshot(ivs, D2)["T:1"].controller == "ISIS"
    assert snapshot(ivs, D3)["T:1"].controller == "SYR_GOV"


class TwoPlacesGazetteer:
    """Two villages share a name 80 km apart; one name is unique."""

    def lookup(self, name: str):
        from rasad.model import Place

        both = [
            Place("SY:N1", "الصالحية", "As-Salhiyeh", "town", 34.73, 40.75, "SY", "Deir-ez-Zor"),
            Place("SY:N2", "الصالحية", "As-Salhiyeh", "town", 36.10, 38.05, "SY", "Aleppo"),
        ]
        if name == "الصالحية":
            return both
        if name == "الباغوز":
            return [Place("SY:B1", "الباغوز", "Baghuz", "town", 34.46, 40.95, "SY", "Deir-ez-Zor")]
        return []


def test_seed_csv_ties_names_to_gazetteer_places(tmp_path):
    from rasad.control.seeds import read_seed_csv

    f = tmp_path / "seeds.csv"
    f.write_text(
        "place,controller,as_of,lat,lon,admin1,place_key,note\n"
        "الباغوز,ISIS,2018-09-01,,,,,last pocket\n"  # unique name
        "الصالحية,SYR_GOV,2017-09-01,34.74,40.74,,,\n"  # ambiguous, coordinates decide
        "الصالحية,SDF,2017-09-01,,,Aleppo,,\n"  # ambiguous, admin1 decides
        "الصالحية,SDF,2017-09-01,,,,,\n"  # ambiguous: stays a name
        "مزرعة مجهولة,ISIS,2017-09-01,,,,,\n"  # unknown to the gazetteer
        "حقل كونيكو,SDF,2017-09-23,,,,name:حقل كونيكو,\n"
        "الباغوز,ISIS,1 Sept 2018,,,,,\n",  # bad date
        encoding="utf-8",
    )
    rows, problems = read_seed_csv(f, TwoPlacesGazetteer())
    assert [r.place_key for r in rows] == [
        "SY:B1",
        "SY:N1",
        "SY:N2",
        "name:صالحيه",
        "name:مزرعه مجهوله",
        "name:حقل كونيكو",
    ]
    assert rows[0].lat == 34.46 and rows[0].admin1 == "Deir-ez-Zor" and rows[0].note == "last pocket"
    assert rows[0].as_of == date(2018, 9, 1)
    assert problems == ["line 8: as_of '1 Sept 2018' is not YYYY-MM-DD"]
    # the seed and an event about the same gazetteer place share one timeline
    seeds = [
        {
            "place_key": r.place_key,
            "place_name": r.place_name,
            "controller": r.controller,
            "as_of": r.as_of,
            "lat": r.lat,
            "lon": r.lon,
            "admin1": r.admin1,
        }
        for r in rows
    ]
    ivs = build_timelines([], seeds=seeds)
    assert snapshot(ivs, date(2018, 10, 1))["SY:B1"].controller == "ISIS"

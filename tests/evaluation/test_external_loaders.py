"""The outside evaluation sets parse, and the label mappings cover every label they hold."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from rasad.evaluation import acled, case2021, gsr
from rasad.evaluation.mappings import acled_actor_codes, acled_sub_event_type, case_acled_classes

EXT = Path("eval") / "external"


def spec_sub_types(shared: Path) -> set[str]:
    with open(shared / "spec" / "event_types.csv", encoding="utf-8") as f:
        return {r["sub_event_type"] for r in csv.DictReader(f)}


def test_acled_2020_parses_and_every_label_maps(shared: Path) -> None:
    recs = acled.load_acled(shared / EXT / acled.ACLED_2020)
    assert len(recs) == 404
    spec = spec_sub_types(shared)
    assert all(r.sub_event_type in spec for r in recs), {
        r.acled_sub_event_type for r in recs if not r.sub_event_type
    }
    assert all(r.event_type for r in recs)
    assert all(r.day is not None and r.day.year == 2020 for r in recs)
    assert all(r.lat is not None and r.geo_precision in (1, 2, 3) for r in recs)
    uncovered = {r.actor1 for r in recs if not r.actor1_covered}
    assert not uncovered, uncovered
    # most actors are scored (mapped to codes), the vague ones are left out on purpose
    assert sum(1 for r in recs if r.actor1_codes) >= 390
    docs = acled.documents(recs)
    assert docs[0].lang == "en" and docs[0].published == recs[0].day and docs[0].text == recs[0].notes


def test_acled_mapping_covers_all_25_sub_types(shared: Path) -> None:
    spec = spec_sub_types(shared)
    names = [
        "Armed clash",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Change to group/activity",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ]
    assert all(acled_sub_event_type(n) in spec for n in names)
    assert acled_sub_event_type("Air/drone strike") == "air_drone_strike"


def test_acled_actor_mapping_examples() -> None:
    assert acled_actor_codes("Military Forces of Syria (2000-)") == (True, ("SYR_GOV",))
    assert acled_actor_codes("Military Forces of Syria (2000-) Air Force Intelligence Directorate")[1] == (
        "SYR_GOV",
    )
    assert acled_actor_codes("Military Forces of Iraq (2018-) Popular Mobilization Forces")[1][0] == "PMF"
    assert acled_actor_codes("Islamic State (Syria)")[1] == ("ISIS",)
    assert acled_actor_codes("Protesters (Iraq)")[1] == ("PROTESTERS",)
    assert acled_actor_codes("Unidentified Military Forces") == (True, None)
    assert acled_actor_codes("A Name Nobody Mapped") == (False, None)


def test_acled_2018_parses_without_event_type(shared: Path) -> None:
    recs = acled.load_acled(shared / EXT / acled.ACLED_2018)
    assert len(recs) > 4000
    assert all(r.event_type is None and r.sub_event_type is None for r in recs)
    assert all(r.day is not None and r.day.year == 2018 for r in recs)
    covered = sum(r.actor1_covered for r in recs)
    assert covered / len(recs) > 0.98


def test_case_2021_parses_and_every_label_maps(shared: Path) -> None:
    snippets = case2021.load_case(shared / EXT / case2021.CASE_TEST)
    assert len(snippets) == 1019
    labels = Counter(s.label for s in snippets)
    classes = set(case_acled_classes())
    assert len(classes) == 25
    assert classes <= set(labels)  # every ACLED class has gold snippets
    others = set(labels) - classes
    assert others == {"DIPLO", "MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME", "ATTRIB"}
    assert all(s.gold == case2021.NO_EVENT for s in snippets if s.label in others)
    spec = spec_sub_types(shared)
    assert all(s.gold in spec for s in snippets if s.label in classes)
    assert all(s.text and "\t" not in s.text for s in snippets)


def test_gsr_keeps_only_yes_and_easy_no(shared: Path) -> None:
    for et, rel in gsr.GSR_FILES.items():
        path = shared / EXT / rel
        with open(path, encoding="utf-8") as f:
            labels = Counter(r["label"] for r in csv.DictReader(f))
        rows, ignored = gsr.load_gsr(path, et)
        assert sum(r.positive for r in rows) == labels["yes"]
        assert sum(not r.positive for r in rows) == labels["easy no"]
        assert ignored == sum(labels.values()) - labels["yes"] - labels["easy no"]
        docs = gsr.documents(rows)
        assert docs and all(d.lang == "ar" for d in docs)
        assert len(docs) <= len(rows)

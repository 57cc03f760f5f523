"""A small control story, written for these tests, shared by the map tests (no tests here).

Lower Euphrates villages: held by ISIS until government forces take them in November 2017;
one SDF-held village across the river; one place the gazetteer lacks (no coordinates).
"""

from __future__ import annotations

from datetime import date

from rasad.model import ControlInterval, Event, Evidence, Location

TAKEN = date(2017, 11, 3)


def _iv(
    key: str,
    name: str,
    lat: float | None,
    lon: float | None,
    ctrl: str,
    start: date,
    end: date | None,
    ev: list[str],
    src: list[str],
    kind: str = "derived",
) -> ControlInterval:
    return ControlInterval(
        place_key=key,
        place_name=name,
        lat=lat,
        lon=lon,
        admin1="Deir-ez-Zor",
        controller=ctrl,
        valid_from=start,
        valid_to=end,
        confidence=0.8,
        evidence=ev,
        sources=src,
        kind=kind,
    )


def sample_intervals() -> list[ControlInterval]:
    ivs: list[ControlInterval] = []
    villages = [
        ("sy:ashara", "العشارة", 34.917, 40.561),
        ("sy:quriya", "القورية", 34.957, 40.537),
        ("sy:mahkan", "محكان", 34.976, 40.492),
        ("sy:subaykhan", "صبيخان", 34.850, 40.599),
    ]
    for i, (key, name, lat, lon) in enumerate(villages):
        taken = date(2017, 11, 1 + i)
        ivs.append(
            _iv(key, name, lat, lon, "ISIS", date(2014, 7, 1), taken, [], ["doc-old"], kind="observation")
        )
        ivs.append(_iv(key, name, lat, lon, "SYR_GOV", taken, None, [f"ev-{key}"], ["doc-news"]))
    ivs.append(
        _iv("sy:thiban", "ذيبان", 35.013, 40.500, "SDF", date(2017, 10, 20), None, ["ev-thiban"], ["doc-sdf"])
    )
    ivs.append(
        _iv("name:hql", "حقل الورد", None, None, "SYR_GOV", date(2017, 11, 2), None, ["ev-hql"], ["doc-news"])
    )
    return ivs


def sample_events() -> list[Event]:
    sentence = "سيطرت قوات النظام على بلدة العشارة بعد معارك عنيفة مع تنظيم الدولة"
    shelling = "قصفت مدفعية النظام بلدة القورية قبل اقتحامها"
    return [
        Event(
            doc_id="doc-news",
            event_type="battles",
            sub_event_type="government_regains_territory",
            actor1="SYR_GOV",
            actor2="ISIS",
            location=Location("العشارة", 34.917, 40.561, "Deir-ez-Zor", 1, "sy:ashara"),
            date=date(2017, 11, 1),
            time_precision=1,
            fatalities=None,
            evidence=Evidence(0, len(sentence), sentence),
            confidence=0.9,
            id="ev-sy:ashara",
        ),
        Event(
            doc_id="doc-news",
            event_type="explosions_remote_violence",
            sub_event_type="shelling_artillery_missile_attack",
            actor1="SYR_GOV",
            actor2="ISIS",
            location=Location("القورية", 34.957, 40.537, "Deir-ez-Zor", 1, "sy:quriya"),
            date=date(2017, 10, 30),
            time_precision=1,
            fatalities=None,
            evidence=Evidence(0, len(shelling), shelling),
            confidence=0.8,
            id="ev-shell-quriya",
        ),
    ]


DOCUMENTS = {
    "doc-news": {
        "url": "https://example.org/news/ashara",
        "title": "تقدم قوات النظام في ريف دير الزور",
        "text": "سيطرت قوات النظام على بلدة العشارة بعد معارك عنيفة مع تنظيم الدولة",
    },
}

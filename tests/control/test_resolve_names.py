"""A place in a timeline can be asked for by any of its gazetteer names, in either language."""

from __future__ import annotations

from datetime import date

from rasad.control.timeline import resolve_places
from rasad.model import ControlInterval
from rasad.places.gazetteer import load_gazetteer


def test_history_finds_a_place_by_its_arabic_name_when_stored_in_english() -> None:
    (place, *_) = load_gazetteer().lookup("Hajin")
    iv = ControlInterval(
        place_key=place.id,
        place_name="Hajin",
        lat=place.lat,
        lon=place.lon,
        admin1=place.admin1,
        controller="SDF",
        valid_from=date(2018, 12, 14),
        valid_to=None,
        confidence=0.8,
    )
    assert resolve_places([iv], "هجين") == [place.id]
    assert resolve_places([iv], "Hajin") == [place.id]
    assert resolve_places([iv], "منبج") == []

"""Fixtures for the places tests (geoparser): a small fake gazetteer with the agreed API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rasad.model import Place
from rasad.text.normalize import match_key

# (id, name_ar, name_en, kind, lat, lon, country, admin1, admin2)
ROWS = [
    ("t:ashara", "العشارة", "Al Asharah", "town", 34.917, 40.561, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("t:quriya", "القورية", "Al Quriyah", "town", 34.957, 40.537, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("t:mahkan", "محكان", "Mahkan", "town", 34.976, 40.492, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("t:ghariba", "غريبه", "Ghariba", "town", 34.885, 40.558, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("t:mayadin", "الميادين", "Al Mayadin", "town", 35.025, 40.428, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("d:mayadin", "الميادين", "Al Mayadin", "district", 35.025, 40.428, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("t:dez", "دير الزور", "Deir-ez-Zor", "town", 35.332, 40.141, "SY", "Deir-ez-Zor", "Deir-ez-Zor"),
    ("g:dez", "دير الزور", "Deir-ez-Zor", "governorate", 35.332, 40.141, "SY", "Deir-ez-Zor", None),
    ("t:bukamal", "البوكمال", "Abu Kamal", "town", 34.455, 40.918, "SY", "Deir-ez-Zor", "Abu Kamal"),
    ("t:manbij", "منبج", "Menbij", "town", 36.526, 37.951, "SY", "Aleppo", "Menbij"),
    ("t:tabqa", "الطبقة", "Al Thawrah", "town", 35.836, 38.548, "SY", "Ar-Raqqa", "Ath-Thawrah"),
    ("t:raqqa", "الرقة", "Ar-Raqqa", "town", 35.953, 39.006, "SY", "Ar-Raqqa", "Ar-Raqqa"),
    ("t:tal_abyad", "تل أبيض", "Tell Abiad", "town", 36.697, 38.954, "SY", "Ar-Raqqa", "Tell Abiad"),
    ("t:ras_ain", "رأس العين", "Ras Al Ain", "town", 36.851, 40.071, "SY", "Al-Hasakeh", "Ras Al Ain"),
    ("t:ain_arus", "عين العروس", "Ein Al Arus", "town", 36.669, 38.951, "SY", "Ar-Raqqa", "Tell Abiad"),
    ("t:badi", "البديع", "Al Badi", "town", 36.652, 38.967, "SY", "Ar-Raqqa", "Tell Abiad"),
    ("t:tayba_dez", "الطيبة", "Al Tayba", "town", 34.997, 40.530, "SY", "Deir-ez-Zor", "Al Mayadin"),
    ("t:tayba_homs", "الطيبة", "Al Tayba", "town", 34.850, 36.850, "SY", "Homs", "Homs"),
    ("t:tayba_daraa", "الطيبة", "Al Tayba", "town", 32.564, 36.213, "SY", "Dar'a", "Dar'a"),
    ("t:homs", "حمص", "Homs", "town", 34.732, 36.714, "SY", "Homs", "Homs"),
    ("g:homs", "حمص", "Homs", "governorate", 34.732, 36.714, "SY", "Homs", None),
    ("t:daraa", "درعا", "Dar'a", "town", 32.625, 36.106, "SY", "Dar'a", "Dar'a"),
    ("g:daraa", "درعا", "Dar'a", "governorate", 32.625, 36.106, "SY", "Dar'a", None),
    ("t:saraqib", "سراقب", "Saraqab", "town", 35.861, 36.806, "SY", "Idleb", "Idleb"),
    ("t:bashar", "بشار", "Bashar", "town", 35.300, 36.600, "SY", "Hama", "Hama"),
    ("t:khamis", "الخميس", "Al Khamis", "town", 35.400, 36.700, "SY", "Hama", "Hama"),
    ("t:mosul", "الموصل", "Mosul", "town", 36.340, 43.130, "IQ", "Ninewa", "Mosul"),
    ("t:zara", "زارة", "Zara", "town", 35.000, 36.600, "SY", "Hama", "Hama"),
    ("t:binnish", "بنش", "Bennsh", "town", 35.956, 36.708, "SY", "Idleb", "Idleb"),
    ("t:hajin", "هجين", "Hajin", "town", 34.695, 40.826, "SY", "Deir-ez-Zor", "Abu Kamal"),
    ("t:tayba_iq", "الطيبة", "Al Tayba", "town", 36.200, 43.300, "IQ", "Ninewa", "Mosul"),
]


class FakeGazetteer:
    """places / names() / lookup() / get() as agreed in COMMON.md."""

    def __init__(self) -> None:
        self.places = [Place(id=r[0], name_ar=r[1], name_en=r[2], kind=r[3], lat=r[4], lon=r[5], country=r[6],
                             admin1=r[7], admin2=r[8], source="test") for r in ROWS]
        self._names: list[tuple[str, int, str]] = []
        for i, p in enumerate(self.places):
            for n in (p.name_ar, p.name_en):
                if n:
                    self._names.append((match_key(n), i, "exact"))

    def names(self) -> Iterator[tuple[str, int, str]]:
        return iter(self._names)

    def lookup(self, name: str) -> list[Place]:
        key = match_key(name)
        return [self.places[i] for n, i, _k in self._names if n == key]

    def get(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)


@pytest.fixture(scope="session")
def fake_gazetteer() -> FakeGazetteer:
    return FakeGazetteer()

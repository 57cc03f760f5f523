"""Geoparser mechanisms (second wave): Latin name boundaries, far homonyms, frames over
coordinated places, the 'near' check for admin units, region precision, the neighbourhood noun,
verbs in lists. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from rasad.model import Place, PlaceMention
from rasad.places.geoparser import find_places
from rasad.text.normalize import match_key

# (id, name_ar, name_en, kind, lat, lon, admin1, admin2)
ROWS = [
    ("t:hajin", "هجين", "Hajin", "town", 34.695, 40.826, "Deir-ez-Zor", "Abu Kamal"),
    ("t:bukamal", "البوكمال", "Abu Kamal", "town", 34.455, 40.918, "Deir-ez-Zor", "Abu Kamal"),
    ("t:mayadin", "الميادين", "Al Mayadin", "town", 35.025, 40.428, "Deir-ez-Zor", "Al Mayadin"),
    # a village name shared by two places far from the Euphrates valley
    ("t:hamra_raqqa", "الحمرا", "Al Hamra", "town", 36.570, 39.210, "Ar-Raqqa", "Tell Abiad"),
    ("t:hamra_idleb", "الحمرا", "Al Hamra", "town", 35.770, 36.990, "Idleb", "Idleb"),
    # the same name once more, near the valley
    ("t:jalaa_dez", "الجلاء", "Al Jalaa", "town", 34.480, 40.870, "Deir-ez-Zor", "Abu Kamal"),
    ("t:jalaa_hama", "الجلاء", "Al Jalaa", "town", 35.100, 36.700, "Hama", "Hama"),
    ("t:mahkan", "محكان", "Mahkan", "town", 34.976, 40.492, "Deir-ez-Zor", "Al Mayadin"),
    ("t:ghariba", "غريبه", "Ghariba", "town", 34.885, 40.558, "Deir-ez-Zor", "Al Mayadin"),
    ("t:daraa", "درعا", "Daraa", "town", 32.625, 36.106, "Dar'a", "Dar'a"),
    ("t:ain_dara", "عين دارة", "Ain Dara", "town", 36.460, 36.850, "Aleppo", "Afrin"),
    ("t:manbij", "منبج", "Menbij", "town", 36.526, 37.951, "Aleppo", "Menbij"),
]


class SmallGazetteer:
    def __init__(self) -> None:
        self.places = [
            Place(
                id=r[0],
                name_ar=r[1],
                name_en=r[2],
                kind=r[3],
                lat=r[4],
                lon=r[5],
                country="SY",
                admin1=r[6],
                admin2=r[7],
                source="test",
            )
            for r in ROWS
        ]
        self._names = [
            (match_key(n), i, "exact") for i, p in enumerate(self.places) for n in (p.name_ar, p.name_en) if n
        ]

    def names(self) -> Iterator[tuple[str, int, str]]:
        return iter(self._names)

    def lookup(self, name: str) -> list[Place]:
        return [self.places[i] for n, i, _k in self._names if n == match_key(name)]

    def get(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)


@pytest.fixture(scope="module")
def small() -> SmallGazetteer:
    return SmallGazetteer()


@pytest.fixture(scope="module")
def shipped() -> Any:
    from rasad.places.gazetteer import load_gazetteer

    return load_gazetteer()


def _named(ms: list[PlaceMention], name: str) -> PlaceMention:
    for m in ms:
        if m.name == name:
            return m
    raise AssertionError(f"{name!r} not among {[m.name for m in ms]}")


# ------------------------------------------------------------------ Latin name boundaries


def test_lowercase_words_are_never_latin_names(small: SmallGazetteer) -> None:
    text = "Artillery hit Hajin at dawn; Mayadin city was quiet and Abu Kamal town was calm."
    ms = find_places(text, "en", small)
    assert sorted(m.name for m in ms) == ["Abu Kamal", "Hajin", "Mayadin"]
    assert all(m.place is not None for m in ms)


@pytest.mark.parametrize(
    "text", ["Fighting went on in Daraa overnight.", "In Daraa, fighting went on overnight."]
)
def test_a_function_word_never_starts_a_latin_name(small: SmallGazetteer, text: str) -> None:
    ms = find_places(text, "en", small)  # "in Daraa" is not the village "Ain Dara"
    assert [(m.name, m.place.id if m.place else None) for m in ms] == [("Daraa", "t:daraa")]


def test_a_capitalised_frame_word_ends_a_latin_name(small: SmallGazetteer) -> None:
    ms = find_places("Drones struck targets in Hajin Countryside on Sunday.", "en", small)
    m = _named(ms, "Hajin")
    assert m.frame == "countryside" and m.place is not None and m.place.id == "t:hajin"


# ------------------------------------------------------------------ homonyms far from the document


def test_a_homonym_far_from_every_other_place_stays_unresolved(small: SmallGazetteer) -> None:
    text = "Shelling hit Hajin, al-Hamra and Abu Kamal, and later Mayadin."
    m = _named(find_places(text, "en", small), "al-Hamra")
    assert m.place is None and len(m.candidates) == 2  # a village no list has, kept by name


def test_a_homonym_near_the_other_places_is_chosen(small: SmallGazetteer) -> None:
    text = "قصفت المدفعية هجين والجلاء والبوكمال ثم الميادين"
    m = _named(find_places(text, "ar", small), "الجلاء")
    assert m.place is not None and m.place.id == "t:jalaa_dez"


# ------------------------------------------------------------------ frames and coordination


def test_a_frame_locates_the_place_after_it_not_the_next_coordinated_one(small: SmallGazetteer) -> None:
    text = "سيطرت الوحدات على قرية محكان شرقي المدينة وقرية غريبه غربيها"
    ms = find_places(text, "ar", small)
    g = _named(ms, "غريبه")
    assert not g.frame_only and g.frame is None and g.place is not None and g.place.id == "t:ghariba"
    assert _named(ms, "محكان").place is not None


# ------------------------------------------------------------------ stray words in lists


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("تواصلت المواجهات شمالي بلدة الباب وساندت المدفعية الفصائل المتقدمة", "ساندت"),
        ("انسحب المقاتلون من ريف الميادين، واستولى التنظيم على عربات", "استولى"),
        ("دخلت القوات بلدة هجين وفكت الحصار عن الأهالي", "فكت"),
        ("خرج العشرات في درعا، خاصة الشبان منهم", "خاصة"),
    ],
)
def test_verbs_and_adverbs_after_a_place_are_no_list_items(
    small: SmallGazetteer, text: str, word: str
) -> None:
    ms = find_places(text, "ar", small)
    assert not any(word in m.name for m in ms), [m.name for m in ms]


# ------------------------------------------------------------------ the shipped gazetteer


def test_an_admin_unit_next_to_another_keeps_its_place(shipped: Any) -> None:
    ms = find_places("نزحت عائلات من محافظة ديالى المجاورة لمحافظة صلاح الدين", "ar", shipped)
    m = _named(ms, "ديالى")
    assert m.place is not None and m.place.kind == "governorate" and m.place.admin1 == "Diyala"


def test_a_subdistrict_far_in_a_direction_keeps_its_place(shipped: Any) -> None:
    ms = find_places("هاجم مسلحون ناحية ربيعة شمال غربي الموصل", "ar", shipped)
    m = _named(ms, "ربيعة")
    assert m.place is not None and m.place.admin1 == "Ninewa"


def test_a_region_has_precision_two(shipped: Any) -> None:
    ms = find_places("توغلت القطعات في الساحل الأيمن من الموصل صباح الأحد", "ar", shipped)
    m = next(m for m in ms if m.place is not None and m.place.kind == "region")
    assert m.geo_precision == 2


def test_the_neighbourhood_noun_is_no_part_of_the_name(shipped: Any) -> None:
    ms = find_places("انفجرت عبوة ناسفة في حي الزهراء بحمص مساء الخميس", "ar", shipped)
    m = _named(ms, "الزهراء")
    assert m.place is not None and m.place.admin1 == "Homs"  # the Homs neighbourhood, not an Iraqi one


def test_a_short_governorate_name_after_a_preposition_is_a_place(shipped: Any) -> None:
    ms = find_places("قتل ثلاثة مدنيين في حمص", "ar", shipped)
    assert [m.place.admin1 for m in ms if m.place] == ["Homs"]


def test_cli_shows_english_names_for_english_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad.cli import common
    from rasad.cli.main import app

    monkeypatch.setattr(common.console, "width", 200)  # whatever the terminal running the tests
    res = CliRunner().invoke(app, ["places", "find", "Drones struck Abu Kamal and Mayadin overnight."])
    assert res.exit_code == 0
    assert "Abu Kamal [town" in res.output
    assert not any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in res.output)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [("دارت اشتباكات عنيفة في الأنبار ليلا", "Anbar"), ("نزحت مئات العائلات إلى ديالى", "Diyala")],
)
def test_a_governorate_spelt_as_listed_beats_a_village_spelt_by_rule(
    shipped: Any, text: str, admin1: str
) -> None:
    # "الأنبار" is the governorate, not the village "أنبار" with an article added by rule;
    # "ديالى" alone is not the neighbourhood a list calls "حي ديالى"
    m = find_places(text, "ar", shipped)[-1]
    assert m.place is not None and m.place.kind == "governorate" and m.place.admin1 == admin1


def test_a_governorate_seat_beats_a_neighbourhood_of_the_same_name(shipped: Any) -> None:
    ms = find_places("Clashes were reported in Daraa, in Al-Suwaidaa and in Quneitra.", "en", shipped)
    got = {m.name: m.place.admin1 if m.place else None for m in ms}
    assert got == {"Daraa": "Dar'a", "Al-Suwaidaa": "As-Sweida", "Quneitra": "Quneitra"}


def test_two_latin_words_matched_apart_that_spell_a_listed_name_are_that_place():
    # "Kafr Nabl" is listed as "Kafr Nobol": not the village "Kafr" and the town "Nubl"
    ms = find_places("Troops recaptured the town of Kafr Nabl from rebels on Sunday.", "en")
    assert [(m.name, m.place.name_en if m.place else None) for m in ms] == [("Kafr Nabl", "Kafr Nobol")]


def test_an_english_word_opening_a_sentence_is_no_place_but_a_listed_name_is():
    # "Furious" is written like the key of a village (Al-Faris); "Aleppo" is the listed name itself
    ms = find_places("Furious residents blocked the road in Basra on Friday.", "en")
    assert [m.name for m in ms] == ["Basra"]
    ms = find_places("Aleppo saw clashes on Friday. Mosul was calm.", "en")
    assert [m.name for m in ms] == ["Aleppo", "Mosul"]
    # a line of its own opens a sentence too
    ms = find_places("Breaking news\nFurious residents blocked the road in Basra.", "en")
    assert [m.name for m in ms] == ["Basra"]
